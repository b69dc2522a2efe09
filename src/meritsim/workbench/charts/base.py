"""What every chart builder shares: checks, aggregation to means with 95 % CIs, colours,
tooltips, error bars and CI bands."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from meritsim.study.statistics import mean_ci
from meritsim.workbench.charts.labels import label

_VALID_CI = "isValid(datum.ci_low) && isValid(datum.ci_high)"


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


def _color(scenarios: Iterable[str], lang: str) -> alt.Color:
    return alt.Color("scenario:N", scale=alt.Scale(domain=_order(scenarios)), title=label("scenario", lang))


def _tooltip(lang: str, *fields: str) -> list[alt.Tooltip]:
    num = {"mean", "ci_low", "ci_high"}
    return [alt.Tooltip(f, title=label(f[:-2], lang), format=".3f" if f[:-2] in num else "") for f in fields]


def _errorbar(base: alt.Chart, axis: str, title: str, **mark: object) -> alt.Chart:
    """Error bars from ci_low to ci_high along ``axis`` ("x" or "y"), only where both bounds are valid."""
    enc = {axis: alt.Y("ci_low:Q", title=title) if axis == "y" else alt.X("ci_low:Q", title=title)}
    return (
        base.mark_errorbar(ticks=True, **mark)
        .encode(**enc, **{f"{axis}2": "ci_high:Q"})
        .transform_filter(_VALID_CI)
    )


def _line_band(data: pd.DataFrame, y_title: str, title: str, lang: str, fmt: str = "") -> alt.LayerChart:
    """Mean line per scenario x year with a 95 % CI band (band omitted where the bounds are NaN)."""
    base = alt.Chart(data).encode(
        x=alt.X("year:Q", title=label("year", lang), axis=alt.Axis(format="d", tickMinStep=1)),
        color=_color(data["scenario"], lang),
    )
    band = base.mark_area(opacity=0.2).encode(y="ci_low:Q", y2="ci_high:Q").transform_filter(_VALID_CI)
    line = base.mark_line(point=True).encode(
        y=alt.Y("mean:Q", title=y_title, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        tooltip=_tooltip(lang, "scenario:N", "year:Q", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    return alt.layer(band, line).properties(title=title, width=480, height=300)
