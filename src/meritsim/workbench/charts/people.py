"""Charts of people: the age pyramid."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import _need, _order, finish
from meritsim.workbench.charts.labels import check_lang, label

_PYRAMID_TIPS = (("band:O", "age_band"), ("sex:N", "sex"), ("golongan:N", "golongan"), ("count:Q", "count"))


def pyramid(people: pd.DataFrame, lang: str = "id", year: int | None = None) -> alt.TopLevelMixin:
    """Age pyramid: 5-year bands (oldest on top), men left, women right, stacked by golongan;
    ``year`` (e.g. the start or the end of a run) goes into the title."""
    check_lang(lang)
    _need(people, ["age", "female", "golongan"], "people")
    start = (np.floor(people["age"].astype(float) / 5) * 5).astype(int)
    df = pd.DataFrame(
        {"start": start, "female": people["female"].astype(bool), "golongan": people["golongan"]}
    )
    data = df.groupby(["start", "female", "golongan"]).size().rename("count").reset_index()
    data["band"] = data["start"].map(lambda a: f"{a}–{a + 4}")
    data["sex"] = np.where(data["female"], label("women", lang), label("men", lang))
    data["signed"] = np.where(data["female"], data["count"], -data["count"])
    bands = [f"{a}–{a + 4}" for a in sorted(data["start"].unique(), reverse=True)]
    grades = [g for g in ("I", "II", "III", "IV") if g in set(data["golongan"])]
    grades += [g for g in _order(data["golongan"]) if g not in grades]
    x_axis = alt.Axis(format=",~f", labelExpr="format(abs(datum.value), ',~f')")
    tips = [alt.Tooltip(f, title=label(k, lang)) for f, k in _PYRAMID_TIPS]
    title = (
        label("title_pyramid", lang) if year is None else label("title_pyramid_year", lang).format(year=year)
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("band:O", sort=bands, title=label("age_band", lang)),
            x=alt.X("signed:Q", stack="zero", title=label("pyramid_x", lang), axis=x_axis),
            color=alt.Color("golongan:N", scale=alt.Scale(domain=grades), title=label("golongan", lang)),
            order=alt.Order("golongan:N"),
            tooltip=tips,
        )
        .properties(title=title, width=480, height=320)
    )
    return finish(chart, lang)
