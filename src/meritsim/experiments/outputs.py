"""Write a run's tables and manifest to a folder, atomically (temporary name, then rename)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from meritsim.experiments.replications import SimulationResult
from meritsim.experiments.store import atomic_write
from meritsim.snapshot.safe_io import write_csv

PROVENANCE = ("scenario", "scenarios", "parameters_hash", "seed", "meritsim_version")


def _parquet(df: pd.DataFrame, path: Path, provenance: dict) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = {**(table.schema.metadata or {}), b"meritsim": json.dumps(provenance).encode()}
    atomic_write(path, lambda tmp: pq.write_table(table.replace_schema_metadata(meta), tmp))


def write_tables(out: str | Path, tables: dict[str, pd.DataFrame], manifest: dict) -> Path:
    """Write each table (``.parquet`` or ``.csv`` by its name) into ``out``, then ``manifest.json``
    last, so that a folder with a manifest is complete. Parquet files carry the scenario(s),
    parameters hash, seed and version in their schema metadata."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    provenance = {k: manifest[k] for k in PROVENANCE if k in manifest}
    for name, df in tables.items():
        if name.endswith(".parquet"):
            _parquet(df, out / name, provenance)
        else:
            atomic_write(out / name, lambda tmp, df=df: write_csv(df, tmp))
    text = json.dumps(manifest, indent=2, default=str)
    atomic_write(out / "manifest.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return out


def write_outputs(result: SimulationResult, out: str | Path) -> Path:
    """Write ``yearly.parquet``, ``org.parquet``, ``summary.csv`` and ``manifest.json`` into ``out``."""
    tables = {"yearly.parquet": result.yearly, "org.parquet": result.org, "summary.csv": result.summary}
    return write_tables(out, tables, result.manifest)
