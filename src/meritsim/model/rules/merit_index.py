"""The merit-system index (indeks sistem merit) as BKN and KemenPANRB score it since KASN's
functions moved to them in 2024: eight aspects, 0-400 (see docs/explanation/merit-system.md).

meritsim estimates it only from what happened in the simulated year, the same way for every
policy (no aspect looks at a policy's name). Each aspect scores 0-1, or is empty (NaN) when the
year gives nothing to judge it by (e.g. no appointment yet); the index is
``400 x sum_a w_a s_a / sum_a w_a`` over the aspects that have a score, with the weights of
``scenario.merit_index``. The aspects:

- needs planning: share of posts filled at the year end;
- procurement: share of the entry levels' vacancies that the year's recruitment filled;
- career development: mean of assessment coverage (share of staff with an assessment younger than
  ``assessment.valid_years``), succession (share of the year's appointments to senior posts that
  went to the talent pool, boxes 7-9) and training coverage (share of staff with an assessed gap to
  their post who were trained);
- promotion and transfer: share of the year's appointments that went to one of the best
  candidates by the independent yardstick, regularly;
- performance management: share of appraisals whose results rating is the one the person's true
  competence deserves (noise and favouritism lower it);
- pay, awards and discipline: mean of the share of posts held regularly and the share of
  irregular holders detected that year;
- protection and services, information systems: not simulated; weight 0 by default, an assumed
  score if given a weight.

Categories: IV "Sangat Baik" 325-400, III "Baik" 250-324, II "Kurang" 175-249, I "Buruk" below 175.
"""

from __future__ import annotations

import math

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
NAN = float("nan")


def category(score: float) -> str:
    """The category of an index score."""
    return next(name for low, name in CATEGORIES if score >= low)


def _share(part: float, whole: float) -> float:
    return part / whole if whole else NAN


def _mean(*values: float) -> float:
    known = [v for v in values if not math.isnan(v)]
    return sum(known) / len(known) if known else NAN


def aspect_scores(scenario: Scenario, year: dict[str, float]) -> dict[str, float]:
    """Scores 0-1 (NaN: nothing to judge by) of the 8 aspects from the year's counts."""
    mi = scenario.merit_index
    return {
        "needs_planning": _share(year["headcount"], year["posts"]),
        "procurement": min(_share(year["hires"], year["entry_vacancies"]), 1.0),
        "career_development": _mean(
            _share(year["assessed_valid"], year["headcount"]),
            _share(year["senior_from_pool"], year["senior_appointments"]),
            min(_share(year["trained"], year["with_gap"]), 1.0),
        ),
        "promotion_transfer": _share(
            year["merit_consistent"] - year["irregular_merit"], year["appointments"]
        ),
        "performance_management": _share(year["appraisals_accurate"], year["appraisals"]),
        "pay_awards_discipline": _mean(
            1 - _share(year["irregular_holders"], year["headcount"]),
            _share(year["detected"], year["irregular_checked"]),
        ),
        "protection_services": mi.protection_score,
        "information_systems": mi.information_systems_score,
    }


def merit_index(scenario: Scenario, year: dict[str, float]) -> tuple[float, dict[str, float]]:
    """The index (0-400) over the aspects that have a score, and the aspect scores."""
    scores = aspect_scores(scenario, year)
    weights = {a: getattr(scenario.merit_index, a) for a in ASPECTS if not math.isnan(scores[a])}
    total = sum(weights.values())
    index = 400 * sum(w * scores[a] for a, w in weights.items()) / total if total else NAN
    return index, scores
