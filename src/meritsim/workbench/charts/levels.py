"""Charts by post level: competence and high performers in senior posts."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import _color, _errorbar, _line_band, _need, _order, _summarise, _tooltip
from meritsim.workbench.charts.labels import check_lang, label


def competence_by_level(yearly: pd.DataFrame, year: int | None = None, lang: str = "id") -> alt.LayerChart:
    """Mean competence per level x scenario in ``year`` (default: last): grouped bars, 95 % CI error bars."""
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
    base = alt.Chart(data).encode(
        x=alt.X("level_label:N", sort=list(names.values()), title=label("level", lang)),
        xOffset=alt.XOffset("scenario:N", sort=_order(data["scenario"])),
    )
    y_title = label("mean_competence", lang)
    bars = base.mark_bar().encode(
        y=alt.Y("mean:Q", title=y_title),
        color=_color(data["scenario"], lang),
        tooltip=_tooltip(lang, "scenario:N", "level_label:N", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    title = label("title_competence", lang).format(year=year)
    chart = alt.layer(bars, _errorbar(base, "y", y_title, color="black"))
    return chart.properties(title=title, width=max(300, 30 * len(data)), height=300)


def senior_high_performers(yearly: pd.DataFrame, lang: str = "id") -> alt.LayerChart:
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
    data[["ci_low", "ci_high"]] = data[["ci_low", "ci_high"]].clip(0, 1)  # a share stays within 0-100 %
    y_title, title = label("high_performer_share", lang), label("title_high_performers", lang)
    return _line_band(data, y_title, title, lang, fmt="%")
