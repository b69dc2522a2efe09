"""Simulate one scenario: its replications, serially, in local processes or on Dask, identically;
and the keys that name each replication's inputs."""

from __future__ import annotations

import functools
import hashlib
import json
import os

import pandas as pd

from meritsim.model.outcomes import outcomes
from meritsim.model.scenario.files import scenario_hash
from meritsim.model.scenario.schema import Scenario
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest, meritsim_version
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.store import file_sha256
from meritsim.study.tasks import Task


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


def simulate(scenario: Scenario, options: RunOptions | None = None) -> Results:
    """Simulate the replications of ``scenario`` (unset options from the scenario).

    Replication ``r`` uses the random numbers of ``(seed, r)`` wherever it runs, so serial,
    process and Dask runs give identical tables. With ``options.out``, each replication is
    streamed to ``out/chunks`` and a rerun of the same inputs skips those already there.

    Raises ValueError for more replications than the schema allows, MemoryBudgetError if the run
    would not fit in memory and SchedulerError for a bad scheduler address, before anything runs.
    """
    o = (options or RunOptions()).resolved(scenario)
    o.check([scenario], o.replications)
    tasks = tasks_for(scenario, range(o.replications), o.years, o.seed)
    run = run_tasks(tasks, o, description=scenario.name)
    table = outcomes(run.yearly, run.org, o.warmup) if len(run.org) else pd.DataFrame()
    if len(table):
        table.insert(2, "seed", o.seed)
        table["parameters_hash"] = scenario_hash(scenario)
    timings = run.timings(o) | {"replication_seconds": [run.seconds.get(t.key) for t in tasks]}
    meta = manifest(scenario, o.seed, o.replications, o.years, timings)
    meta["warmup"] = o.warmup
    meta["failures"] = [{k: f[k] for k in ("replication", "seed", "error")} for f in run.failures]
    return Results(run.yearly, run.org, table, meta, run.failures)
