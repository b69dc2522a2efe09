"""One result type for every study: the tables, the outcomes, the manifest, and what failed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from meritsim.study.safe_csv import write_csv
from meritsim.study.store import atomic_write

PROVENANCE = ("scenario", "scenarios", "parameters_hash", "seed", "meritsim_version")


@dataclass
class Results:
    """What a study produced.

    ``yearly`` (one row per scenario x replication x year x level), ``org`` (per scenario x
    replication x year), ``outcomes`` (per scenario x replication, every registered outcome),
    ``manifest`` (parameters, seeds, versions, timings) and ``failures``; a comparison adds
    ``comparison`` (means and paired differences), a sweep ``points``, ``indices`` and
    ``regression``, a robustness study ``points``, ``indices`` and ``robustness``, a
    decomposition ``decomposition``."""

    yearly: pd.DataFrame
    org: pd.DataFrame
    outcomes: pd.DataFrame
    manifest: dict[str, Any] = field(default_factory=dict)
    failures: list[dict] = field(default_factory=list)
    comparison: pd.DataFrame | None = None
    points: pd.DataFrame | None = None
    indices: pd.DataFrame | None = None
    regression: pd.DataFrame | None = None
    robustness: pd.DataFrame | None = None
    decomposition: pd.DataFrame | None = None

    @property
    def summary(self) -> pd.DataFrame:
        """The outcomes table (written as ``summary.csv``)."""
        return self.outcomes

    def table(self, outcomes: list[str] | None = None) -> str:
        """The comparison as readable text (means and paired differences with CIs)."""
        from meritsim.study.compare import format_comparison

        if self.comparison is None:
            raise ValueError("only a comparison has a comparison table")
        return format_comparison(self.comparison, outcomes)

    def files(self) -> dict[str, pd.DataFrame]:
        """The tables as they are written: file name -> table (empty ones left out)."""
        outcomes_file = "outcomes.csv" if self.points is not None else "summary.csv"  # as documented
        named = {
            "yearly.parquet": self.yearly,
            "org.parquet": self.org,
            outcomes_file: self.outcomes,
            "comparison.csv": self.comparison,
            "points.csv": self.points,
            "indices.csv": self.indices,
            "regression.csv": self.regression,
            "robustness.csv": self.robustness,
            "decomposition.csv": self.decomposition,
        }
        return {name: df for name, df in named.items() if df is not None and len(df)}

    def write(self, out: str | Path) -> Path:
        """Write every table into ``out`` (atomically), then ``manifest.json`` last, so that a
        folder with a manifest is complete. Parquet files carry the scenario(s), parameters hash,
        seed and version in their schema metadata; CSV cells are neutralised against formulas."""
        return write_tables(out, self.files(), self.manifest)


def _parquet(df: pd.DataFrame, path: Path, provenance: dict) -> None:
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = {**(table.schema.metadata or {}), b"meritsim": json.dumps(provenance).encode()}
    atomic_write(path, lambda tmp: pq.write_table(table.replace_schema_metadata(meta), tmp))


def write_tables(out: str | Path, tables: dict[str, pd.DataFrame], manifest: dict) -> Path:
    """Write each table (``.parquet`` or ``.csv`` by its name) into ``out``, then the manifest."""
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


def write_outputs(result: Results, out: str | Path) -> Path:
    """Write a study's tables and manifest into ``out`` (see :meth:`Results.write`)."""
    return result.write(out)
