"""Charts by post level: competence and high performers in senior posts."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import (
    PLAIN,
    _color,
    _errorbar,
    _labelled,
    _line_band,
    _need,
    _summarise,
    _tooltip,
    finish,
)
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import scenario_label


def competence_by_level(yearly: pd.DataFrame, year: int | None = None, lang: str = "id") -> alt.TopLevelMixin:
    """Mean competence (0-10 scale) per level x scenario in ``year`` (default: last): horizontal
    bars, one group per level, with 95 % CI error bars; labels horizontal, 640 px wide."""
    check_lang(lang)
    _need(yearly, ["scenario", "replication", "year", "level", "level_rank", "mean_competence"], "yearly")
    year = int(yearly["year"].max()) if year is None else year
    df = yearly[yearly["year"] == year]
    if df.empty:
        raise ValueError(f"yearly: no rows for year {year}")
    levels = df.drop_duplicates("level").sort_values("level_rank", kind="stable")
    unique = "level_label" in levels and levels["level_label"].is_unique
    names = dict(zip(levels["level"], levels["level_label" if unique else "level"], strict=True))
    data = _summarise(df, ["scenario", "level"], "mean_competence")
    data["level_label"] = data["level"].map(names)
    top = float(np.nanmax([10.0, *data["mean"]]))  # the competence scale ends at 10
    data[["ci_low", "ci_high"]] = data[["ci_low", "ci_high"]].clip(0, top)
    data, raw = _labelled(data, lang)
    runs = [scenario_label(s, lang) for s in raw]
    base = alt.Chart(data).encode(
        y=alt.Y("level_label:N", sort=list(names.values()), title=label("level", lang),
                axis=alt.Axis(labelAngle=0, labelLimit=260)),
        yOffset=alt.YOffset("scenario:N", sort=runs),
    )  # fmt: skip
    x_title = label("mean_competence", lang)
    bars = base.mark_bar().encode(
        x=alt.X("mean:Q", title=x_title, scale=alt.Scale(domain=[0, top]), axis=alt.Axis(format=PLAIN)),
        color=_color(raw, lang),
        tooltip=_tooltip(lang, "scenario:N", "level_label:N", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    title = label("title_competence", lang).format(year=year)
    chart = alt.layer(bars, _errorbar(base, "x", x_title, color="black"))
    height = max(200, 7 * len(data) + 10 * len(names))
    return finish(chart.properties(title=title, width=640, height=height), lang)


def senior_high_performers(yearly: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Share of high performers in the two highest level ranks per scenario x year (line + 95 % CI band)."""
    check_lang(lang)
    _need(yearly, ["scenario", "replication", "year", "level_rank", "headcount", "high_performers"], "yearly")
    top = np.sort(yearly["level_rank"].unique())[-2:]
    sums = (
        yearly[yearly["level_rank"].isin(top)]
        .groupby(["scenario", "replication", "year"], sort=False)[["high_performers", "headcount"]]
        .sum()
        .reset_index()
    )
    sums["share"] = sums["high_performers"] / sums["headcount"].where(sums["headcount"] > 0)
    data = _summarise(sums, ["scenario", "year"], "share")
    y_title, title = label("high_performer_share", lang), label("title_high_performers", lang)
    return finish(_line_band(data, y_title, title, lang, fmt="%", unit="share"), lang)
