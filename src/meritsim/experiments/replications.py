"""Run the replications of one scenario: serially, in local processes or on Dask, identically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from meritsim.experiments.batch import run_batch
from meritsim.experiments.outcomes import outcomes
from meritsim.experiments.provenance import manifest
from meritsim.experiments.store import ChunkStore
from meritsim.experiments.tasks import Task
from meritsim.params.loading import scenario_hash
from meritsim.params.schema import Scenario


@dataclass
class SimulationResult:
    """The tables of a run (all replications), its manifest and any failed replications."""

    yearly: pd.DataFrame
    org: pd.DataFrame
    summary: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)


def tasks_for(
    scenario: Scenario, replications: range, years: int, seed: int, labels: dict | None = None
) -> list[Task]:
    """One task per replication; the key names the scenario, parameters, years, seed and r."""
    stem = f"{scenario_hash(scenario)[:12]}-y{years}-s{seed}"
    return [Task(f"{stem}-r{r:05d}", scenario, r, years, seed, labels or {}) for r in replications]


def simulate(
    scenario: Scenario,
    *,
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    warmup: int = 0,
    out: str | Path | None = None,
    progress: bool = False,
) -> SimulationResult:
    """Simulate ``replications`` replications of ``scenario`` (defaults from the scenario).

    Replication ``r`` uses the random streams of ``(seed, r)`` wherever it runs, so serial,
    process and Dask runs give identical tables. With ``out``, each replication is streamed to
    ``out/chunks`` and a rerun skips those already there.
    """
    reps = scenario.replications if replications is None else replications
    years = scenario.years if years is None else years
    seed = scenario.seed if seed is None else seed
    tasks = tasks_for(scenario, range(reps), years, seed)
    store = ChunkStore(out) if out is not None else None
    batch = run_batch(
        tasks, jobs=jobs, scheduler=scheduler, store=store, progress=progress, description=scenario.name
    )
    summary = outcomes(batch.yearly, batch.org, warmup) if len(batch.org) else pd.DataFrame()
    if len(summary):
        summary.insert(2, "seed", seed)
        summary["parameters_hash"] = scenario_hash(scenario)
    timings = {
        "total_seconds": batch.total_seconds,
        "jobs": jobs,
        "scheduler": scheduler,
        "resumed_replications": batch.resumed,
        "replication_seconds": [batch.seconds.get(t.key) for t in tasks],
    }
    meta = manifest(scenario, seed, reps, years, timings)
    meta["warmup"] = warmup
    meta["failures"] = [{k: f[k] for k in ("replication", "seed", "error")} for f in batch.failures]
    return SimulationResult(batch.yearly, batch.org, summary, meta, batch.failures)
