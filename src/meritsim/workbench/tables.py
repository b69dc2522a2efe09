"""Tables for people and tables to take away.

:func:`display_table` writes a result table the way the report's language does (translated
headers, outcome and run names, "Ya"/"Tidak", decimal commas). :func:`write_workbook` writes an
Excel workbook of named sheets, every text cell neutralised against formulas with the same rule as
meritsim's CSV files (:mod:`meritsim.study.safe_csv`) and stored as text, never as a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from meritsim.study.safe_csv import neutralise, write_csv
from meritsim.workbench.charts.labels import label
from meritsim.workbench.vocabulary import number, percent, scenario_label, term

#: sheet names by language
SHEETS = {
    "summary": ("ringkasan", "summary"),
    "comparison": ("perbandingan", "comparison"),
    "yearly": ("deret tahunan", "yearly series"),
    "settings": ("pengaturan", "settings"),
    "robustness": ("uji ketahanan", "robustness"),
    "decomposition": ("dekomposisi", "decomposition"),
    "validation": ("validasi", "validation"),
    "replications": ("replikasi", "replications"),
}
_NAMES = {"scenario", "baseline", "policy", "against"}
_LABELLED = {"outcome", "variant", "decided_by", "parameter", "term", "hypothesis", "strategy"}


def translate(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with headers, outcome and run names and booleans in ``lang`` (numbers untouched)."""
    out = df.copy()
    for col in out.columns:
        if col in _NAMES:
            out[col] = out[col].map(lambda v: scenario_label(v, lang))
        elif col in _LABELLED:
            out[col] = out[col].map(lambda v: label(str(v), lang))
        elif pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(lambda v: term(bool(v), lang))
    return out.rename(columns=lambda c: term(c, lang) if c not in ("mean_competence",) else label(c, lang))


def display_table(df: pd.DataFrame, lang: str, digits: int = 2) -> pd.DataFrame:
    """``df`` as the report shows it: translated (:func:`translate`), numbers as text with
    ``digits`` decimals in the language's notation, shares (``share_*``) as percentages."""
    shares = [term(c, lang) for c in df.columns if str(c).startswith("share_")]
    out = translate(df, lang)
    for col in out.columns:
        if col in shares:
            out[col] = out[col].map(lambda v: percent(v, lang))
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(lambda v: number(v, lang, digits))
    return out.reset_index(drop=True)


def _sheet_name(key: str, lang: str) -> str:
    pair = SHEETS.get(key)
    return (key if pair is None else pair[0 if lang == "id" else 1])[:31]


def write_workbook(path: str | Path, sheets: dict[str, pd.DataFrame], lang: str) -> Path:
    """Write ``sheets`` (key -> table) to an Excel workbook at ``path``: sheet names and headers
    in ``lang``, every text cell neutralised against formulas and typed as text."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    for key, df in sheets.items():
        sheet = book.create_sheet(_sheet_name(key, lang))
        table = neutralise(translate(df, lang))
        rows = [list(table.columns), *table.itertuples(index=False, name=None)]
        for r, values in enumerate(rows, 1):
            for c, value in enumerate(values, 1):
                cell = sheet.cell(row=r, column=c, value=_cell(value))
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
        for c, name in enumerate(table.columns, 1):
            sheet.column_dimensions[get_column_letter(c)].width = min(40, max(10, len(str(name)) + 2))
        sheet.freeze_panes = "A2"
    tmp = path.with_name(f".{path.name}.tmp")
    book.save(tmp)
    tmp.replace(path)
    return path


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, int | float | str | bool):
        return value
    return str(value)


def write_tables(folder: str | Path, stem: str, sheets: dict[str, pd.DataFrame], lang: str) -> list[Path]:
    """The workbook ``folder/stem.xlsx`` and one neutralised CSV per sheet in ``folder/tables``."""
    folder = Path(folder)
    written = [write_workbook(folder / f"{stem}.xlsx", sheets, lang)]
    (folder / "tables").mkdir(parents=True, exist_ok=True)
    for key, df in sheets.items():
        path = folder / "tables" / f"{key}.csv"
        write_csv(translate(df, lang), path)
        written.append(path)
    return written


def yearly_series(org: pd.DataFrame) -> pd.DataFrame:
    """The org table's numbers averaged over replications, one row per run x year (with its
    calendar year, a label rather than a number to average)."""
    keys = ["scenario", "year", *(["calendar_year"] if "calendar_year" in org.columns else [])]
    numeric = [c for c in org.columns if c not in (*keys, "replication", "policy")
               and pd.api.types.is_numeric_dtype(org[c])]  # fmt: skip
    return org.groupby(keys, sort=False)[numeric].mean().reset_index()


def settings_table(settings: dict, lang: str) -> pd.DataFrame:
    """The report's settings as a two-column table."""
    from meritsim.workbench.narrative import setting_label

    rows = [(setting_label(k, lang), ", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v))
            for k, v in settings.items()]  # fmt: skip
    return pd.DataFrame(rows, columns=["setting", "value"])
