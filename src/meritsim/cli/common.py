"""What every `meritsim` command shares: the group, error exits, output folders, options."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from meritsim.model.load import load_scenario
from meritsim.model.scenario import ScenarioError
from meritsim.model.scenario.schema import Scenario
from meritsim.study.executors import default_jobs
from meritsim.study.options import RunOptions
from meritsim.study.provenance import meritsim_version
from meritsim.study.resources import MAX_REPLICATIONS
from meritsim.study.store import saved_replications

SET_HELP = "Override a parameter, e.g. --set policy.name=seniority (repeatable)."


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def load(ref: str, overrides: tuple[str, ...]) -> Scenario:
    try:
        return load_scenario(ref, overrides)
    except ScenarioError as exc:
        fail(f"scenario {ref!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))


def os_error_message(exc: OSError) -> str:
    """What went wrong with a file, for a person: the file, its folder and the reason."""
    where = Path(exc.filename) if exc.filename else None
    if exc.errno == errno.ENOSPC:
        folder = where.parent if where is not None else "the output folder"
        return f"the disk is full: could not write {where or ''} in {folder}; partial files were removed"
    reason = exc.strerror or type(exc).__name__
    return f"cannot write or read {where}: {reason}" if where is not None else f"{reason}"


class Group(click.Group):
    """The command group: errors of the machine (a full disk, a folder that cannot be written,
    no memory left) end with a clear message and status 2, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            fail(os_error_message(exc))
        except MemoryError:
            fail("the machine ran out of memory; lower organisation.scale or --jobs")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(meritsim_version(), prog_name="meritsim")
def main() -> None:
    """Simulate civil-service careers under merit and non-merit promotion policies."""


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
