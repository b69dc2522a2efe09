"""An estimate of the merit-system index (KASN's 8 aspects, 0-400; see
docs/explanation/merit-system.md) from a scenario's configuration and a year's simulated outcomes.

Each aspect scores 0-1; the index is ``400 x sum_a w_a s_a / sum_a w_a`` with the weights of
``scenario.merit_index``. The aspect scores (an estimate, not KASN's instrument):

- needs planning: share of posts filled;
- procurement: share of entry-level vacancies refilled by each recruitment wave (``fill_share``);
- career development: mean of assessment coverage (share of staff with a valid assessment), talent
  management in use (succession from the talent pool) and training coverage (trained / 5 % of staff,
  capped at 1);
- promotion and transfer: share of the year's appointments that went to a top-merit candidate and
  were not irregular;
- performance management: 1 - appraisal favouritism, 80 %; a dismissal rule for poor performance, 20 %;
- pay, awards and discipline: enforcement, 50 %; 1 - share of posts held irregularly, 50 %;
- protection and services, information systems: not simulated, parameters.

Categories: IV "Sangat Baik" 325-400, III "Baik" 250-324, II "Kurang" 175-249, I "Buruk" below 175.
"""

from __future__ import annotations

from meritsim.model.scenario.schema import Scenario

ASPECTS = (
    "needs_planning",
    "procurement",
    "career_development",
    "promotion_transfer",
    "performance_management",
    "pay_awards_discipline",
    "protection_services",
    "information_systems",
)
CATEGORIES = ((325, "IV Sangat Baik"), (250, "III Baik"), (175, "II Kurang"), (0, "I Buruk"))


def category(score: float) -> str:
    """KASN category of an index score."""
    return next(name for low, name in CATEGORIES if score >= low)


def _share(part: float, whole: float, empty: float = 1.0) -> float:
    return part / whole if whole else empty


def aspect_scores(scenario: Scenario, year: dict[str, float]) -> dict[str, float]:
    """Scores 0-1 of the 8 aspects; ``year`` holds the year's counts (see the module docstring)."""
    mi, kkn = scenario.merit_index, scenario.kkn
    training_coverage = min(_share(year["trained"], 0.05 * year["headcount"], 0.0), 1.0)
    return {
        "needs_planning": _share(year["headcount"], year["posts"]),
        "procurement": scenario.rules.recruitment.fill_share,
        "career_development": (
            _share(year["assessed_valid"], year["headcount"], 0.0)
            + float(year["talent_in_use"])
            + training_coverage
        )
        / 3,
        "promotion_transfer": _share(
            year["merit_consistent"] - year["irregular_merit"], year["appointments"]
        ),
        "performance_management": 0.8 * (1 - scenario.rules.appraisal.favouritism)
        + 0.2 * float(scenario.rules.exits.dismissal_predikat is not None),
        "pay_awards_discipline": 0.5 * kkn.enforcement
        + 0.5 * (1 - _share(year["irregular_holders"], year["headcount"], 0.0)),
        "protection_services": mi.protection_score,
        "information_systems": mi.information_systems_score,
    }


def merit_index(scenario: Scenario, year: dict[str, float]) -> tuple[float, dict[str, float]]:
    """The index (0-400) and the aspect scores."""
    scores = aspect_scores(scenario, year)
    weights = {a: getattr(scenario.merit_index, a) for a in ASPECTS}
    total = sum(weights.values())
    index = 400 * sum(weights[a] * scores[a] for a in ASPECTS) / total if total else float("nan")
    return index, scores
