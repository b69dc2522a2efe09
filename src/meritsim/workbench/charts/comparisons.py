"""Charts that compare scenarios: an outcome by scenario, and paired differences."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import _color, _errorbar, _need, _order, _summarise, _tooltip
from meritsim.workbench.charts.labels import check_lang, label


def outcome_by_scenario(summary: pd.DataFrame, outcome: str, lang: str = "id") -> alt.LayerChart:
    """Mean of one outcome per scenario (point) with its 95 % CI over replications (error bar)."""
    check_lang(lang)
    _need(summary, ["scenario", "replication", outcome], "summary")
    data = _summarise(summary, ["scenario"], outcome)
    scenarios, y_title = _order(data["scenario"]), label(outcome, lang)
    base = alt.Chart(data).encode(
        x=alt.X("scenario:N", sort=scenarios, title=label("scenario", lang), axis=alt.Axis(labelAngle=0)),
        color=_color(scenarios, lang),
    )
    point = base.mark_point(filled=True, size=90).encode(
        y=alt.Y("mean:Q", title=y_title, scale=alt.Scale(zero=False)),
        tooltip=_tooltip(lang, "scenario:N", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    title = label("title_outcome", lang).format(outcome=y_title)
    chart = alt.layer(_errorbar(base, "y", y_title), point)
    return chart.properties(title=title, width=max(200, 80 * len(scenarios)), height=280)


def difference_forest(
    comparison: pd.DataFrame, outcomes: list[str] | None = None, lang: str = "id"
) -> alt.FacetChart:
    """Forest plot of paired differences from the baseline (point, 95 % CI rule, zero line) per outcome."""
    check_lang(lang)
    cols = ["outcome", "scenario", "baseline", "diff", "diff_ci_low", "diff_ci_high"]
    _need(comparison, cols, "comparison")
    df = comparison.loc[np.isfinite(comparison["diff"].astype(float)), cols]
    order = _order(df["outcome"]) if outcomes is None else [o for o in outcomes if o in set(df["outcome"])]
    data = df[df["outcome"].isin(order)].rename(columns={"diff_ci_low": "ci_low", "diff_ci_high": "ci_high"})
    if data.empty:
        raise ValueError("comparison: no differences to plot (check the outcomes)")
    data["outcome_label"] = data["outcome"].map(lambda o: label(o, lang))
    x_title = label("difference", lang).format(baseline=", ".join(map(str, _order(data["baseline"]))))
    scenarios = _order(data["scenario"])
    base = alt.Chart().encode(
        y=alt.Y("scenario:N", sort=scenarios, title=label("scenario", lang)), color=_color(scenarios, lang)
    )
    rule = base.mark_rule(strokeWidth=2).encode(x=alt.X("ci_low:Q", title=x_title), x2="ci_high:Q")
    point = base.mark_point(filled=True, size=70).encode(
        x="diff:Q", tooltip=[*_tooltip(lang, "scenario:N", "ci_low:Q", "ci_high:Q"), "diff:Q"]
    )
    zero = alt.Chart().mark_rule(strokeDash=[4, 3], color="gray").encode(x=alt.datum(0))
    chart = alt.layer(zero, rule, point, data=data).properties(width=360, height=24 * len(scenarios))
    header = alt.Header(labelAngle=0, labelAlign="left", labelLimit=320)
    sort = [label(o, lang) for o in order]
    row = alt.Row("outcome_label:N", sort=sort, title=label("outcome", lang), header=header)
    return chart.facet(row=row).resolve_scale(x="independent").properties(title=label("title_forest", lang))
