"""Studies: comparisons of scenarios under common random numbers (with replications added until
precise enough) and sweeps over levers and uncertainties with sensitivity indices."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from meritsim.analysis import compare_outcomes, half_width, paired_difference, regress, sensitivity
from meritsim.experiments.batch import run_batch
from meritsim.experiments.executors import check_scheduler
from meritsim.experiments.outcomes import OUTCOMES, outcomes
from meritsim.experiments.provenance import manifest
from meritsim.experiments.replications import tasks_for
from meritsim.experiments.resources import check_memory, check_replications
from meritsim.experiments.store import ChunkStore
from meritsim.experiments.sweep import SweepSpec, design_points, point_scenarios
from meritsim.params.loading import scenario_hash
from meritsim.params.schema import Scenario

DEFAULT_REPLICATIONS = 10


@dataclass(frozen=True)
class Precision:
    """Keep adding replications until the 95 % CI half-width of ``outcome`` (every scenario's mean
    and every paired difference) is at most ``half_width``, or ``max_replications`` is reached."""

    outcome: str
    half_width: float
    max_replications: int = 1000


@dataclass
class Comparison:
    """Everything a comparison produced."""

    yearly: pd.DataFrame
    org: pd.DataFrame
    outcomes: pd.DataFrame  # one row per scenario x replication
    comparison: pd.DataFrame  # one row per outcome x scenario
    manifest: dict[str, Any] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)

    def table(self, outcomes: list[str] | None = None) -> str:
        """A readable text table of means and differences with their CIs."""
        return format_comparison(self.comparison, outcomes)


def _widest(table: pd.DataFrame, outcome: str, baseline: str) -> float:
    base = table[table.scenario == baseline].set_index("replication")[outcome]
    widths = []
    for s, g in table.groupby("scenario", sort=False):
        x = g.set_index("replication")[outcome]
        widths.append(half_width(x))
        if s != baseline:
            d = paired_difference((x - base).dropna().to_numpy())
            widths.append((d["diff_ci_high"] - d["diff_ci_low"]) / 2)
    widths = [w if math.isfinite(w) else math.inf for w in widths]
    return max(widths)


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
    *,
    baseline: str | None = None,
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    warmup: int = 0,
    jobs: int = 1,
    scheduler: str | None = None,
    out: str | Path | None = None,
    precision: Precision | None = None,
    progress: bool = False,
) -> Comparison:
    """Run every scenario on the same replications (common random numbers) and compare them.

    Years and seed default to the first scenario's; replications to 10. With ``out``, each
    replication streams to ``out/chunks`` and an interrupted comparison resumes where it stopped.
    Too many replications, a run that would not fit in memory (MemoryBudgetError) or a bad
    scheduler (SchedulerError) raise ValueError before anything runs.
    """
    names = [s.name for s in scenarios]
    baseline = check_names(names, baseline)
    if precision is not None and precision.outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {precision.outcome!r}; choose from {', '.join(OUTCOMES)}")
    first = scenarios[0]
    years = first.years if years is None else years
    seed = first.seed if seed is None else seed
    reps = replications or DEFAULT_REPLICATIONS
    if warmup >= years:
        raise ValueError(f"warm-up ({warmup}) must be shorter than the run ({years} years)")
    check_replications(reps)
    most = reps
    if precision is not None:
        check_replications(precision.max_replications, what="max_replications")
        most = max(reps, precision.max_replications)
    check_scheduler(scheduler)
    if scheduler in (None, "local"):  # a remote cluster's memory is not this machine's
        check_memory(scenarios, jobs, len(scenarios) * most)
    store = ChunkStore(out) if out is not None else None
    while True:
        tasks = [t for s in scenarios for t in tasks_for(s, range(reps), years, seed)]
        batch = run_batch(
            tasks, jobs=jobs, scheduler=scheduler, store=store, progress=progress, description="compare"
        )
        table = outcomes(batch.yearly, batch.org, warmup)
        if precision is None or batch.failures or reps >= precision.max_replications:
            break
        width = _widest(table, precision.outcome, baseline)
        if width <= precision.half_width:
            break
        grow = math.ceil(reps * min((width / precision.half_width) ** 2, 4.0))
        reps = min(precision.max_replications, max(grow, reps + max(jobs, 2)))
    stats = compare_outcomes(table, list(OUTCOMES), baseline)
    meta = manifest(
        first,
        seed,
        reps,
        years,
        {
            "total_seconds": batch.total_seconds,
            "jobs": jobs,
            "scheduler": scheduler,
            "resumed": batch.resumed,
        },
    )
    meta.pop("parameters")
    meta.pop("parameters_hash")
    meta.pop("scenario")
    meta |= {
        "scenarios": names,
        "baseline": baseline,
        "warmup": warmup,
        "precision": None
        if precision is None
        else precision.__dict__ | {"achieved_half_width": _widest(table, precision.outcome, baseline)},
        "parameters_hash": {s.name: scenario_hash(s) for s in scenarios},
        "parameters": {s.name: s.model_dump(mode="json") for s in scenarios},
        "failures": [{k: f[k] for k in ("scenario", "replication", "seed", "error")} for f in batch.failures],
    }
    return Comparison(batch.yearly, batch.org, table, stats, meta, batch.failures)


def format_comparison(stats: pd.DataFrame, outcomes: list[str] | None = None) -> str:
    """Means [95 % CI] per scenario and paired differences against the baseline, as text."""
    chosen = outcomes or list(OUTCOMES)
    lines = []
    for outcome in chosen:
        rows = stats[stats.outcome == outcome]
        if rows.empty:
            continue
        lines.append(f"{outcome}: {OUTCOMES.get(outcome, '')}")
        for r in rows.itertuples():
            text = f"  {r.scenario:<24} {r.mean:10.3f} [{r.ci_low:9.3f}, {r.ci_high:9.3f}]"
            if r.scenario != r.baseline:
                text += (
                    f"   vs {r.baseline}: {r.diff:+9.3f} [{r.diff_ci_low:+.3f}, {r.diff_ci_high:+.3f}]"
                    f"  p={r.p_value:.3g}  dz={r.cohen_dz:+.2f}"
                )
            lines.append(text)
    return "\n".join(lines)


@dataclass
class Sweep:
    """Everything a sweep produced."""

    points: pd.DataFrame  # one row per design point: the varied parameters
    yearly: pd.DataFrame
    org: pd.DataFrame
    outcomes: pd.DataFrame  # one row per point x replication, parameters joined
    indices: pd.DataFrame  # sobol/morris indices per outcome x parameter (empty otherwise)
    regression: pd.DataFrame  # OLS of each outcome on the varied parameters
    manifest: dict[str, Any] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)


def sweep(
    spec: SweepSpec,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    out: str | Path | None = None,
    progress: bool = False,
) -> Sweep:
    """Run a sweep: every design point x replication (common random numbers across points)."""
    points = design_points(spec)
    scenarios = point_scenarios(spec, points)  # every point validated before anything runs
    first = scenarios[0]
    years = spec.years or first.years
    seed = first.seed if spec.seed is None else spec.seed
    if spec.warmup >= years:
        raise ValueError(f"warmup ({spec.warmup}) must be shorter than the run ({years} years)")
    check_scheduler(scheduler)
    if scheduler in (None, "local"):
        check_memory(scenarios, jobs, len(scenarios) * spec.replications)
    tasks = [
        t
        for i, s in enumerate(scenarios)
        for t in tasks_for(s, range(spec.replications), years, seed, {"point": i})
    ]
    batch = run_batch(
        tasks,
        jobs=jobs,
        scheduler=scheduler,
        store=ChunkStore(out) if out else None,
        progress=progress,
        description=spec.name,
    )
    table = outcomes(batch.yearly, batch.org, spec.warmup) if len(batch.org) else pd.DataFrame()
    if len(table):
        table.insert(0, "point", table.scenario.str.rsplit("/p", n=1).str[1].astype(int))
        table = table.merge(points.reset_index(), on="point", how="left")
    indices, regression = _analyse(spec, points, table) if not batch.failures else (pd.DataFrame(),) * 2
    meta = manifest(
        first,
        seed,
        spec.replications,
        years,
        {
            "total_seconds": batch.total_seconds,
            "jobs": jobs,
            "scheduler": scheduler,
            "resumed": batch.resumed,
        },
    )
    for key in ("parameters", "parameters_hash", "scenario"):
        meta.pop(key)
    meta |= {
        "sweep": spec.model_dump(mode="json"),
        "points": len(points),
        "parameters_hash": {s.name: scenario_hash(s) for s in scenarios},
        "base_parameters": first.model_dump(mode="json"),
        "failures": [
            {k: f[k] for k in ("scenario", "point", "replication", "seed", "error")} for f in batch.failures
        ],
    }
    return Sweep(
        points.reset_index(), batch.yearly, batch.org, table, indices, regression, meta, batch.failures
    )


def _analyse(spec: SweepSpec, points: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    names = list(spec.parameters)
    means = table.groupby("point")[spec.outcomes].mean().reindex(points.index)
    indices = []
    if spec.design.method in ("sobol", "morris"):
        bounds = [[r.min, r.max] for r in spec.parameters.values()]
        for outcome in spec.outcomes:
            idx = sensitivity(
                spec.design.method,
                names,
                bounds,
                points[names].to_numpy(float),
                means[outcome].to_numpy(float),
                levels=spec.design.levels,
                seed=spec.design.seed,
            )
            indices.append(idx.assign(outcome=outcome))
    varied = [n for n in names if table[n].nunique() > 1]
    regression = [
        regress(table, outcome, varied).assign(outcome=outcome)
        for outcome in spec.outcomes
        if varied and table[outcome].notna().sum() > len(varied) + 1
    ]
    return (
        pd.concat(indices, ignore_index=True) if indices else pd.DataFrame(),
        pd.concat(regression, ignore_index=True) if regression else pd.DataFrame(),
    )
