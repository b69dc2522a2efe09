"""Where tasks run: in this process, in local processes, or on a Dask cluster.

Every task seeds itself from ``(seed, replication)``, so all three give identical results.
Notebooks should use the serial executor (process pools misbehave in Jupyter).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from meritsim.experiments.tasks import Task, TaskResult, run_task


def default_jobs() -> int:
    """All cores available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def execute(tasks: list[Task], jobs: int = 1, scheduler: str | None = None) -> Iterator[TaskResult]:
    """Run ``tasks``, yielding results as they complete (in any order).

    Args:
        jobs: local processes (1 = run here, serially); with ``scheduler="local"`` the number of
            Dask workers.
        scheduler: a Dask scheduler address (``tcp://host:8786``), or ``"local"`` for a local
            Dask cluster; None for no Dask. Remote workers need meritsim installed.
    """
    if not tasks:
        return
    if scheduler is not None:
        yield from _dask(tasks, jobs, scheduler)
    elif jobs <= 1 or len(tasks) == 1:
        for task in tasks:
            yield run_task(task)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
            futures = [pool.submit(run_task, t) for t in tasks]
            for future in as_completed(futures):
                yield future.result()


def _dask(tasks: list[Task], jobs: int, scheduler: str) -> Iterator[TaskResult]:
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_completed

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        futures = client.map(run_task, tasks, pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
