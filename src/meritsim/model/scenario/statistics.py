"""BKN's published workforce statistics as data: the tables of ``params/statistics/``, validated.

Every table is a tidy CSV with the same columns (:data:`COLUMNS`): one row per published figure,
with the date it refers to, what it counts (``population``, ``dimension``, ``category``), its value
and unit, how exact it is (``relation``: ``equal``, ``about`` or the lower bound ``more_than``), its
source and whether that source is weak. A figure that is not published has no row (the folder's
README says what is missing). The engine builds starting workforces from these margins and
:mod:`meritsim.study.validation` compares runs against them.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from meritsim.model.scenario.errors import Problem, suggestion
from meritsim.model.scenario.files import bundled_dir

#: The columns of every statistics table, in order.
COLUMNS: tuple[str, ...] = (
    "date", "date_end", "area", "population", "dimension", "category", "value", "unit",
    "relation", "weak", "source", "source_date", "note",
)  # fmt: skip

#: Who is counted: all civil servants, career civil servants, contract staff, structural posts.
POPULATIONS: tuple[str, ...] = ("ASN", "PNS", "PPPK", "structural_posts")

#: Each dimension's categories, all of them: a dimension whose rows cover every category is complete.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "total": ("all",),
    "agency": ("central", "regional"),
    "sex": ("female", "male"),
    "age": ("upto_30", "31_40", "41_50", "51_60"),  # BKN's bands, completed years; 51-60 the oldest
    "service": ("0_10", "11_20", "21_30", "over_30"),  # years of service
    "education": ("bachelor_plus", "diploma", "school"),
    "jabatan": ("functional", "pelaksana", "structural"),
    "golongan": ("I", "II", "III", "IV"),
    "eselon": ("I", "II", "III", "IV", "V"),
    "retirements": ("all",),  # a flow over the period date..date_end
    "appointments": ("all",),  # a flow over the period date..date_end
}
#: The model's education codes in BKN's groups; D-IV counts as a bachelor's degree (PP 99/2000).
EDUCATION_GROUPS: dict[str, str] = {
    **dict.fromkeys(("SD", "SLTP", "SLTA"), "school"),
    **dict.fromkeys(("D-I", "D-II", "D-III"), "diploma"),
    **dict.fromkeys(("D-IV", "S1", "S2", "S3"), "bachelor_plus"),
}
FLOWS = ("retirements", "appointments")
UNITS: tuple[str, ...] = ("persons", "posts", "percent", "persons_per_year")
COUNT_UNITS = ("persons", "posts")
#: equal: as published (rounded as published); about: published as approximate; more_than: a lower bound.
RELATIONS: tuple[str, ...] = ("equal", "about", "more_than")

SHARE_SUM_TOLERANCE = 1.0  # points: the shares of a complete dimension sum to 100 +/- this
COUNT_SUM_TOLERANCE = 0.01  # relative: the counts of a complete dimension sum to the total +/- this
MAX_BYTES = 1_000_000
MAX_ROWS = 10_000

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_AREA = re.compile(r"^[a-z][a-z_]*$")
_KEY = ("date", "date_end", "area", "population", "dimension", "category")


class StatisticsError(ValueError):
    """A statistics table that cannot be used; ``problems`` names the file, line and field of each."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def statistics_dir() -> Path:
    """The bundled statistics: ``meritsim/_scenarios/statistics`` (``params/statistics/``)."""
    return bundled_dir() / "statistics"


