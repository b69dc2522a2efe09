"""Run the replications of a scenario, serially or in local processes, with identical results."""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from meritsim.engine import RunResult, simulate_replication
from meritsim.experiments.provenance import manifest
from meritsim.experiments.summary import summarise
from meritsim.params.loading import scenario_hash
from meritsim.params.schema import Scenario


@dataclass
class SimulationResult:
    """The tables of a run (all replications) and its manifest."""

    yearly: pd.DataFrame
    org: pd.DataFrame
    summary: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)


def _one(args: tuple[Scenario, int, int, int]) -> tuple[int, RunResult, float]:
    scenario, replication, years, seed = args
    start = time.perf_counter()
    result = simulate_replication(scenario, replication, years=years, seed=seed)
    return replication, result, time.perf_counter() - start


def simulate(
    scenario: Scenario,
    *,
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    progress: bool = False,
) -> SimulationResult:
    """Simulate ``replications`` replications of ``scenario`` (defaults from the scenario).

    Replication ``r`` uses the random streams of ``(seed, r)`` whatever ``jobs`` is, so serial and
    parallel runs give identical tables. ``jobs > 1`` runs in local processes (not from notebooks).
    """
    reps = scenario.replications if replications is None else replications
    years = scenario.years if years is None else years
    seed = scenario.seed if seed is None else seed
    tasks = [(scenario, r, years, seed) for r in range(reps)]
    start = time.perf_counter()
    done: dict[int, tuple[RunResult, float]] = {}
    bar = _bar(reps, scenario.name, progress)
    if jobs > 1 and reps > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, reps)) as pool:
            for r, result, secs in pool.map(_one, tasks):
                done[r] = (result, secs)
                bar.update()
    else:
        for task in tasks:
            r, result, secs = _one(task)
            done[r] = (result, secs)
            bar.update()
    bar.close()
    order = sorted(done)
    yearly = pd.concat([done[r][0].yearly for r in order], ignore_index=True)
    org = pd.concat([done[r][0].org for r in order], ignore_index=True)
    summary = summarise(yearly, org)
    summary.insert(2, "seed", seed)
    summary["parameters_hash"] = scenario_hash(scenario)
    timings = {
        "total_seconds": round(time.perf_counter() - start, 4),
        "jobs": jobs,
        "replication_seconds": [round(done[r][1], 4) for r in order],
    }
    return SimulationResult(yearly, org, summary, manifest(scenario, seed, reps, years, timings))


def _bar(total: int, name: str, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=f"{name}", unit="rep", disable=not enabled, leave=False)
