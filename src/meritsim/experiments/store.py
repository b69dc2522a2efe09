"""Results streamed to disk one task (chunk) at a time, so that an interrupted run resumes.

A chunk is ``chunks/<key>.yearly.parquet`` plus ``chunks/<key>.org.parquet``, each written under
a temporary name and renamed, the org file last: a chunk whose org file exists is complete.
Failures are kept in ``failures.json`` and retried on the next run.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from meritsim.experiments.tasks import Task, TaskResult


def atomic_write(path: Path, write) -> None:
    """Call ``write(tmp)`` then rename ``tmp`` to ``path``, so ``path`` is never half written."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class ChunkStore:
    """Completed tasks of a run folder."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.chunks = self.root / "chunks"
        self.chunks.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str, table: str) -> Path:
        return self.chunks / f"{key}.{table}.parquet"

    def done(self, key: str) -> bool:
        return self._path(key, "org").exists() and self._path(key, "yearly").exists()

    def save(self, result: TaskResult) -> None:
        for table in ("yearly", "org"):
            df = getattr(result, table)
            atomic_write(self._path(result.key, table), lambda tmp, df=df: df.to_parquet(tmp, index=False))

    def load(self, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        return pd.read_parquet(self._path(key, "yearly")), pd.read_parquet(self._path(key, "org"))

    def save_failures(self, failures: list[dict]) -> None:
        path = self.root / "failures.json"
        if failures:
            text = json.dumps(failures, indent=2)
            atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        else:
            path.unlink(missing_ok=True)


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
