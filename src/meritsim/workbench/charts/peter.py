"""The Peter-principle chart: effectiveness gain by strategy and hypothesis."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import PLAIN, _errorbar, _need, _order, finish
from meritsim.workbench.charts.labels import check_lang, label

#: hypotheses are not policies: colours outside the policy scale
_HYPOTHESIS_COLOURS = ["#e377c2", "#393b79"]


def peter_gains(table: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Effectiveness gain per strategy (bars grouped and coloured by hypothesis) with 95 % CI error bars."""
    check_lang(lang)
    _need(table, ["hypothesis", "strategy", "gain", "ci_low", "ci_high"], "table")
    keys, values = ["hypothesis", "strategy"], ["gain", "ci_low", "ci_high"]
    data = table.groupby(keys, sort=False)[values].mean().reset_index()  # one row per pair already
    for key in keys:
        data[key] = data[key].map(lambda v: label(str(v), lang))
    hyps = _order(data["hypothesis"])
    base = alt.Chart(data).encode(
        x=alt.X(
            "strategy:N",
            sort=_order(data["strategy"]),
            title=label("strategy", lang),
            axis=alt.Axis(labelAngle=0),
        ),
        xOffset=alt.XOffset("hypothesis:N", sort=hyps),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("gain:Q", title=label("gain", lang), axis=alt.Axis(format=PLAIN)),
        color=alt.Color(
            "hypothesis:N",
            scale=alt.Scale(domain=hyps, range=_HYPOTHESIS_COLOURS),
            title=label("hypothesis", lang),
            legend=alt.Legend(orient="bottom", labelLimit=0),
        ),
        tooltip=[
            alt.Tooltip("hypothesis:N", title=label("hypothesis", lang)),
            alt.Tooltip("strategy:N", title=label("strategy", lang)),
            alt.Tooltip("gain:Q", title=label("gain", lang), format=".2f"),
        ],
    )
    chart = alt.layer(bars, _errorbar(base, "y", label("gain", lang), color="black"))
    return finish(chart.properties(title=label("title_peter", lang), width=360, height=280), lang)
