"""One unit of work: one replication of one scenario, which never raises (errors are results)."""

from __future__ import annotations

import gc
import time
import traceback
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from meritsim.model import spinup
from meritsim.model.calendar import simulate_replication
from meritsim.model.scenario.schema import Scenario

#: A replication of at least this many posts is collected at once when it ends, so that a
#: process running large ones one after another never holds two; a full collection costs tens of
#: milliseconds, which small replications (studies of many) are spared.
COLLECT_FROM_POSTS = 50_000


@dataclass(frozen=True)
class Task:
    """Replication ``replication`` of ``scenario`` for ``years`` years from master ``seed``.

    ``key`` names the task's chunk on disk; ``labels`` are extra columns added to its tables
    (e.g. the design point of a sweep)."""

    key: str
    scenario: Scenario
    replication: int
    years: int
    seed: int
    labels: dict[str, Any] = field(default_factory=dict)

    @property
    def spinup_group(self) -> str:
        """What this task's spin-up depends on: tasks that share it (they differ only in their
        policy) are best run one after the other in one process, which spins up once."""
        if self.scenario.workforce is None and self.scenario.history.years:
            return spinup.key(self.scenario, self.seed, self.replication)
        return self.key

    @property
    def stem(self) -> str:
        """The key without its replication (``<stem>-r<replication>``): names the inputs."""
        return self.key.rpartition("-r")[0] or self.key


@dataclass
class TaskResult:
    """The tables of a task, or the error it raised."""

    key: str
    yearly: pd.DataFrame | None = None
    org: pd.DataFrame | None = None
    seconds: float = 0.0
    error: str | None = None
    traceback: str | None = None


def _label(df: pd.DataFrame, labels: dict[str, Any]) -> pd.DataFrame:
    for i, (name, value) in enumerate(labels.items()):
        df.insert(i, name, value)
    return df


def batches(tasks: list[Task], at_least: int = 1) -> list[list[Task]]:
    """``tasks`` in batches that share a spin-up, in their first task's order; the largest
    batches are halved until there are ``at_least`` batches (to keep every worker busy)."""
    groups: dict[str, list[Task]] = {}
    for task in tasks:
        groups.setdefault(task.spinup_group, []).append(task)
    out = list(groups.values())
    while len(out) < at_least and max(len(b) for b in out) > 1:
        largest = max(range(len(out)), key=lambda i: len(out[i]))
        batch = out.pop(largest)
        half = len(batch) // 2
        out[largest:largest] = [batch[:half], batch[half:]]
    return out


def posts(scenario: Scenario) -> int:
    """All posts of the scenario's organisation, after scaling."""
    org = scenario.organisation
    return sum(org.posts(k) for k in org.levels)


def run_batch(tasks: list[Task]) -> list[TaskResult]:
    """Run ``tasks`` one after the other (see :func:`batches`)."""
    return [run_task(t) for t in tasks]


def run_task(task: Task) -> TaskResult:
    """Run one task; an exception becomes ``TaskResult.error`` with its traceback."""
    start = time.perf_counter()
    try:
        result = simulate_replication(task.scenario, task.replication, years=task.years, seed=task.seed)
    except Exception as exc:  # isolate the failure: the rest of the batch goes on
        return TaskResult(
            task.key,
            seconds=time.perf_counter() - start,
            error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(),
        )
    finally:
        if posts(task.scenario) >= COLLECT_FROM_POSTS:
            gc.collect()
    return TaskResult(
        task.key,
        _label(result.yearly, task.labels),
        _label(result.org, task.labels),
        time.perf_counter() - start,
    )
