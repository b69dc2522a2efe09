"""Charts over the years: effectiveness and staff flows."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import (
    PLAIN,
    _line_band,
    _need,
    _order,
    _summarise,
    _tooltip,
    _year_axis,
    finish,
)
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import scenario_label

_FLOWS = ("promotions", "rank_promotions", "exits", "hires")


def effectiveness_over_time(org: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Mean effectiveness per scenario x year (line) with its 95 % CI over replications (band,
    within 0-100 %)."""
    check_lang(lang)
    _need(org, ["scenario", "replication", "year", "effectiveness"], "org")
    data = _summarise(org, ["scenario", "year"], "effectiveness")
    chart = _line_band(data, label("effectiveness", lang), label("title_effectiveness", lang), lang, unit="%")
    return finish(chart, lang)


def flows(org: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Mean promotions, rank promotions, exits and hires per year (lines by flow), one panel per scenario."""
    check_lang(lang)
    _need(org, ["scenario", "replication", "year", *_FLOWS], "org")
    df = org[org["year"] >= 1]
    data = df.groupby(["scenario", "year"], sort=False)[list(_FLOWS)].mean().reset_index()
    data = data.melt(["scenario", "year"], var_name="flow", value_name="mean")
    data["flow"] = data["flow"].map(lambda f: label(f, lang))
    data["scenario"] = data["scenario"].map(lambda s: scenario_label(s, lang))
    names = [label(f, lang) for f in _FLOWS]
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=_year_axis(data["year"], lang),
            y=alt.Y("mean:Q", title=label("per_year", lang), axis=alt.Axis(format=PLAIN)),
            color=alt.Color("flow:N", scale=alt.Scale(domain=names), title=label("flow", lang)),
            tooltip=_tooltip(lang, "scenario:N", "year:Q", "flow:N", "mean:Q"),
        )
        .properties(width=320, height=240)
    )
    scenarios, title = _order(data["scenario"]), label("title_flows", lang)
    if len(scenarios) > 1:
        facet = alt.Facet("scenario:N", sort=scenarios, title=label("scenario", lang))
        return finish(chart.facet(facet=facet, columns=2).properties(title=title), lang)
    return finish(chart.properties(title=f"{title}: {scenarios[0]}" if scenarios else title), lang)