def _iso_date(text: str) -> dt.date | None:
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _check_row(row: dict[str, str], where: str, problems: list[Problem]) -> dict | None:
    """One row as typed values, or None after adding what is wrong with it to ``problems``."""
    found: list[Problem] = []

    def bad(field: str, message: str, value: object = None) -> None:
        found.append(Problem(where, f"{field}", message, value, value is not None))

    date, date_end = row["date"], row["date_end"]
    if date and _iso_date(date) is None:
        bad("date", "must be a date YYYY-MM-DD (or empty for an undated figure, with a note)", date)
    if not date and not row["note"]:
        bad("date", "is empty: an undated figure needs a note saying why")
    if date_end:
        end = _iso_date(date_end)
        if end is None:
            bad("date_end", "must be a date YYYY-MM-DD, or empty for a figure at one date", date_end)
        elif not date:
            bad("date_end", "needs a start date in 'date'", date_end)
        elif (start := _iso_date(date)) is not None and end < start:
            bad("date_end", f"is before the start date {date}", date_end)
    if not _AREA.match(row["area"]):
        bad("area", "must be 'national' or a province key in lower case, e.g. jawa_barat", row["area"])
    if row["population"] not in POPULATIONS:
        hint = suggestion(row["population"], list(POPULATIONS))
        bad("population", f"unknown population.{hint} Allowed: {', '.join(POPULATIONS)}", row["population"])
    dimension, category = row["dimension"], row["category"]
    if dimension not in CATEGORIES:
        hint = suggestion(dimension, list(CATEGORIES))
        bad("dimension", f"unknown dimension.{hint} Allowed: {', '.join(CATEGORIES)}", dimension)
    elif category not in CATEGORIES[dimension]:
        allowed = CATEGORIES[dimension]
        hint = suggestion(category, list(allowed))
        bad("category", f"unknown category of {dimension!r}.{hint} Allowed: {', '.join(allowed)}", category)
    elif dimension in FLOWS and not date_end:
        bad("date_end", f"{dimension} is a flow: give the end of its period")
    unit = row["unit"]
    if unit not in UNITS:
        bad("unit", f"unknown unit.{suggestion(unit, list(UNITS))} Allowed: {', '.join(UNITS)}", unit)
    elif dimension == "total" and unit not in COUNT_UNITS:
        bad("unit", f"a total is a count: {' or '.join(COUNT_UNITS)}", unit)
    try:
        value = float(row["value"])
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        bad("value", "must be a number, at least 0 (an unpublished figure has no row)", row["value"])
    elif unit == "percent" and value > 100:
        bad("value", "a percentage is at most 100", row["value"])
    elif unit in COUNT_UNITS and value != int(value):
        bad("value", f"a count of {unit} is a whole number", row["value"])
    if row["relation"] not in RELATIONS:
        hint = suggestion(row["relation"], list(RELATIONS))
        bad("relation", f"unknown relation.{hint} Allowed: {', '.join(RELATIONS)}", row["relation"])
    if row["weak"] not in ("true", "false"):
        bad("weak", "must be true (a secondary or single source) or false", row["weak"])
    if not row["source"].strip():
        bad("source", "is empty: every figure needs its source")
    if row["source_date"] and not _SOURCE_DATE.match(row["source_date"]):
        bad("source_date", "must be YYYY, YYYY-MM or YYYY-MM-DD, or empty if unknown", row["source_date"])
    problems += found
    if found:
        return None
    return {**row, "value": value, "weak": row["weak"] == "true"}


