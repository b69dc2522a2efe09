"""Results streamed to disk one task (chunk) at a time, so that an interrupted run resumes.

A chunk is ``chunks/<key>.yearly.parquet`` plus ``chunks/<key>.org.parquet``, each written under
a temporary name and renamed. ``chunks/index.json`` records the run key (which inputs the chunks
belong to) and the SHA-256 of every file of every complete chunk: a chunk is reused only if it is
in the index and both files match their checksums. Chunks of other inputs, or of a folder without
an index, are moved aside to ``stale-<time>/`` and never reused; a damaged chunk is reported and
recomputed. Failures are kept in ``failures.json`` and retried on the next run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from meritsim.study.tasks import Task, TaskResult

TABLES = ("yearly", "org")
INDEX = "index.json"
FLUSH_SECONDS = 1.0  # the index is rewritten at most this often while chunks arrive, and at the end


def atomic_write(path: Path, write) -> None:
    """Call ``write(tmp)`` then rename ``tmp`` to ``path``, so ``path`` is never half written."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's contents."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def run_key(tasks: Iterable[Task]) -> str:
    """What a run folder's chunks belong to: the set of the tasks' stems (inputs without the
    replication), so that adding replications keeps the key and changing any input does not."""
    return sha256("\n".join(sorted({t.stem for t in tasks})).encode())[:16]


def _note(message: str) -> None:
    print(f"meritsim: {message}", file=sys.stderr, flush=True)


class ChunkStore:
    """Completed tasks of a run folder; :meth:`open` it with the run key before use."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.chunks = self.root / "chunks"
        self.run_key: str | None = None
        self._index: dict[str, dict[str, str]] = {}
        self._dirty = False
        self._flushed = 0.0

    def _path(self, key: str, table: str) -> Path:
        return self.chunks / f"{key}.{table}.parquet"

    def _files(self) -> list[Path]:
        return sorted(self.chunks.glob("*.parquet")) if self.chunks.is_dir() else []

    def _read_index(self) -> dict | None:
        try:
            index = json.loads((self.chunks / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ok = isinstance(index, dict) and isinstance(index.get("chunks"), dict)
        return index if ok else None

    def open(self, run_key: str) -> None:
        """Use the folder for the run ``run_key``. Chunks of another run, or without an index, are
        moved to ``stale-<time>/`` with ``failures.json``; files of this run that its index does
        not list (saved just before a kill) are deleted, to be recomputed."""
        if run_key == self.run_key:
            return
        self.chunks.mkdir(parents=True, exist_ok=True)
        for tmp in self.chunks.glob(".*.tmp-*"):  # left by a process killed while writing
            tmp.unlink(missing_ok=True)
        index, files = self._read_index(), self._files()
        leftovers = files or (self.root / "failures.json").exists()
        self._index = {}
        if index is None and files:
            self._move_stale("holds results without a valid index (from an older meritsim?)")
        elif index is not None and index.get("run_key") != run_key and leftovers:
            self._move_stale(
                "holds results of different inputs (scenario, snapshot, version, years or seed changed)"
            )
        elif index is not None and index.get("run_key") == run_key:
            self._index = {k: v for k, v in index["chunks"].items() if isinstance(v, dict)}
            known = {self._path(k, t) for k in self._index for t in TABLES}
            unindexed = [p for p in files if p not in known]
            for path in unindexed:
                path.unlink(missing_ok=True)
            if unindexed:
                _note(f"{len(unindexed)} file(s) in {self.chunks} were not in its index; recomputing them")
        self.run_key = run_key
        self._write_index()

    def _move_stale(self, reason: str) -> None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target, n = self.root / f"stale-{stamp}", 0
        while target.exists():
            n += 1
            target = self.root / f"stale-{stamp}-{n}"
        target.mkdir()
        os.replace(self.chunks, target / "chunks")
        failures = self.root / "failures.json"
        if failures.exists():
            os.replace(failures, target / "failures.json")
        self.chunks.mkdir()
        _note(f"{self.chunks} {reason}; moved them to {target}; starting afresh")

    def _write_index(self) -> None:
        text = json.dumps({"run_key": self.run_key, "chunks": self._index}, indent=0, sort_keys=True)
        atomic_write(self.chunks / INDEX, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        self._dirty, self._flushed = False, time.monotonic()

    def flush(self) -> None:
        """Write the index if chunks were saved since it was last written."""
        if self._dirty:
            self._write_index()

    def _opened(self) -> None:
        if self.run_key is None:
            raise RuntimeError("open the ChunkStore with the run key first")

    def save(self, result: TaskResult) -> None:
        """Write a task's tables, then record their checksums in the index."""
        self._opened()
        entry = {}
        for table in TABLES:
            buffer = io.BytesIO()
            getattr(result, table).to_parquet(buffer, index=False)
            data = buffer.getvalue()
            atomic_write(self._path(result.key, table), lambda tmp, data=data: tmp.write_bytes(data))
            entry[table] = sha256(data)
        self._index[result.key] = entry
        self._dirty = True
        if time.monotonic() - self._flushed >= FLUSH_SECONDS:
            self._write_index()

    def load(self, key: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """The tables of a saved chunk, or None if there is none; a chunk that is missing a file,
        empty, unreadable or fails its checksum is reported on stderr, forgotten and None returned."""
        self._opened()
        entry = self._index.get(key)
        if entry is None:
            return None
        tables = []
        try:
            for table in TABLES:
                data = self._path(key, table).read_bytes()
                if not data:
                    raise ValueError(f"{table} file is empty")
                if sha256(data) != entry.get(table):
                    raise ValueError(f"{table} file does not match its checksum")
                tables.append(pd.read_parquet(io.BytesIO(data)))
        except Exception as exc:  # any damage: recompute rather than reuse or crash
            reason = "a file is missing" if isinstance(exc, FileNotFoundError) else str(exc)
            _note(f"chunk {self.chunks / key} is unusable ({reason}); recomputing it")
            self._forget(key)
            return None
        return tables[0], tables[1]

    def _forget(self, key: str) -> None:
        self._index.pop(key, None)
        self._dirty = True
        for table in TABLES:
            self._path(key, table).unlink(missing_ok=True)

    def save_failures(self, failures: list[dict]) -> None:
        path = self.root / "failures.json"
        if failures:
            text = json.dumps(failures, indent=2)
            atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        else:
            path.unlink(missing_ok=True)


def saved_replications(root: str | Path) -> int:
    """How many chunks the index of ``root/chunks`` records (0 without an index)."""
    index = ChunkStore(root)._read_index()
    return len(index["chunks"]) if index is not None else 0


def failure_record(task: Task, result: TaskResult) -> dict:
    """What is kept of a failed task: enough to rerun it alone."""
    return {
        "key": task.key,
        "scenario": task.scenario.name,
        "replication": task.replication,
        "seed": task.seed,
        "years": task.years,
        **task.labels,
        "error": result.error,
        "traceback": result.traceback,
    }
