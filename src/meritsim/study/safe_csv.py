"""Writing tables that people open in spreadsheets.

A text cell that a spreadsheet would run as a formula (it starts, after any leading whitespace,
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe, in the
header as in the body; numbers are left alone. Rows end with CRLF (RFC 4180), so that a cell
holding a line break (CR or LF) is always quoted and never opens a new spreadsheet row.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def is_formula(value: object) -> bool:
    """Whether a spreadsheet could run ``value`` as a formula (plain numbers such as ``-1.5`` are
    not: a spreadsheet reads them as numbers)."""
    if not isinstance(value, str):
        return False
    text = value.lstrip(" \u00a0\u3000")
    return text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text.strip())


def neutral(value: object) -> object:
    """``value`` with a leading apostrophe if it could run as a formula, else unchanged."""
    return f"'{value}" if is_formula(value) else value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell and column name that could run as a formula is prefixed
    with ``'``."""
    out = df.rename(columns=lambda c: neutral(c) if isinstance(c, str) else c)
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutral)
    return out


def csv_text(df: pd.DataFrame) -> str:
    """The table as neutralised CSV text."""
    return neutralise(df).to_csv(index=False, lineterminator="\r\n")


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    """Write ``df`` as neutralised CSV (UTF-8, CRLF rows)."""
    Path(path).write_text(csv_text(df), encoding="utf-8", newline="")
