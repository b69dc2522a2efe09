"""Charts of talent management: staff across the 9 boxes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import _need, _order, _year_axis, finish
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import scenario_label


def box_distribution(org: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Share of staff in each talent box (1-9) per year, mean over replications, one panel per
    scenario (stacked areas, boxes 7-9, the talent pool, on top)."""
    check_lang(lang)
    boxes = [f"box_{b}" for b in range(1, 10)]
    _need(org, ["scenario", "replication", "year", *boxes], "org")
    long = org.melt(
        id_vars=["scenario", "replication", "year"], value_vars=boxes, var_name="box", value_name="n"
    )
    long["share"] = long["n"] / long.groupby(["scenario", "replication", "year"])["n"].transform("sum")
    data = long.groupby(["scenario", "year", "box"], sort=False)["share"].mean().reset_index()
    data["box"] = data["box"].str.removeprefix("box_").astype(int)
    data["scenario"] = data["scenario"].map(lambda s: scenario_label(s, lang))
    chart = (
        alt.Chart(data)
        .mark_area()
        .encode(
            x=_year_axis(data["year"], lang),
            y=alt.Y("share:Q", stack="normalize", title=label("box_share", lang), axis=alt.Axis(format="%")),
            color=alt.Color("box:O", title=label("box", lang), scale=alt.Scale(scheme="viridis")),
            order=alt.Order("box:O"),
            tooltip=[
                alt.Tooltip("box:O", title=label("box", lang)),
                alt.Tooltip("share:Q", title=label("box_share", lang), format=".1%"),
            ],
        )
        .properties(width=180, height=160)
        .facet(column=alt.Column("scenario:N", title=label("scenario", lang), sort=_order(data["scenario"])))
        .properties(title=label("title_boxes", lang))
    )
    return finish(chart, lang)
