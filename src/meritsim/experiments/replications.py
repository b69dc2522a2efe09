"""Run the replications of one scenario: serially, in local processes or on Dask, identically."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from meritsim.experiments.batch import run_batch
from meritsim.experiments.executors import check_scheduler
from meritsim.experiments.outcomes import outcomes
from meritsim.experiments.provenance import manifest, meritsim_version
from meritsim.experiments.resources import check_memory, check_replications
from meritsim.experiments.store import ChunkStore, file_sha256
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


@functools.lru_cache(maxsize=32)
def _snapshot_sha256(path: str, mtime_ns: int, size: int) -> str:
    return file_sha256(path)


def snapshot_sha256(scenario: Scenario) -> str | None:
    """SHA-256 of the contents of the scenario's snapshot file (None without one); each file is
    read once while its modification time and size stay the same."""
    if scenario.workforce is None:
        return None
    path = scenario.workforce.snapshot
    st = os.stat(path)
    return _snapshot_sha256(path, st.st_mtime_ns, st.st_size)


def task_stem(scenario: Scenario, years: int, seed: int, labels: dict | None = None) -> str:
    """16 hex digits naming everything a replication's tables depend on but its number: the
    resolved scenario, the snapshot's contents, the meritsim version, years, seed and labels."""
    inputs = {
        "scenario": scenario_hash(scenario),
        "snapshot": snapshot_sha256(scenario),
        "meritsim": meritsim_version(),
        "years": years,
        "seed": seed,
        "labels": labels or {},
    }
    canonical = json.dumps(inputs, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def tasks_for(
    scenario: Scenario, replications: range, years: int, seed: int, labels: dict | None = None
) -> list[Task]:
    """One task per replication, keyed ``<task_stem>-r<replication>``."""
    stem = task_stem(scenario, years, seed, labels)
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
    ``out/chunks`` and a rerun of the same inputs skips those already there.

    Raises ValueError for more replications than the schema allows, MemoryBudgetError if the run
    would not fit in memory and SchedulerError for a bad scheduler address, before anything runs.
    """
    reps = scenario.replications if replications is None else replications
    years = scenario.years if years is None else years
    seed = scenario.seed if seed is None else seed
    check_replications(reps)
    check_scheduler(scheduler)
    if scheduler in (None, "local"):  # a remote cluster's memory is not this machine's
        check_memory([scenario], jobs, reps)
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
