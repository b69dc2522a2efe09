"""`meritsim import-workforce`: export -> validated, pseudonymised snapshot + a scenario using it.

Identifiers never leave this module: NIP becomes a salted pseudonym and names are dropped before
anything is written; the problem report redacts identifier cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from meritsim.params.domain import PREDIKAT_INDEX
from meritsim.snapshot.mapping import ImportMapping
from meritsim.snapshot.pseudonym import pseudonym
from meritsim.snapshot.read import ImportError_, read_export
from meritsim.snapshot.safe_io import write_csv
from meritsim.snapshot.validate import parse_dates, problems


@dataclass
class ImportResult:
    """What an import wrote."""

    scenario: Path
    snapshot: Path
    report: Path | None
    rows: int
    skipped: int


def level_of(eselon: pd.Series, jabatan: pd.Series, m: ImportMapping) -> pd.Series:
    """Post level key: by eselon code, else by a phrase in the post title, else the default."""
    out = eselon.str.strip().str.upper().map(m.level_by_eselon)
    title = jabatan.str.upper()
    for phrase, level in m.level_by_jabatan.items():
        out = out.where(out.notna() | ~title.str.contains(phrase, regex=False), level)
    return out.fillna(m.default_level)


def snapshot_table(df: pd.DataFrame, m: ImportMapping, salt: bytes) -> pd.DataFrame:
    """The pseudonymised snapshot: one row per employee, no NIP, no name."""
    c = m.columns
    table = pd.DataFrame(
        {
            "pseudonym": df[c.nip].map(lambda nip: pseudonym(nip, salt)),
            "birth_date": parse_dates(df[c.birth_date], m.date_formats),
            "female": df[c.sex].str.strip().str.upper().map(m.sex_codes).eq("F"),
            "education": df[c.education].str.strip(),
            "rank": df[c.golongan].str.strip(),
            "rank_date": parse_dates(df[c.tmt_golongan], m.date_formats),
            "level": level_of(df[c.eselon], df[c.jabatan], m),
            "unit": df[c.unit].str.strip(),
        }
    )
    if c.assessment:
        table["assessment"] = pd.to_numeric(df[c.assessment].str.strip().replace("", None), errors="coerce")
    if c.affinity_proxy:
        table["affinity_proxy"] = pd.to_numeric(
            df[c.affinity_proxy].str.strip().replace("", None), errors="coerce"
        )
    for i, col in enumerate(c.predikat, start=1):
        table[f"predikat_{i}"] = df[col].str.strip().map(PREDIKAT_INDEX).fillna(-1).astype("int8")
    return table.reset_index(drop=True)


def import_workforce(
    export: str | Path, mapping: ImportMapping, salt: bytes, out: str | Path, *, encoding: str = "utf-8"
) -> ImportResult:
    """Validate and pseudonymise ``export``, write ``OUT.snapshot.parquet`` and the scenario
    ``OUT`` (a YAML that extends the mapping's base scenario and starts from the snapshot), and,
    if any row is bad, ``OUT.problems.csv``. Raises ImportError_ on an unreadable file, or on bad
    rows when ``on_error`` is ``stop`` (after writing the report)."""
    out = Path(out)
    df = read_export(export, encoding)
    found = problems(df, mapping)
    report = None
    if len(found):
        report = out.with_name(out.stem + ".problems.csv")
        report.parent.mkdir(parents=True, exist_ok=True)
        write_csv(found, report)
        lines = found.head(10).apply(lambda r: f"  line {r.line}, {r.column} ({r.value}): {r.reason}", axis=1)
        summary = f"{len(found)} problem(s) in {found.line.nunique()} row(s) of {export}; see {report}"
        if mapping.on_error == "stop" or (found.line == 1).any():
            raise ImportError_(summary + "\n" + "\n".join(lines))
        df = df[~(df.index + 2).isin(found.line)]
        if df.empty:
            raise ImportError_(summary + "\nno valid rows are left")
    table = snapshot_table(df, mapping, salt)
    snapshot = out.with_name(out.stem + ".snapshot.parquet")
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    table.to_parquet(snapshot, index=False)
    counts = table.level.value_counts()
    scenario = {
        "extends": mapping.base_scenario,
        "description": f"Imported from {Path(export).name} ({len(table)} employees, pseudonymised), "
        f"snapshot of {mapping.snapshot_date}, imported {dt.date.today().isoformat()}.",
        "workforce": {"snapshot": snapshot.name, "snapshot_date": mapping.snapshot_date},
        "organisation": {"scale": 1.0, "levels": {k: {"posts": int(v)} for k, v in counts.items()}},
    }
    out.write_text(yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return ImportResult(out, snapshot, report, len(table), int(found.line.nunique()) if len(found) else 0)
