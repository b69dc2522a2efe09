"""Charts of studies beyond one comparison: where merit's advantage comes from (decomposition)
and how merit fares against each policy across reports (provinces)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import _VALID_CI, PLAIN, _color, _need, _order, finish
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import scenario_label, term


def contributions(decomposition: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Each mechanism's contribution to the advantage (horizontal bar, 95 % CI rule, zero line):
    the advantage with everything on minus the advantage with that mechanism off."""
    check_lang(lang)
    cols = ["variant", "policy", "against", "contribution", "contribution_ci_low", "contribution_ci_high"]
    _need(decomposition, cols, "decomposition")
    data = decomposition.dropna(subset=["contribution"])[cols].rename(
        columns={"contribution_ci_low": "ci_low", "contribution_ci_high": "ci_high"}
    )
    if data.empty:
        raise ValueError("decomposition: no mechanism switched off")
    data["clear"] = (data["ci_low"] > 0) | (data["ci_high"] < 0)
    data["variant"] = data["variant"].map(lambda v: term(v, lang))
    policy, against = (term(str(data[c].iloc[0]), lang) for c in ("policy", "against"))
    x_title = label("contribution", lang)
    base = alt.Chart(data).encode(
        y=alt.Y("variant:N", sort=_order(data["variant"]), title=label("variant", lang),
                axis=alt.Axis(labelLimit=320)),
    )  # fmt: skip
    tips = [alt.Tooltip("variant:N", title=label("variant", lang))] + [
        alt.Tooltip(f"{c}:Q", title=label(c, lang), format=".3f")
        for c in ("contribution", "ci_low", "ci_high")
    ]
    bars = base.mark_bar().encode(
        x=alt.X("contribution:Q", title=x_title, axis=alt.Axis(format=PLAIN)),
        color=alt.condition("datum.contribution >= 0", alt.value("#1f77b4"), alt.value("#ff7f0e")),
        opacity=alt.condition("datum.clear", alt.value(1.0), alt.value(0.45)),
        tooltip=tips,
    )
    rule = base.mark_rule(color="black").encode(x="ci_low:Q", x2="ci_high:Q").transform_filter(_VALID_CI)
    zero = alt.Chart(data).mark_rule(color="gray").encode(x=alt.datum(0))
    title = label("title_decomposition", lang).format(policy=policy, against=against)
    chart = alt.layer(bars, rule, zero).properties(title=title, width=420, height=22 * len(data))
    return finish(chart, lang)


def across_reports(headlines: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Merit against each other policy in every report of a batch: the paired difference of the
    other policy from merit (point, 95 % CI rule, zero line), one row per report, coloured by
    policy. ``headlines`` has report, scenario (the other policy), diff, diff_ci_low, diff_ci_high."""
    check_lang(lang)
    _need(headlines, ["report", "scenario", "diff", "diff_ci_low", "diff_ci_high"], "headlines")
    data = headlines.rename(columns={"diff_ci_low": "ci_low", "diff_ci_high": "ci_high"}).copy()
    raw = _order(data["scenario"])
    data["scenario"] = data["scenario"].map(lambda s: scenario_label(s, lang))
    base = alt.Chart(data).encode(
        y=alt.Y("report:N", sort=_order(data["report"]), title=label("report", lang),
                axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("scenario:N", sort=[scenario_label(s, lang) for s in raw]),
        color=_color(raw, lang),
    )  # fmt: skip
    x_title = label("province_diff", lang)
    x = alt.X("ci_low:Q", title=x_title, axis=alt.Axis(format=PLAIN))
    rule = base.mark_rule(strokeWidth=2).encode(x=x, x2="ci_high:Q").transform_filter(_VALID_CI)
    tips = [alt.Tooltip("report:N", title=label("report", lang)),
            alt.Tooltip("scenario:N", title=label("scenario", lang)),
            alt.Tooltip("diff:Q", title=label("diff", lang), format=".2f")]  # fmt: skip
    point = base.mark_point(filled=True, size=70).encode(x="diff:Q", tooltip=tips)
    zero = alt.Chart(data).mark_rule(strokeDash=[4, 3], color="gray").encode(x=alt.datum(0))
    height = 16 * len(data) + 10 * data["report"].nunique()
    chart = alt.layer(zero, rule, point).properties(
        title=label("title_provinces", lang), width=480, height=height
    )
    return finish(chart, lang)