def _read_rows(path: Path) -> tuple[list[dict], list[Problem]]:
    """The rows of one CSV with their line numbers, and what is wrong with the file or its rows."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [], [Problem(name, "", f"is {size:,} bytes; a statistics table is at most {MAX_BYTES:,}")]
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(name, "", f"cannot be read: {exc}")]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    problems = []
    for column in header:
        if column not in COLUMNS:
            hint = suggestion(column, list(COLUMNS))
            problems.append(
                Problem(name, "header", f"unknown column {column!r}.{hint} Columns: {', '.join(COLUMNS)}")
            )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(
            Problem(name, "header", f"missing column(s) {', '.join(missing)}; columns: {', '.join(COLUMNS)}")
        )
    if problems:
        return [], problems
    rows = []
    for raw in reader:
        if reader.line_num > MAX_ROWS + 1:
            return [], [Problem(name, "", f"has more than {MAX_ROWS:,} rows")]
        where = f"{name}: line {reader.line_num}"
        if None in raw or any(v is None for v in raw.values()):
            problems.append(
                Problem(where, "", f"has {len(header)} columns in the header but not in this row")
            )
            continue
        row = _check_row({k: v.strip() for k, v in raw.items()}, where, problems)
        if row is not None:
            rows.append({**row, "table": path.stem, "_where": where, "_file": name, "_line": reader.line_num})
    return rows, problems


def _lines(group: pd.DataFrame) -> str:
    """Where a group of rows is: ``file: lines 3, 4, 5`` (per file)."""
    return "; ".join(f"{file}: lines {', '.join(map(str, g._line))}" for file, g in group.groupby("_file"))


def _group_problems(frame: pd.DataFrame) -> list[Problem]:
    """Checks across rows: no figure twice, complete shares sum to 100, parts sum to their total."""
    problems: list[Problem] = []
    dupes = frame[frame.duplicated(list(_KEY), keep=False)]
    for _, group in dupes.groupby(list(_KEY), dropna=False, sort=False):
        first, *others = group["_where"]
        problems.append(Problem(first, "", f"the same figure appears again at {', '.join(others)}"))
    for _, group in frame.groupby(["date", "area", "population", "dimension"], dropna=False):
        if group.unit.nunique() > 1:
            units = ", ".join(sorted(set(group.unit)))
            message = f"one dimension at one date mixes units ({units}): give all its figures in one unit"
            problems.append(Problem(_lines(group), "unit", message))
    totals = frame[frame.dimension == "total"].set_index(["date", "area", "population"])["value"]
    totals = totals[~totals.index.duplicated()]
    parts = frame[(frame.dimension != "total") & (frame.relation != "more_than")]
    for (date, area, population, dimension, unit), group in parts.groupby(
        ["date", "area", "population", "dimension", "unit"], dropna=False
    ):
        if set(group.category) != set(CATEGORIES[str(dimension)]):
            continue  # incomplete: nothing to sum
        where = _lines(group)
        if unit == "percent" and abs(group.value.sum() - 100) > SHARE_SUM_TOLERANCE:
            message = (
                f"the {dimension} shares sum to {group.value.sum():g} %, not 100 +/- {SHARE_SUM_TOLERANCE:g}"
            )
            problems.append(Problem(where, "value", message))
        total = totals.get((date, area, population))
        if (
            unit in COUNT_UNITS
            and total is not None
            and abs(group.value.sum() - total) > COUNT_SUM_TOLERANCE * total
        ):
            message = f"the {dimension} counts sum to {group.value.sum():,.0f}, not the total {total:,.0f}"
            problems.append(Problem(where, "value", message))
    for (date, area), group in frame[frame.dimension == "total"].groupby(["date", "area"], dropna=False):
        values = dict(zip(group.population, group.value, strict=False))
        if {"ASN", "PNS", "PPPK"} <= set(values) and abs(
            values["PNS"] + values["PPPK"] - values["ASN"]
        ) > 0.005 * values["ASN"]:
            problems.append(
                Problem(
                    _lines(group), "value", f"ASN {values['ASN']:,.0f} is not PNS + PPPK at {date} ({area})"
                )
            )
    return problems


def read_tables(paths: Iterable[Path]) -> pd.DataFrame:
    """Read and validate statistics tables: one frame with a ``table`` column (the file's stem).

    Raises:
        StatisticsError: every problem, naming the file, the line and the field.
    """
    rows: list[dict] = []
    problems: list[Problem] = []
    for path in paths:
        found, wrong = _read_rows(Path(path))
        rows += found
        problems += wrong
    frame = pd.DataFrame(rows, columns=["table", *COLUMNS, "_where", "_file", "_line"])
    if not problems:
        problems = _group_problems(frame)
    if problems:
        raise StatisticsError(problems)
    frame = frame.drop(columns=["_where", "_file", "_line"])
    frame["value"] = frame["value"].astype(float)
    frame["weak"] = frame["weak"].astype(bool)
    for column in ("date", "date_end", "source_date", "note"):
        frame[column] = frame[column].where(frame[column] != "", None)
    return frame.sort_values("table", kind="stable").reset_index(drop=True)  # each file's own row order


@functools.lru_cache(maxsize=1)
def _bundled() -> pd.DataFrame:
    return read_tables(sorted(statistics_dir().glob("*.csv")))


def load_statistics(folder: str | Path | None = None) -> pd.DataFrame:
    """All statistics tables of ``folder`` (default: the bundled ``params/statistics/``), validated.

    Columns: ``table`` and :data:`COLUMNS`; ``date``/``date_end`` are ISO strings (None if
    undated / for a figure at one date), ``value`` a float, ``weak`` a bool.

    Raises:
        StatisticsError: naming the file, line and field of every problem.
    """
    if folder is None:
        return _bundled().copy()
    paths = sorted(Path(folder).glob("*.csv"))
    if not paths:
        raise StatisticsError([Problem(str(folder), "", "holds no statistics tables (*.csv)")])
    return read_tables(paths)


def published(
    dimension: str, date: str | None = None, *, population: str | None = None, area: str | None = "national",
    statistics: pd.DataFrame | None = None,
) -> pd.DataFrame:  # fmt: skip
    """The published figures of one dimension (e.g. ``"age"``), optionally at one date (ISO),
    of one population (``"PNS"``) and area (default national; None = every area)."""
    if dimension not in CATEGORIES:
        raise ValueError(f"unknown dimension {dimension!r}.{suggestion(dimension, list(CATEGORIES))} "
                         f"Allowed: {', '.join(CATEGORIES)}")  # fmt: skip
    frame = load_statistics() if statistics is None else statistics
    keep = frame.dimension == dimension
    if date is not None:
        keep &= frame.date == date
    if population is not None:
        keep &= frame.population == population
    if area is not None:
        keep &= frame.area == area
    return frame[keep].reset_index(drop=True)


def published_dates(
    population: str | None = None, area: str | None = "national", statistics: pd.DataFrame | None = None
) -> list[str]:
    """The dates (ISO) of published figures at one date (not flows over a period), oldest first."""
    frame = load_statistics() if statistics is None else statistics
    keep = frame.date.notna() & frame.date_end.isna()
    if population is not None:
        keep &= frame.population == population
    if area is not None:
        keep &= frame.area == area
    return sorted(set(frame.date[keep]))
