"""Every bad row of an export: line, column, value and reason, for the columns the mapping uses.

Nothing personal is shown: identifiers and birth dates are redacted, formula cells are never
echoed, and any other value that could be personal (a long digit run such as a NIP or phone
fragment, an e-mail, long free text) is replaced by a placeholder.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

import numpy as np
import pandas as pd

from meritsim.data.codes import (
    normalise_education,
    normalise_eselon,
    normalise_golongan,
    normalise_predikat,
)
from meritsim.data.mapping import ImportMapping
from meritsim.data.pseudonym import normalise_nip
from meritsim.data.read import ROW, RawExport
from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS
from meritsim.study.safe_csv import is_formula

REDACTED = "<redacted>"
NOT_SHOWN = "<not shown>"
COLUMNS = ["line", "column", "value", "reason"]
_PERSONAL = re.compile(r"\d{6}|@|https?:|www\.", re.I)
_DATEISH = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_SPREADSHEET_ERRORS = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"}


def parse_dates(values: pd.Series, formats: list[str]) -> pd.Series:
    """Dates parsed with the first format that fits each cell, then ISO (NaT where none does)."""
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    text = values.astype(str).str.strip()
    for fmt in [*formats, "%Y-%m-%d"]:
        todo = out.isna() & text.ne("")
        if not todo.any():
            break
        out[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    return out


def clean(table: pd.DataFrame, m: ImportMapping) -> pd.DataFrame:
    """Cells stripped; the mapping's empty markers become empty."""
    markers = {x.strip().casefold() for x in m.empty_markers}
    out = table.map(lambda v: str(v).strip())
    return out.mask(out.map(lambda v: v.casefold() in markers), "")


def codes(cells: pd.DataFrame, m: ImportMapping) -> dict[str, pd.Series]:
    """The used code columns in one spelling: NIP digits, eselon, golongan, education, sex, and
    each predikat column (by its column name)."""
    c = m.columns
    return {
        "nip": cells[c.nip].map(normalise_nip),
        "eselon": cells[c.eselon].map(lambda v: normalise_eselon(v) if v else ""),
        "golongan": cells[c.golongan].map(normalise_golongan),
        "education": cells[c.education].map(normalise_education),
        "sex": cells[c.sex].str.upper(),
        **{col: cells[col].map(normalise_predikat) for col in c.predikat},
    }


def shown(column: str, value: str, m: ImportMapping) -> str:
    """What a problem report may show of a cell."""
    c = m.columns
    if column in (c.nip, c.name, c.birth_date):
        return REDACTED
    if is_formula(value) or len(value) > 30 or _PERSONAL.search(value):
        return NOT_SHOWN
    return value


def _looks_like_data(header: list[str]) -> bool:
    return any(_PERSONAL.search(h) or _DATEISH.search(h) or normalise_nip(h).isdigit() for h in header)


