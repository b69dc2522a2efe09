"""The scenario explorer's logic: settings an analyst changes, the overrides they become, and a
comparison of the chosen policies run replication by replication (so a progress bar can follow).

The widgets live in :mod:`meritsim.workbench.explorer_panel`; this module needs no ipywidgets.
A run is the same as :func:`meritsim.study.compare.compare` of the same scenarios (common random
numbers), only split into one task per policy x replication.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from meritsim.model.load import load_scenario
from meritsim.model.outcomes import COMPARED, OUTCOMES, outcomes
from meritsim.model.scenario import Scenario
from meritsim.model.scenario.files import bundled_names
from meritsim.study.compare import check_names
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.simulate import tasks_for
from meritsim.study.statistics import compare_outcomes
from meritsim.workbench import vocabulary
from meritsim.workbench.checks import ParameterError, check
from meritsim.workbench.findings import verdict
from meritsim.workbench.vocabulary import place, term

#: the policies offered, in this order (labels from the shared vocabulary)
POLICIES = ("merit", "seniority", "patronage", "lottery", "hybrid")
#: outcomes the second chart can show (all in the comparison)
OUTCOME_CHOICES = (
    "effectiveness_mean", "effectiveness_final", "senior_competence_final", "merit_index_mean",
    "irregular_share", "detected_per_year", "training_cost_per_year", "promotions_per_year",
)  # fmt: skip
SCALES = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0)  # multiples of the scenario's size


@dataclass(frozen=True)
class Lever:
    """A lever the explorer offers: its scenario path, labels, and the grid of values shown."""

    key: str
    path: str  # dotted scenario path, as in overrides
    label_id: str
    label_en: str
    low: float
    high: float
    step: float
    digits: int

    def label(self, lang: str) -> str:
        return self.label_id if lang == "id" else self.label_en

    def grid(self, also: float | None = None) -> list[float]:
        """The values from low to high by step (and ``also``, the scenario's own, if off the grid)."""
        n = round((self.high - self.low) / self.step)
        values = {round(self.low + i * self.step, 6) for i in range(n + 1)}
        if also is not None:
            values.add(round(float(also), 6))
        return sorted(values)

    def value(self, scenario: Scenario) -> float:
        """This lever's value in ``scenario``."""
        obj = scenario
        for part in self.path.split("."):
            obj = getattr(obj, part)
        return float(obj)  # type: ignore[arg-type]


LEVERS = (
    Lever("kkn_enforcement", "kkn.enforcement", "Penegakan anti-KKN (0-1)", "Anti-KKN enforcement (0-1)",
          0.0, 1.0, 0.05, 2),
    Lever("assessment_error_sd", "assessment.error_sd",
          "Mutu asesmen: galat (SD kompetensi; kecil = baik)",
          "Assessment quality: error (SD of competence; small = good)", 0.0, 3.0, 0.1, 1),
    Lever("training_budget", "training.budget_million_rp",
          "Anggaran pelatihan (juta Rp per tahun, skala 1)",
          "Training budget (million Rp per year, at scale 1)", 0.0, 10_000.0, 250.0, 0),
)  # fmt: skip
LEVER_KEYS = tuple(lever.key for lever in LEVERS)


def number(value: float, digits: int = 1, lang: str = "id", sign: bool = False) -> str:
    """:func:`meritsim.workbench.vocabulary.number` with ``digits`` decimals, where a value that
    rounds to zero has no sign (no "−0,0")."""
    shown = round(value, digits) or 0.0
    return vocabulary.number(shown, lang, digits, sign=sign and shown != 0)


def scenario_label(name: str, lang: str = "id") -> str:
    """The place a scenario stands for (``provinces/banten`` -> Provinsi Banten), with its name."""
    shown = place(name, lang)
    return shown if shown == name else f"{shown} ({name})"


def scenario_choices(current: str = "default") -> list[str]:
    """The scenarios to choose from: the example province, the bundled provinces, and
    ``current`` if it is another one (a file, say)."""
    names = ["default", *(n for n in bundled_names() if n.startswith("provinces/"))]
    return names if current in names else [*names, current]


@dataclass(frozen=True)
class Settings:
    """What the analyst chose. ``scale`` multiplies the scenario's own size; ``levers`` (key ->
    value, see :data:`LEVERS`) set those given, the others keep the scenario's value;
    ``overrides`` apply first."""

    scenario: str = "default"
    policies: tuple[str, ...] = ("merit", "seniority", "patronage")
    scale: float = 0.05
    years: int = 8
    replications: int = 3
    seed: int = 20261123
    overrides: tuple[str, ...] = ()
    levers: dict[str, float] = field(default_factory=dict)
    lang: str = "id"

    @classmethod
    def from_parameters(cls, *, scenario: str, policies: list[str], scale: float, overrides: list[str],
                        **rest: Any) -> Settings:  # fmt: skip
        """Settings from a notebook's parameters (``rest``: years, replications, seed, lang),
        checked before anything runs, so a typo fails naming the parameter; empty ``policies``
        means the scenario's own policy."""
        ok = isinstance(scale, int | float) and not isinstance(scale, bool) and 0 < scale <= 100
        if not ok:
            raise ParameterError(
                f"parameter scale = {scale!r} is not allowed; use a number above 0 and at most 100 "
                "(a multiple of the scenario's size: 0.05 is a twentieth)"
            )
        check(scenarios=[], policies=policies, overrides=overrides, **rest)  # the types
        if not policies:
            policies = [load_scenario(scenario, overrides).policy.name]
        settings = cls(scenario, tuple(policies), float(scale), overrides=tuple(overrides), **rest)
        settings.scenarios()
        return settings

    def with_lever(self, key: str, value: float) -> Settings:
        """These settings with one lever set (see :data:`LEVERS`)."""
        if key not in LEVER_KEYS:
            raise ValueError(f"unknown lever {key!r}; levers: {', '.join(LEVER_KEYS)}")
        return replace(self, levers={**self.levers, key: float(value)})

    @property
    def baseline(self) -> str:
        """merit when it is chosen, else the first policy."""
        return "merit" if "merit" in self.policies else self.policies[0]

    def base(self) -> Scenario:
        """The scenario with ``overrides`` only: its own size and lever values."""
        return load_scenario(self.scenario, list(self.overrides))

    def all_overrides(self, base: Scenario | None = None) -> list[str]:
        """``overrides``, then the size and the levers, as dotted overrides."""
        base = base or self.base()
        by_key = {lever.key: lever for lever in LEVERS}
        size = round(base.organisation.scale * self.scale, 10)
        levers = [f"{by_key[k].path}={v!r}" for k, v in sorted(self.levers.items())]
        return [*self.overrides, f"organisation.scale={size!r}", *levers]

    def scenarios(self) -> list[Scenario]:
        """One scenario per policy, named by the policy, checked through the schema."""
        if not self.policies:
            raise ValueError(word("none", self.lang))
        return check(lang=self.lang, replications=self.replications, years=self.years, seed=self.seed,
                     scenarios=[self.scenario], policies=list(self.policies),
                     overrides=self.all_overrides())  # fmt: skip


Progress = Callable[[int, int, str], None]  # (done, total, what is running next or "")


def run(settings: Settings, progress: Progress | None = None) -> Results:
    """Compare the chosen policies on the same replications, one task at a time (``progress``
    is told after each); returns :class:`Results` with ``.comparison``, like ``compare``."""
    started = time.perf_counter()
    scenarios = settings.scenarios()
    overrides = settings.all_overrides()
    baseline = check_names([s.name for s in scenarios], settings.baseline)
    options = RunOptions(replications=settings.replications, years=settings.years, seed=settings.seed)
    tasks = {
        s.name: tasks_for(s, range(settings.replications), settings.years, settings.seed) for s in scenarios
    }
    options.check(scenarios, sum(map(len, tasks.values())))
    order = [(r, name) for r in range(settings.replications) for name in tasks]  # shares spin-ups
    done: dict[tuple[int, str], tuple] = {}
    for i, (r, name) in enumerate(order):
        if progress:
            progress(i, len(order), f"{name}, {r + 1}/{settings.replications}")
        result = run_tasks([tasks[name][r]], options)
        if result.failures:
            raise RuntimeError(f"{name}, replication {r}: {result.failures[0]['error']}")
        done[r, name] = (result.yearly, result.org)
    if progress:
        progress(len(order), len(order), "")
    keys = [(r, name) for name in tasks for r in range(settings.replications)]  # compare's order
    yearly = pd.concat([done[k][0] for k in keys], ignore_index=True)
    org = pd.concat([done[k][1] for k in keys], ignore_index=True)
    table = outcomes(yearly, org, 0)
    seconds = round(time.perf_counter() - started, 3)
    meta = manifest(scenarios[0], settings.seed, settings.replications, settings.years,
                    {"total_seconds": seconds, "jobs": 1, "scheduler": None})  # fmt: skip
    meta |= {"scenarios": list(tasks), "baseline": baseline, "overrides": overrides}
    return Results(yearly, org, table, meta, comparison=compare_outcomes(table, COMPARED, baseline))


def policy_label(name: str, lang: str = "id") -> str:
    """The policy's word in the shared vocabulary (as in charts and glossaries), capitalised."""
    word = term(name, lang)
    return word[:1].upper() + word[1:]


_WORDS = {
    "ci": ("IK 95 %", "95 % CI"),
    "to": ("s.d.", "to"),
    "vs": ("selisih terhadap", "difference from"),
    "points": (" poin", " points"),
    "few": ("Hanya {n} replikasi: selang kepercayaan masih lebar; tambah replikasi sebelum menyimpulkan.",
            "Only {n} replications: the intervals are wide; add replications before concluding."),
    "none": ("pilih sedikitnya satu kebijakan", "choose at least one policy"),
}  # fmt: skip


def word(key: str, lang: str) -> str:
    """A word or sentence of the explorer's text in ``lang``."""
    return _WORDS[key][0 if lang == "id" else 1]


@dataclass(frozen=True)
class _Format:
    """How an outcome's numbers read: shares as %, percentages with one decimal, others two."""

    lang: str
    factor: float = 1.0
    digits: int = 2
    unit: str = ""

    @classmethod
    def of(cls, outcome: str, lang: str) -> _Format:
        unit = OUTCOMES[outcome].unit
        if unit in ("%", "share"):
            return cls(lang, 100.0 if unit == "share" else 1.0, 1, " %")
        return cls(lang)

    def __call__(self, value: float, sign: bool = False) -> str:
        return number(value * self.factor, self.digits, self.lang, sign)

    def interval(self, low: float, high: float, sign: bool = False) -> str:
        to = word("to", self.lang)
        return f"{word('ci', self.lang)} {self(low, sign)} {to} {self(high, sign)}"


def headline(results: Results, outcome: str = "effectiveness_mean", lang: str = "id") -> list[str]:
    """The outcome's label, then one sentence per policy: its mean with the 95 % CI and, against
    the baseline, the paired difference (points) with the reports' verdict ("no clear difference"
    when its CI spans zero); and a warning below 10 replications."""
    if results.comparison is None:
        raise ValueError("headline needs a comparison")
    rows = results.comparison[results.comparison.outcome == outcome]
    f = _Format.of(outcome, lang)
    lines = [OUTCOMES[outcome].label(lang)]
    for r in rows.itertuples():
        text = f"{policy_label(r.scenario, lang)}: {f(r.mean)}{f.unit} ({f.interval(r.ci_low, r.ci_high)})"
        if r.scenario != r.baseline and pd.notna(r.diff):
            points = word("points", lang) if f.unit else ""
            text += (
                f"; {word('vs', lang)} {policy_label(r.baseline, lang)} {f(r.diff, sign=True)}{points}"
                f" ({f.interval(r.diff_ci_low, r.diff_ci_high, sign=True)}):"
                f" {verdict(r.diff_ci_low, r.diff_ci_high, lang)}"
            )
        lines.append(text)
    n = int(rows.n.max()) if len(rows) else 0
    if n < 10:
        lines.append(word("few", lang).format(n=n))
    return lines


def charts(results: Results, outcome: str = "effectiveness_mean", lang: str = "id") -> dict[str, Any]:
    """The explorer's charts by name: effectiveness over the years, and ``outcome`` by policy."""
    from meritsim.workbench.charts import effectiveness_over_time, outcome_by_scenario

    return {
        "effectiveness_over_time": effectiveness_over_time(results.org, lang),
        f"{outcome}_by_policy": outcome_by_scenario(results.summary, outcome, lang),
    }
