"""What every chart builder shares: checks, aggregation to means with 95 % CIs, the policy
colours, tooltips, error bars, CI bands clipped to the valid range, plain number formats and the
language's number locale (decimal comma in Indonesian)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt
import pandas as pd

from meritsim.model.outcomes import OUTCOMES
from meritsim.study.statistics import mean_ci
from meritsim.workbench.charts.colours import policy_scale
from meritsim.workbench.charts.labels import label
from meritsim.workbench.vocabulary import scenario_label

_VALID_CI = "isValid(datum.ci_low) && isValid(datum.ci_high)"
#: plain numbers on axes and in tooltips (never 1e+2)
PLAIN = ",~f"
LOCALES = {
    "id": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["Rp", ""]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["Rp", ""]},
}
#: the valid range of each unit (CI bands and bars are clipped to it)
BOUNDS = {"%": (0.0, 100.0), "share": (0.0, 1.0), "share (1 = even)": (0.0, 1.0), "index 0-400": (0.0, 400.0)}


def _need(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _order(values: Iterable) -> list:
    """Distinct values in order of first appearance."""
    return list(dict.fromkeys(values))


def _summarise(df: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Mean, 95 % t interval and count of ``value`` per group of ``by`` (groups in order of appearance)."""
    rows = [(*keys, *mean_ci(g), int(g.notna().sum())) for keys, g in df.groupby(by, sort=False)[value]]
    return pd.DataFrame(rows, columns=[*by, "mean", "ci_low", "ci_high", "n"])


def _clip(
    data: pd.DataFrame, unit: str | None, columns: Iterable[str] = ("ci_low", "ci_high")
) -> pd.DataFrame:
    """``data`` with ``columns`` clipped to the valid range of ``unit`` (if it has one)."""
    if unit in BOUNDS:
        low, high = BOUNDS[unit]
        cols = [c for c in columns if c in data]
        data[cols] = data[cols].clip(low, high)
    return data


def unit_of(outcome: str) -> str | None:
    return OUTCOMES[outcome].unit if outcome in OUTCOMES else None


def _labelled(data: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """``data`` with its ``scenario`` column written for people; returns the raw run names too."""
    raw = _order(data["scenario"])
    data = data.copy()
    data["scenario"] = data["scenario"].map(lambda s: scenario_label(s, lang))
    return data, raw


def _color(raw: Iterable[str], lang: str) -> alt.Color:
    """The shared policy colours over runs named ``raw`` (the data holds their labels)."""
    names = _order(raw)
    return alt.Color("scenario:N", scale=policy_scale(names, lang), title=label("scenario", lang))


def _tooltip(lang: str, *fields: str) -> list[alt.Tooltip]:
    num = {"mean", "ci_low", "ci_high"}
    return [alt.Tooltip(f, title=label(f[:-2], lang), format=".3~f" if f[:-2] in num else "") for f in fields]


def _errorbar(base: alt.Chart, axis: str, title: str, **mark: Any) -> alt.Chart:
    """Error bars from ci_low to ci_high along ``axis`` ("x" or "y"), only where both bounds are valid."""
    enc = {axis: alt.Y("ci_low:Q", title=title) if axis == "y" else alt.X("ci_low:Q", title=title)}
    return (
        base.mark_errorbar(ticks=True, **mark)
        .encode(**enc, **{f"{axis}2": "ci_high:Q"})
        .transform_filter(_VALID_CI)
    )


def _year_axis(years: Iterable, lang: str) -> alt.X:
    """Years as whole numbers, the axis ending at the last year (not the next round number)."""
    values = [int(y) for y in years]
    scale = alt.Scale(domain=[min(values), max(values)], nice=False) if values else alt.Undefined
    return alt.X("year:Q", title=label("year", lang), scale=scale, axis=alt.Axis(format="d", tickMinStep=1))


def _line_band(
    data: pd.DataFrame, y_title: str, title: str, lang: str, fmt: str = PLAIN, unit: str | None = None
) -> alt.TopLevelMixin:
    """Mean line per scenario x year with a 95 % CI band clipped to ``unit``'s range (band omitted
    where the bounds are NaN)."""
    data, raw = _labelled(_clip(data, unit), lang)
    base = alt.Chart(data).encode(x=_year_axis(data["year"], lang), color=_color(raw, lang))
    band = base.mark_area(opacity=0.2).encode(y="ci_low:Q", y2="ci_high:Q").transform_filter(_VALID_CI)
    line = base.mark_line(point=True).encode(
        y=alt.Y("mean:Q", title=y_title, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        tooltip=_tooltip(lang, "scenario:N", "year:Q", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    return alt.layer(band, line).properties(title=title, width=480, height=300)


def finish(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """The chart with the language's number locale and readable legends (full labels, solid swatches)."""
    return chart.configure(locale={"number": LOCALES[lang]}).configure_legend(
        symbolOpacity=1, labelLimit=0, titleLimit=0
    )
