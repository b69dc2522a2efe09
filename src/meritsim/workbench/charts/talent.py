"""Charts of talent management: staff across the 9 boxes."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import _need, _order
from meritsim.workbench.charts.labels import check_lang, label


def box_distribution(org: pd.DataFrame, lang: str = "id") -> alt.FacetChart:
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
    return (
        alt.Chart(data)
        .mark_area()
        .encode(
            x=alt.X("year:Q", title=label("year", lang), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("share:Q", stack="normalize", title=label("box_share", lang), axis=alt.Axis(format="%")),
            color=alt.Color("box:O", title=label("box", lang), scale=alt.Scale(scheme="viridis")),
            order=alt.Order("box:O"),
            tooltip=[alt.Tooltip("box:O", title=label("box", lang)), alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=180, height=160)
        .facet(column=alt.Column("scenario:N", title=label("scenario", lang), sort=_order(data["scenario"])))
        .properties(title=label("title_boxes", lang))
    )
