"""Write a run's tables and manifest to a folder, atomically (temporary name, then rename)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from meritsim.experiments.replications import SimulationResult

FILES = ("yearly.parquet", "org.parquet", "summary.csv", "manifest.json")


def _atomic(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _parquet(df: pd.DataFrame, path: Path, provenance: dict) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = {**(table.schema.metadata or {}), b"meritsim": json.dumps(provenance).encode()}
    _atomic(path, lambda tmp: pq.write_table(table.replace_schema_metadata(meta), tmp))


def write_outputs(result: SimulationResult, out: str | Path) -> Path:
    """Write ``yearly.parquet``, ``org.parquet``, ``summary.csv`` and ``manifest.json`` into ``out``.

    The Parquet files carry the parameters hash, seed and version in their schema metadata; the
    manifest is written last, so a folder with a manifest is complete.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    m = result.manifest
    provenance = {k: m.get(k) for k in ("scenario", "parameters_hash", "seed", "meritsim_version")}
    _parquet(result.yearly, out / "yearly.parquet", provenance)
    _parquet(result.org, out / "org.parquet", provenance)
    _atomic(out / "summary.csv", lambda tmp: result.summary.to_csv(tmp, index=False))
    text = json.dumps(m, indent=2, default=str)
    _atomic(out / "manifest.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return out