def missing_columns(raw: RawExport, m: ImportMapping) -> pd.DataFrame:
    """A problem per used column absent from the header (empty if none). The header is only
    quoted when it is a header: if its cells look like data (a file without a header row), only
    their positions are given."""
    header = list(raw.table.columns)
    missing = [col for col in m.columns.used() if col not in header]
    if not missing:
        return pd.DataFrame(columns=COLUMNS)
    if _looks_like_data(header) or len(missing) == len(m.columns.used()):
        found = (
            f"the first row has {len(header)} cells (columns 1-{len(header)}) and does not look like "
            "a header; add a header row with the mapping's column names, or name the columns in "
            "the mapping (--mapping)"
        )
        rows = [(raw.header_line, col, "", f"column missing; {found}") for col in missing]
    else:
        rows = []
        for col in missing:
            close = difflib.get_close_matches(col, header, n=1, cutoff=0.6)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            rows.append(
                (raw.header_line, col, "", f"column missing.{hint} Columns found: {', '.join(header)}")
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def problems(raw: RawExport, cells: pd.DataFrame, m: ImportMapping) -> pd.DataFrame:
    """One row per problem in a used column: ``line`` (as in the file), ``column``, ``value``
    (as far as it may be shown), ``reason``. ``cells`` is :func:`clean` of ``raw.table``."""
    header = missing_columns(raw, m)
    if len(header):
        return header
    c = m.columns
    lines = np.asarray(raw.lines)
    found: list[tuple[int, str, str, str]] = []

    def flag(mask: pd.Series | np.ndarray, column: str, reason: str, show: bool = True) -> None:
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            value = shown(column, cells[column].iloc[i], m) if show else NOT_SHOWN
            found.append((int(lines[i]), column, value, reason))

    used = set(c.used())
    for i, column, reason in raw.issues:
        if column in used or column == ROW:
            found.append((int(lines[i]), column, "", reason))
    code = codes(cells, m)
    nip = code["nip"]
    flag(
        ~nip.str.fullmatch(r"\d{18}"),
        c.nip,
        "NIP must be 18 digits (a spreadsheet may have turned it into a number such as "
        "1.98E+17: format the column as text)",
    )
    flag(nip.duplicated(keep=False) & nip.ne(""), c.nip, "NIP appears more than once")
    today = pd.Timestamp(dt.date.fromisoformat(m.snapshot_date))
    formats = ", ".join(m.date_formats)
    born = parse_dates(cells[c.birth_date], m.date_formats)
    flag(born.isna(), c.birth_date, f"not a date in the formats {formats}")
    age = (today - born).dt.days / 365.25
    flag(born.notna() & ((age < 18) | (age > 70)), c.birth_date, "age at the snapshot must be 18-70 years")
    tmt = parse_dates(cells[c.tmt_golongan], m.date_formats)
    flag(tmt.isna(), c.tmt_golongan, f"not a date in the formats {formats}")
    flag(tmt.notna() & (tmt > today), c.tmt_golongan, "rank date after the snapshot date")
    flag(
        tmt.notna() & born.notna() & ((tmt - born).dt.days / 365.25 < 18),
        c.tmt_golongan,
        "rank date before the 18th birthday",
    )
    flag(~code["sex"].isin(m.sex_codes), c.sex, f"unknown code; use {', '.join(m.sex_codes)}")
    flag(~code["education"].isin(EDUCATION), c.education, f"unknown code; use {', '.join(EDUCATION)}")
    flag(~code["golongan"].isin(RANKS), c.golongan, "unknown golongan; use I/a ... IV/e")
    eselon = code["eselon"]
    known = ", ".join(sorted(m.level_by_eselon))
    flag(
        eselon.ne("") & ~eselon.isin(m.level_by_eselon),
        c.eselon,
        f"eselon not in the mapping (level_by_eselon: {known}); add it there",
    )
    for col in c.predikat:
        flag(
            code[col].ne("") & ~code[col].isin(PREDIKAT),
            col,
            f"unknown predikat; use {', '.join(PREDIKAT)} or leave empty",
        )
    if c.assessment:
        score = pd.to_numeric(cells[c.assessment].replace("", np.nan), errors="coerce")
        flag(cells[c.assessment].ne("") & score.isna(), c.assessment, "not a number")
    if c.affinity_proxy:
        flag(~cells[c.affinity_proxy].isin(["0", "1", ""]), c.affinity_proxy, "use 0, 1 or leave empty")
    for col in dict.fromkeys(c.used()):
        flag(cells[col].isin(_SPREADSHEET_ERRORS), col, "a spreadsheet error value (#N/A, #REF! ...)")
        flag(
            cells[col].map(is_formula),
            col,
            "text starting with =, +, -, @, tab or CR (a spreadsheet would run it as a formula)",
            show=False,
        )
    out = pd.DataFrame(found, columns=COLUMNS).drop_duplicates()
    return out.sort_values(["line", "column"], kind="stable").reset_index(drop=True)
