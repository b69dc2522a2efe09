"""Writing tables that people open in spreadsheets: cells that a spreadsheet would run as a
formula (starting with =, +, - or @) are neutralised with a leading apostrophe."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FORMULA_START = ("=", "+", "-", "@")


def is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell that starts like a formula is prefixed with ``'``."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(lambda v: f"'{v}" if is_formula(v) else v)
    return out


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    neutralise(df).to_csv(path, index=False)
