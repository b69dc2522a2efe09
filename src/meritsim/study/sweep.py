"""Sweeps over levers and uncertainties: every design point x replication (common random numbers
across points), with sensitivity indices and a regression of each outcome."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from meritsim.model.outcomes import outcomes
from meritsim.model.scenario.files import scenario_hash
from meritsim.study.design import SweepSpec, design_points, point_scenarios
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.simulate import tasks_for
from meritsim.study.statistics import regress, sensitivity


def sweep(spec: SweepSpec, options: RunOptions | None = None) -> Results:
    """Run a sweep. Its replications, years, seed and warm-up are the spec's (else the base
    scenario's); ``options`` says where and how it runs."""
    points = design_points(spec)
    scenarios = point_scenarios(spec, points)  # every point validated before anything runs
    first = scenarios[0]
    o = replace(
        options or RunOptions(),
        replications=spec.replications,
        years=spec.years,
        seed=spec.seed,
        warmup=spec.warmup,
    )
    o = o.resolved(first)
    o.check(scenarios, len(scenarios) * o.replications)
    tasks = [
        t
        for i, s in enumerate(scenarios)
        for t in tasks_for(s, range(o.replications), o.years, o.seed, {"point": i})
    ]
    run = run_tasks(tasks, o, description=spec.name)
    table = outcomes(run.yearly, run.org, o.warmup) if len(run.org) else pd.DataFrame()
    if len(table):
        table.insert(0, "point", table.scenario.str.rsplit("/p", n=1).str[1].astype(int))
        table = table.merge(points.reset_index(), on="point", how="left")
    indices, regression = _analyse(spec, points, table) if not run.failures else (pd.DataFrame(),) * 2
    meta = manifest(first, o.seed, o.replications, o.years, run.timings(o))
    for key in ("parameters", "parameters_hash", "scenario"):
        meta.pop(key)
    meta |= {
        "sweep": spec.model_dump(mode="json"),
        "points": len(points),
        "parameters_hash": {s.name: scenario_hash(s) for s in scenarios},
        "base_parameters": first.model_dump(mode="json"),
        "failures": [
            {k: f[k] for k in ("scenario", "point", "replication", "seed", "error")} for f in run.failures
        ],
    }
    return Results(
        run.yearly, run.org, table, meta, run.failures,
        points=points.reset_index(), indices=indices, regression=regression,
    )  # fmt: skip


def _analyse(spec: SweepSpec, points: pd.DataFrame, table: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    names = list(spec.parameters)
    means = table.groupby("point")[spec.outcomes].mean().reindex(points.index)
    indices = []
    if spec.design.method in ("sobol", "morris"):
        bounds = [list(r.interval()) for r in spec.parameters.values()]
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
