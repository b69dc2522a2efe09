"""Where tasks run: in this process, in local processes, or on a Dask cluster.

Every task seeds itself from ``(seed, replication)``, so all three give identical results.
Notebooks should use the serial executor (process pools misbehave in Jupyter). Local worker
processes never outlive the run: they stop when it is interrupted, and by themselves within a
second when the process that started them dies (even by SIGKILL).
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Generator, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from meritsim.study.tasks import Task, TaskResult, batches, run_batch, run_task

SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss", "inproc", "ucx")
_ADDRESS = re.compile(
    rf"(?:{'|'.join(SCHEDULER_SCHEMES)})://(?:[A-Za-z0-9_.-]+|\[[0-9A-Fa-f:.]+\]):(\d{{1,5}})"
)
CONNECT_SECONDS = 5
WATCH_SECONDS = 0.5
MANAGER_SECONDS = 1.0


class SchedulerError(ValueError):
    """A Dask scheduler address that is malformed or cannot be reached."""


def default_jobs() -> int:
    """All cores available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def check_scheduler(scheduler: str | None) -> None:
    """Raise SchedulerError unless ``scheduler`` is None, ``"local"`` or ``scheme://host:port``."""
    if scheduler is None or scheduler == "local":
        return
    match = _ADDRESS.fullmatch(scheduler)
    if match is None or not 0 < int(match.group(1)) < 65536:
        raise SchedulerError(
            f"--scheduler {scheduler!r} is not a Dask scheduler address: use 'local' or "
            f"SCHEME://HOST:PORT with SCHEME one of {', '.join(SCHEDULER_SCHEMES)}"
        )


def execute(
    tasks: list[Task], jobs: int = 1, scheduler: str | None = None
) -> Generator[TaskResult, None, None]:
    """Run ``tasks``, yielding results as they complete (in any order).

    If the consumer stops early (closes the generator) or anything is raised, pending tasks are
    cancelled and local worker processes terminated before the exception goes on.

    Args:
        jobs: local processes (1 = run here, serially); with ``scheduler="local"`` the number of
            Dask workers.
        scheduler: a Dask scheduler address (``tcp://host:8786``), or ``"local"`` for a local
            Dask cluster; None for no Dask. Remote workers need meritsim installed.
    """
    check_scheduler(scheduler)
    if not tasks:
        return
    if scheduler is not None:
        yield from _dask(batches(tasks, jobs), jobs, scheduler)
    elif jobs <= 1 or len(tasks) == 1:
        for batch in batches(tasks):
            for task in batch:
                yield run_task(task)
    else:
        yield from _processes(batches(tasks, jobs), jobs)


def _worker_start() -> None:
    """In each worker: leave Ctrl-C to the parent, die on SIGTERM, and exit if orphaned."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker inherits the parent's handler
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="meritsim-parent-watch", daemon=True).start()


def _processes(work: list[list[Task]], jobs: int) -> Iterator[TaskResult]:
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(work)), initializer=_worker_start)
    futures: list[Future] = []
    try:
        futures = [pool.submit(run_batch, batch) for batch in work]
        for future in as_completed(futures):
            yield from future.result()
    except BaseException:  # interrupt, early close (GeneratorExit) or error: stop the workers
        _stop(pool, futures)
        raise
    pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor, futures: list[Future]) -> None:
    """Cancel what has not started and terminate the workers, without waiting for running tasks.

    A worker terminated while sending a result leaves half a message in the result pipe, and the
    pool's manager thread would wait for the rest forever (and the interpreter for it at exit).
    The parent's own write end is what keeps that pipe open, so once the workers are gone it is
    closed: the manager thread reads end-of-file, marks the pool broken and ends.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)  # shutdown() forgets both
    for future in futures:
        future.cancel()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()
            process.join(timeout=1)
    if manager is not None:
        manager.join(timeout=MANAGER_SECONDS)
        if manager.is_alive() and results is not None:
            results._writer.close()
            manager.join(timeout=MANAGER_SECONDS)


def _dask(work: list[list[Task]], jobs: int, scheduler: str) -> Iterator[TaskResult]:
    from dask.distributed import Client, LocalCluster
    from dask.distributed import as_completed as dask_completed

    cluster = None
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=max(jobs, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(
                f"cannot reach the Dask scheduler {scheduler} within {CONNECT_SECONDS} s: {exc}"
            ) from None
    futures = []
    try:
        futures = client.map(run_batch, work, pure=False)
        for future in dask_completed(futures):
            yield from future.result()
    except BaseException:
        client.cancel(futures)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
