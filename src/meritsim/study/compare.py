"""Comparisons of scenarios under common random numbers, with replications added until the
answer is precise enough."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from meritsim.model.outcomes import COMPARED, OUTCOMES, outcomes
from meritsim.model.scenario.files import scenario_hash
from meritsim.model.scenario.schema import Scenario
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest
from meritsim.study.resources import check_replications
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.simulate import tasks_for
from meritsim.study.statistics import compare_outcomes, half_width, paired_difference


@dataclass(frozen=True)
class Precision:
    """Keep adding replications until the 95 % CI half-width of ``outcome`` (every scenario's mean
    and every paired difference) is at most ``half_width``, or ``max_replications`` is reached."""

    outcome: str
    half_width: float
    max_replications: int = 1000


def _widest(table: pd.DataFrame, outcome: str, baseline: str) -> float:
    base = table[table.scenario == baseline].set_index("replication")[outcome]
    widths = []
    for s, g in table.groupby("scenario", sort=False):
        x = g.set_index("replication")[outcome]
        widths.append(half_width(x))
        if s != baseline:
            d = paired_difference((x - base).dropna().to_numpy())
            widths.append((d["diff_ci_high"] - d["diff_ci_low"]) / 2)
    return max(w if math.isfinite(w) else math.inf for w in widths)


def check_names(names: list[str], baseline: str | None) -> str:
    """Raise ValueError unless the names differ and include the baseline; returns the baseline."""
    if len(set(names)) != len(names):
        raise ValueError(f"scenario names must differ, got {', '.join(names)}")
    baseline = baseline or names[0]
    if baseline not in names:
        raise ValueError(f"baseline {baseline!r} is not one of the scenarios: {', '.join(names)}")
    return baseline


def compare(
    scenarios: list[Scenario],
    options: RunOptions | None = None,
    *,
    baseline: str | None = None,
    precision: Precision | None = None,
) -> Results:
    """Run every scenario on the same replications (common random numbers) and compare them.

    Unset options come from the first scenario. With ``options.out``, each replication streams
    to ``out/chunks`` and an interrupted comparison resumes where it stopped. Too many
    replications, a run that would not fit in memory or a bad scheduler raise ValueError before
    anything runs.
    """
    names = [s.name for s in scenarios]
    baseline = check_names(names, baseline)
    if precision is not None and precision.outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {precision.outcome!r}; choose from {', '.join(OUTCOMES)}")
    first = scenarios[0]
    o = (options or RunOptions()).resolved(first)
    most = o.replications
    if precision is not None:
        check_replications(precision.max_replications, what="max_replications")
        most = max(most, precision.max_replications)
    o.check(scenarios, len(scenarios) * most)
    reps = o.replications
    while True:
        tasks = [t for s in scenarios for t in tasks_for(s, range(reps), o.years, o.seed)]
        run = run_tasks(tasks, o, description="compare")
        table = outcomes(run.yearly, run.org, o.warmup)
        if precision is None or run.failures or reps >= precision.max_replications:
            break
        width = _widest(table, precision.outcome, baseline)
        if width <= precision.half_width:
            break
        grow = math.ceil(reps * min((width / precision.half_width) ** 2, 4.0))
        reps = min(precision.max_replications, max(grow, reps + max(o.jobs, 2)))
    stats = compare_outcomes(table, COMPARED, baseline)
    meta = manifest(first, o.seed, reps, o.years, run.timings(o))
    for key in ("parameters", "parameters_hash", "scenario"):
        meta.pop(key)
    achieved = None if precision is None else _widest(table, precision.outcome, baseline)
    meta |= {
        "scenarios": names,
        "baseline": baseline,
        "warmup": o.warmup,
        "precision": None if precision is None else precision.__dict__ | {"achieved_half_width": achieved},
        "parameters_hash": {s.name: scenario_hash(s) for s in scenarios},
        "parameters": {s.name: s.model_dump(mode="json") for s in scenarios},
        "failures": [{k: f[k] for k in ("scenario", "replication", "seed", "error")} for f in run.failures],
    }
    return Results(run.yearly, run.org, table, meta, run.failures, comparison=stats)


def format_comparison(stats: pd.DataFrame, outcomes: list[str] | None = None) -> str:
    """Means [95 % CI] per scenario and paired differences against the baseline (points and % of
    the baseline), as text. d_z is a paired statistic under common random numbers: it measures how
    consistently the difference shows across replications, not how large it is."""
    lines = []
    for outcome in outcomes or COMPARED:
        rows = stats[stats.outcome == outcome]
        if rows.empty:
            continue
        lines.append(f"{outcome}: {OUTCOMES[outcome].label_en if outcome in OUTCOMES else ''}")
        for r in rows.itertuples():
            text = f"  {r.scenario:<24} {r.mean:10.3f} [{r.ci_low:9.3f}, {r.ci_high:9.3f}]"
            if r.scenario != r.baseline:
                text += (
                    f"   vs {r.baseline}: {r.diff:+9.3f} [{r.diff_ci_low:+.3f}, {r.diff_ci_high:+.3f}]"
                    f" ({r.diff_pct:+.2f} %)  p={r.p_value:.3g}  paired d_z={r.cohen_dz:+.2f}"
                )
            lines.append(text)
    return "\n".join(lines)


__all__ = ["Precision", "check_names", "compare", "format_comparison"]
