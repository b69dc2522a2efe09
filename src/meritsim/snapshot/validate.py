"""Every bad row of an export: line, column, value and reason; identifiers are never shown."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from meritsim.params.domain import EDUCATION, PREDIKAT, RANKS
from meritsim.snapshot.mapping import ImportMapping
from meritsim.snapshot.safe_io import is_formula

REDACTED = "<redacted>"


def parse_dates(values: pd.Series, formats: list[str]) -> pd.Series:
    """Dates parsed with the first format that fits each cell (NaT where none does)."""
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in formats:
        todo = out.isna() & values.str.strip().ne("")
        out[todo] = pd.to_datetime(values[todo].str.strip(), format=fmt, errors="coerce")
    return out


def problems(df: pd.DataFrame, m: ImportMapping) -> pd.DataFrame:
    """One row per problem: ``line`` (as in the file, header = 1), ``column``, ``value``, ``reason``."""
    c = m.columns
    found: list[tuple[int, str, str, str]] = []
    line = df.index.to_numpy() + 2
    identifiers = {c.nip, c.name}

    def flag(mask: pd.Series | np.ndarray, column: str, reason: str) -> None:
        for i in np.flatnonzero(np.asarray(mask)):
            value = REDACTED if column in identifiers else str(df[column].iloc[i])
            found.append((int(line[i]), column, value, reason))

    optional = [col for col in (c.assessment, c.affinity_proxy) if col]
    missing = [
        col
        for col in (
            c.nip,
            c.name,
            c.birth_date,
            c.sex,
            c.education,
            c.golongan,
            c.tmt_golongan,
            c.jabatan,
            c.eselon,
            c.unit,
            *c.predikat,
            *optional,
        )
        if col not in df.columns
    ]
    if missing:
        return pd.DataFrame(
            [(1, col, "", f"column missing; columns found: {', '.join(df.columns)}") for col in missing],
            columns=["line", "column", "value", "reason"],
        )
    nip = df[c.nip].str.strip()
    flag(~nip.str.fullmatch(r"\d{18}"), c.nip, "NIP must be 18 digits")
    flag(nip.duplicated(keep=False) & nip.ne(""), c.nip, "NIP appears more than once")
    today = pd.Timestamp(dt.date.fromisoformat(m.snapshot_date))
    born = parse_dates(df[c.birth_date], m.date_formats)
    flag(born.isna(), c.birth_date, f"not a date in the formats {', '.join(m.date_formats)}")
    age = (today - born).dt.days / 365.25
    flag(born.notna() & ((age < 18) | (age > 70)), c.birth_date, "age at the snapshot must be 18-70 years")
    tmt = parse_dates(df[c.tmt_golongan], m.date_formats)
    flag(tmt.isna(), c.tmt_golongan, f"not a date in the formats {', '.join(m.date_formats)}")
    flag(tmt.notna() & (tmt > today), c.tmt_golongan, "rank date after the snapshot date")
    flag(
        tmt.notna() & born.notna() & ((tmt - born).dt.days / 365.25 < 18),
        c.tmt_golongan,
        "rank date before the 18th birthday",
    )
    flag(
        ~df[c.sex].str.strip().str.upper().isin(m.sex_codes),
        c.sex,
        f"unknown code; use {', '.join(m.sex_codes)}",
    )
    flag(
        ~df[c.education].str.strip().isin(EDUCATION), c.education, f"unknown code; use {', '.join(EDUCATION)}"
    )
    flag(~df[c.golongan].str.strip().isin(RANKS), c.golongan, "unknown golongan; use I/a ... IV/e")
    for col in c.predikat:
        flag(
            df[col].str.strip().ne("") & ~df[col].str.strip().isin(PREDIKAT),
            col,
            f"unknown predikat; use {', '.join(PREDIKAT)} or leave empty",
        )
    if c.assessment:
        score = pd.to_numeric(df[c.assessment].str.strip().replace("", np.nan), errors="coerce")
        flag(df[c.assessment].str.strip().ne("") & score.isna(), c.assessment, "not a number")
    if c.affinity_proxy:
        flag(
            ~df[c.affinity_proxy].str.strip().isin(["0", "1", ""]),
            c.affinity_proxy,
            "use 0, 1 or leave empty",
        )
    for col in df.columns:
        flag(df[col].map(is_formula), col, "text starting with =, +, - or @ (spreadsheet formula)")
    out = pd.DataFrame(found, columns=["line", "column", "value", "reason"])
    return out.sort_values(["line", "column"], kind="stable").reset_index(drop=True)
