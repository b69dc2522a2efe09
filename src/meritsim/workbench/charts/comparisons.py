"""Charts that compare scenarios: an outcome by scenario, and paired differences."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import (
    PLAIN,
    _clip,
    _color,
    _errorbar,
    _labelled,
    _need,
    _summarise,
    _tooltip,
    finish,
    unit_of,
)
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import scenario_label


def outcome_by_scenario(summary: pd.DataFrame, outcome: str, lang: str = "id") -> alt.TopLevelMixin:
    """Mean of one outcome per scenario (point) with its 95 % CI over replications (error bar,
    clipped to the outcome's valid range)."""
    check_lang(lang)
    _need(summary, ["scenario", "replication", outcome], "summary")
    data, raw = _labelled(_clip(_summarise(summary, ["scenario"], outcome), unit_of(outcome)), lang)
    y_title = label(outcome, lang)
    names = [scenario_label(s, lang) for s in raw]
    base = alt.Chart(data).encode(
        x=alt.X("scenario:N", sort=names, title=label("scenario", lang), axis=alt.Axis(labelAngle=0)),
        color=_color(raw, lang),
    )
    point = base.mark_point(filled=True, size=90).encode(
        y=alt.Y("mean:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=PLAIN)),
        tooltip=_tooltip(lang, "scenario:N", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    title = label("title_outcome", lang).format(outcome=y_title)
    chart = alt.layer(_errorbar(base, "y", y_title), point)
    return finish(chart.properties(title=title, width=max(200, 90 * len(raw)), height=280), lang)


def difference_forest(
    comparison: pd.DataFrame, outcomes: list[str] | None = None, lang: str = "id"
) -> alt.TopLevelMixin:
    """Forest plot of paired differences from the baseline (point, 95 % CI rule, zero line) per outcome."""
    check_lang(lang)
    cols = ["outcome", "scenario", "baseline", "diff", "diff_ci_low", "diff_ci_high"]
    _need(comparison, cols, "comparison")
    df = comparison.loc[np.isfinite(comparison["diff"].astype(float)), cols]
    present = list(dict.fromkeys(df["outcome"]))
    order = present if outcomes is None else [o for o in outcomes if o in set(present)]
    data = df[df["outcome"].isin(order)].rename(columns={"diff_ci_low": "ci_low", "diff_ci_high": "ci_high"})
    if data.empty:
        raise ValueError("comparison: no differences to plot (check the outcomes)")
    data["outcome_label"] = data["outcome"].map(lambda o: label(o, lang))
    baselines = ", ".join(scenario_label(b, lang) for b in dict.fromkeys(data["baseline"]))
    x_title = label("difference", lang).format(baseline=baselines)
    data, raw = _labelled(data, lang)
    names = [scenario_label(s, lang) for s in raw]
    base = alt.Chart().encode(
        y=alt.Y("scenario:N", sort=names, title=label("scenario", lang)), color=_color(raw, lang)
    )
    rule = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_low:Q", title=x_title, axis=alt.Axis(format=PLAIN)), x2="ci_high:Q"
    )
    point = base.mark_point(filled=True, size=70).encode(
        x="diff:Q",
        tooltip=[
            *_tooltip(lang, "scenario:N", "ci_low:Q", "ci_high:Q"),
            alt.Tooltip("diff:Q", title=label("diff", lang), format=".3~f"),
        ],
    )
    zero = alt.Chart().mark_rule(strokeDash=[4, 3], color="gray").encode(x=alt.datum(0))
    chart = alt.layer(zero, rule, point, data=data).properties(width=360, height=24 * len(raw))
    header = alt.Header(labelAngle=0, labelAlign="left", labelLimit=320)
    sort = [label(o, lang) for o in order]
    row = alt.Row("outcome_label:N", sort=sort, title=label("outcome", lang), header=header)
    chart = chart.facet(row=row).resolve_scale(x="independent")
    return finish(chart.properties(title=label("title_forest", lang)), lang)
