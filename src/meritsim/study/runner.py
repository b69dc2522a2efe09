"""Run a list of tasks: skip those already on disk, stream the rest to disk, report failures."""

from __future__ import annotations

import time
from contextlib import closing
from dataclasses import dataclass, field

import pandas as pd

from meritsim.study.executors import execute
from meritsim.study.options import RunOptions
from meritsim.study.store import ChunkStore, failure_record, run_key
from meritsim.study.tasks import Task


@dataclass
class TaskRun:
    """Tables of all successful tasks (in task order), failures, and timings."""

    yearly: pd.DataFrame
    org: pd.DataFrame
    failures: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    resumed: int = 0
    total_seconds: float = 0.0

    def timings(self, options: RunOptions) -> dict:
        """The timings and execution settings for a manifest."""
        return {"total_seconds": self.total_seconds, "jobs": options.jobs, "scheduler": options.scheduler,
                "resumed_replications": self.resumed}  # fmt: skip


def run_tasks(tasks: list[Task], options: RunOptions, description: str = "replications") -> TaskRun:
    """Run ``tasks`` (keys must be unique) as ``options`` say. With ``options.out``, finished
    chunks of the same inputs are reused and new ones written as they complete; the assembled
    tables do not depend on the order of completion. Interrupted, the store keeps every chunk
    that completed."""
    from tqdm.auto import tqdm

    jobs, scheduler, progress = options.jobs, options.scheduler, options.progress
    store = ChunkStore(options.out) if options.out is not None else None
    start = time.perf_counter()
    by_key = {t.key: t for t in tasks}
    if len(by_key) != len(tasks):
        raise ValueError("task keys must be unique")
    tables: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
    if store is not None:
        store.open(run_key(tasks))
        for t in tasks:
            if (saved := store.load(t.key)) is not None:
                tables[t.key] = saved
    resumed = len(tables)
    todo = [t for t in tasks if t.key not in tables]
    failures, seconds = [], {}
    try:
        with (
            tqdm(
                total=len(tasks),
                initial=resumed,
                desc=description,
                unit="rep",
                disable=not progress,
                leave=False,
                dynamic_ncols=True,
            ) as bar,
            closing(execute(todo, jobs=jobs, scheduler=scheduler)) as results,
        ):
            for result in results:
                seconds[result.key] = round(result.seconds, 4)
                if result.error is None:
                    tables[result.key] = (result.yearly, result.org)
                    if store is not None:
                        store.save(result)
                else:
                    failures.append(failure_record(by_key[result.key], result))
                bar.update()
    finally:
        if store is not None:
            store.flush()
    if store is not None:
        store.save_failures(sorted(failures, key=lambda f: f["key"]))
    order = [t.key for t in tasks if t.key in tables]
    empty = pd.DataFrame()
    return TaskRun(
        yearly=pd.concat([tables[k][0] for k in order], ignore_index=True) if order else empty,
        org=pd.concat([tables[k][1] for k in order], ignore_index=True) if order else empty,
        failures=sorted(failures, key=lambda f: f["key"]),
        seconds=seconds,
        resumed=resumed,
        total_seconds=round(time.perf_counter() - start, 4),
    )
