"""Interrupting a parallel run: a clean exit that keeps the finished chunks, and no worker process
left behind, even when the parent is killed outright."""

from __future__ import annotations

import json
import os
import signal
import struct
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from meritsim.study.executors import _stop
from meritsim.study.store import ChunkStore

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

COMMAND = ["run", "default", "--set", "organisation.scale=0.3", "--replications", "40", "--years", "30",
           "--jobs", "2", "--quiet"]  # fmt: skip


def wait_for(condition, timeout: float, every: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


def stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a live process, None once it is gone (zombies count as gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state, ppid = text.rpartition(")")[2].split()[:2]
    return None if state in "ZX" else (state, int(ppid))


def children(parent: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (s := stat(int(entry.name))) is not None and s[1] == parent:
            found.add(int(entry.name))
    return found


def start(out: Path) -> tuple[subprocess.Popen, set[int]]:
    """Start the run and wait until it has saved a chunk; returns it and its worker processes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", "from meritsim.cli import main; main()", *COMMAND, "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    saved = wait_for(lambda: any((out / "chunks").glob("*.org.parquet")) or proc.poll() is not None, 60)
    assert saved and proc.poll() is None, "the run ended before it could be interrupted"
    workers = children(proc.pid)
    assert len(workers) == 2, workers
    return proc, workers


def gone(pids: set[int], timeout: float) -> bool:
    return wait_for(lambda: all(stat(p) is None for p in pids), timeout)


def stop(proc: subprocess.Popen, workers: set[int]) -> None:
    """Do not leave anything running if a test fails."""
    for pid in [proc.pid, *workers]:
        if stat(pid) is not None:
            os.kill(pid, signal.SIGKILL)
    proc.wait(5)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_workers_and_keeps_finished_chunks(tmp_path, signum, code):
    proc, workers = start(tmp_path)
    try:
        os.kill(proc.pid, signum)
        _, err = proc.communicate(timeout=10)
        assert proc.returncode == code, err
        assert "Traceback" not in err, err
        [line] = [x for x in err.splitlines() if x.startswith("interrupted: ")]
        assert line.endswith(f"saved in {tmp_path / 'chunks'}; rerun the same command to resume")
        assert gone(workers, 5), "worker processes outlived the run"
        index = json.loads((tmp_path / "chunks" / "index.json").read_text())
        saved = int(line.split()[1])
        assert saved == len(index["chunks"]) >= 1
        store = ChunkStore(tmp_path)
        store.open(index["run_key"])
        assert all(store.load(key) is not None for key in index["chunks"])  # every one valid
    finally:
        stop(proc, workers)


def test_killing_the_parent_stops_the_workers(tmp_path):
    proc, workers = start(tmp_path)
    try:
        proc.kill()
        proc.wait(5)
        assert gone(workers, 10), "worker processes outlived their killed parent"
    finally:
        stop(proc, workers)


def test_stopping_ends_the_pool_even_with_half_a_result_in_its_pipe():
    """A worker terminated mid-send leaves a message's header without its body; the pool's
    manager thread must not wait for the rest (the interpreter would hang at exit)."""
    pool = ProcessPoolExecutor(max_workers=1)
    futures = [pool.submit(time.sleep, 30)]
    assert wait_for(lambda: futures[0].running(), 10)
    manager = pool._executor_manager_thread
    writer = pool._result_queue._writer
    os.write(writer.fileno(), struct.pack("!i", 1_000_000) + b"half")  # what a killed worker leaves
    time.sleep(0.2)  # the manager thread now waits for the other 999,996 bytes
    _stop(pool, futures)
    assert manager is not None and not manager.is_alive()
