"""What the `meritsim` commands share besides the group and its error exit (:mod:`.group`):
scenarios, output folders, interruption, options."""

from __future__ import annotations

import datetime as dt
import functools
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from meritsim.cli.group import fail
from meritsim.model.load import load_scenario
from meritsim.model.scenario import ScenarioError
from meritsim.model.scenario.schema import Scenario
from meritsim.study.executors import default_jobs
from meritsim.study.options import RunOptions
from meritsim.study.resources import MAX_REPLICATIONS
from meritsim.study.store import saved_replications

SET_HELP = "Override a parameter, e.g. --set policy.name=seniority (repeatable)."


def load(ref: str, overrides: tuple[str, ...]) -> Scenario:
    try:
        return load_scenario(ref, overrides)
    except ScenarioError as exc:
        fail(f"scenario {ref!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))


def out_folder(out: str | None, name: str) -> Path:
    """The output folder, created now so that results can stream into it."""
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path("runs") / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}-{stamp}"
    else:
        folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create the output folder {folder}: {exc.strerror}")
    return folder


def report_failures(failures: list[dict], folder: Path) -> None:
    """Name every failed replication and exit non-zero (the rest was written)."""
    if failures:
        click.echo(
            f"error: {len(failures)} replication(s) failed (details in {folder / 'failures.json'}):", err=True
        )
        for f in failures:
            where = f"point {f['point']} " if "point" in f else ""
            click.echo(
                f"  {f['scenario']} {where}replication {f['replication']} (seed {f['seed']}): {f['error']}",
                err=True,
            )
        sys.exit(1)


@contextmanager
def interruptible(folder: Path) -> Iterator[None]:
    """While the body runs, SIGTERM interrupts like Ctrl-C; either stops the workers, keeps the
    finished chunks and exits with 128 + the signal (130, 143) saying so, without a traceback."""
    caught: list[int] = []

    def stop(signum: int, frame) -> None:
        caught.append(signum)
        for s in (signal.SIGINT, signal.SIGTERM):  # let the clean-up finish
            signal.signal(s, signal.SIG_IGN)
        raise KeyboardInterrupt

    here = threading.current_thread() is threading.main_thread()
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)} if here else {}
    try:
        yield
    except KeyboardInterrupt:
        click.echo(
            f"interrupted: {saved_replications(folder)} finished replication(s) are saved in "
            f"{folder / 'chunks'}; rerun the same command to resume",
            err=True,
        )
        sys.exit(128 + (caught[0] if caught else signal.SIGINT))
    finally:
        for s, handler in previous.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs,
    show_default="all cores",
    help="Local processes (1 = serial, in this process).",
)
scheduler_option = click.option(
    "--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: tcp://host:port, or 'local'."
)
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar.")
out_option = click.option(
    "--out", type=click.Path(file_okay=False), help="Output folder [runs/NAME-TIME]; rerun to resume."
)


def run_options(fewest: int = 1) -> Callable:
    """The options of one RunOptions (replications, years, seed, warm-up, jobs, scheduler, out,
    progress) for a command; the command receives them as ``options`` (``out`` still unset)."""

    def decorate(command: Callable) -> Callable:
        @click.option(
            "--replications",
            type=click.IntRange(fewest, MAX_REPLICATIONS),
            help="Replications per scenario [the scenario's `replications`].",
        )
        @click.option("--years", type=click.IntRange(1, 200), help="Simulated years [the scenario's].")
        @click.option("--seed", type=click.IntRange(0), help="Master seed [the scenario's].")
        @click.option("--warmup", type=click.IntRange(0), default=0, help="Years discarded before measuring.")
        @jobs_option
        @scheduler_option
        @out_option
        @quiet_option
        @functools.wraps(command)
        def wrapper(*args, replications, years, seed, warmup, jobs, scheduler, out, quiet, **kwargs):
            options = RunOptions(replications, years, seed, warmup, jobs, scheduler, None, not quiet)
            return command(*args, options=options, out=out, **kwargs)

        return wrapper

    return decorate


def study_errors() -> tuple[type[Exception], ...]:
    """Errors a study raises before anything runs (too big, a bad scheduler, bad options)."""
    from meritsim.study.executors import SchedulerError
    from meritsim.study.resources import MemoryBudgetError

    return (MemoryBudgetError, SchedulerError, ValueError)
