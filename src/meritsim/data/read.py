"""Reading an export (CSV or Excel) cell by cell, as text, keeping each row's physical line.

Nothing is dropped silently: blank rows are skipped but still counted in line numbers; a UTF-8
byte-order mark is removed; Excel date cells become ISO dates; what cannot be read faithfully
(a formula without a stored value, a number too long to be exact) is recorded as a cell issue
for the validation to report. Messages never show a cell's content.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

EXACT_DIGITS = 15  # a spreadsheet number keeps 15 significant digits; an 18-digit NIP does not fit
ROW = "(row)"  # the column name of problems that concern a whole row


class ExportError(ValueError):
    """An export that cannot be imported; the message names the file and the reason.

    ``exit_code`` is 2 for input that cannot be used as given, 1 when the import ran but its
    result would not be trustworthy (too many rows skipped)."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class RawExport:
    """An export as text: ``table`` (header cells as column names, every cell a string),
    ``lines`` (the physical line or sheet row of each table row), the header's line, and
    ``issues``: (row position, column, reason) of cells that could not be read faithfully."""

    table: pd.DataFrame
    lines: list[int]
    header_line: int
    issues: list[tuple[int, str, str]] = field(default_factory=list)


def check_encoding(encoding: str) -> str:
    """The codec name, or ExportError naming the unknown encoding."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ExportError(f"unknown encoding {encoding[:40]!r}; use e.g. utf-8, cp1252 or latin-1") from None


def read_export(path: str | Path, encoding: str = "utf-8") -> RawExport:
    """All cells as text (so that NIP and codes keep their leading zeros), header in the first
    non-blank row."""
    path = Path(path)
    codec = check_encoding(encoding)
    if not path.is_file():
        raise ExportError(f"{path}: no such file")
    if path.stat().st_size == 0:
        raise ExportError(f"{path}: the file is empty")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ExportError(f"{path}: old Excel (.xls) files are not read; save it as .xlsx or CSV")
    rows = _xlsx_rows(path) if suffix in (".xlsx", ".xlsm") else _csv_rows(path, codec)
    return _assemble(path, rows)


def _csv_rows(path: Path, codec: str) -> list[tuple[int, list[str], list[tuple[int, str]]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        raise ExportError(
            f"{path}: not readable as {codec} (a byte that is not {codec} at position {exc.start}); "
            "save it as UTF-8, or pass its encoding (e.g. --encoding cp1252)"
        ) from None
    text = text.removeprefix("\ufeff")
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str], list[tuple[int, str]]]] = []
    end = 0
    try:
        for cells in reader:
            start, end = end + 1, reader.line_num
            rows.append((start, cells, []))
    except csv.Error as exc:
        raise ExportError(f"{path}: cannot be read as a table near line {end + 1}: {exc}") from None
    return rows


def _xlsx_cell(value: object, kind: str) -> tuple[str, str | None]:
    """Text of an Excel cell and, if it cannot be read faithfully, why."""
    if value is None:
        return "", ("a formula without a stored value: open and save the file in a spreadsheet "
                    "program, or paste values") if kind == "f" else None  # fmt: skip
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, bool):
        return str(value).upper(), None
    if isinstance(value, int | float):
        if abs(value) >= 10**EXACT_DIGITS:
            return "", ("a number too long to be stored exactly (its last digits are lost); "
                        "format the column as text in the source system")  # fmt: skip
        return (str(int(value)) if float(value).is_integer() else repr(value)), None
    return str(value), None


def _xlsx_rows(path: Path) -> list[tuple[int, list[str], list[tuple[int, str]]]]:
    import openpyxl

    try:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ExportError(f"{path}: cannot be read as an Excel workbook ({type(exc).__name__})") from None
    rows = []
    try:
        for number, (cached, raw) in enumerate(
            zip(values.worksheets[0].iter_rows(), formulas.worksheets[0].iter_rows(), strict=False), 1
        ):
            cells, issues = [], []
            for j, (c, r) in enumerate(zip(cached, raw, strict=False)):
                text, issue = _xlsx_cell(c.value, getattr(r, "data_type", "n"))
                cells.append(text)
                if issue:
                    issues.append((j, issue))
            rows.append((number, cells, issues))
    finally:
        values.close()
        formulas.close()
    return rows


def _blank(cells: list[str]) -> bool:
    return all(not c.strip() for c in cells)


def _assemble(path: Path, rows: list[tuple[int, list[str], list[tuple[int, str]]]]) -> RawExport:
    rows = [r for r in rows if not _blank(r[1])]
    if not rows:
        raise ExportError(f"{path}: the file holds no rows")
    header_line, header, _ = rows[0]
    names = _column_names(header)
    if len(rows) == 1:
        raise ExportError(f"{path}: the file has a header but no rows")
    width = len(names)
    body, lines, issues = [], [], []
    for i, (line, cells, cell_issues) in enumerate(rows[1:]):
        extra = cells[width:]
        if any(c.strip() for c in extra):
            issues.append((i, ROW, f"the row has {len(cells)} cells but the header has {width} columns: "
                                   "its cells may be shifted"))  # fmt: skip
        body.append((cells + [""] * width)[:width])
        lines.append(line)
        issues += [(i, names[j], reason) for j, reason in cell_issues if j < width]
    table = pd.DataFrame(body, columns=names, dtype=object)
    return RawExport(table, lines, header_line, issues)


def _column_names(header: list[str]) -> list[str]:
    """Header cells as column names: stripped, and unique (a repeated or empty name gets its
    position: ``column 7``)."""
    names, seen = [], set()
    for j, cell in enumerate(header, 1):
        name = cell.strip()
        if not name or name in seen:
            name = f"column {j}"
        seen.add(name)
        names.append(name)
    return names
