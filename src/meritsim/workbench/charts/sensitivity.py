"""Charts of sweeps: sensitivity indices and regression effects."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from meritsim.workbench.charts.base import _VALID_CI, PLAIN, _errorbar, _need, _order, finish
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.vocabulary import term


def sensitivity_indices(indices: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Sobol S1 and ST side by side (or Morris mu*) per parameter, ± 95 % CI, one panel per outcome."""
    check_lang(lang)
    _need(indices, ["method", "parameter", "outcome"], "indices")
    parts = []
    for index, method in (("S1", "sobol"), ("ST", "sobol"), ("mu_star", "morris")):
        rows = indices[indices["method"].astype(str).str.lower() == method]
        if len(rows) and index in rows:
            conf = rows.get(f"{index}_conf", np.nan)
            cols = {"value": rows[index], "conf": conf, "index": label(index, lang), "method": method}
            parts.append(rows[["parameter", "outcome"]].assign(**cols))
    if not parts:
        raise ValueError("indices: no Sobol (S1, ST) or Morris (mu_star) rows")
    data = pd.concat(parts, ignore_index=True)
    data["ci_low"], data["ci_high"] = data["value"] - data["conf"], data["value"] + data["conf"]
    data["parameter"] = data["parameter"].map(lambda p: term(p, lang))
    suffix = data["method"].str.capitalize().map(" ({})".format) if data["method"].nunique() > 1 else ""
    data["panel"] = data["outcome"].map(lambda o: label(o, lang)) + suffix
    kinds, x_title = _order(data["index"]), label("index_value", lang)
    base = alt.Chart().encode(
        y=alt.Y("parameter:N", sort=_order(data["parameter"]), title=label("parameter", lang)),
        yOffset=alt.YOffset("index:N", sort=kinds),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=x_title, axis=alt.Axis(format=PLAIN)),
        color=alt.Color("index:N", scale=alt.Scale(domain=kinds), title=label("index", lang)),
        tooltip=[
            alt.Tooltip("parameter:N", title=label("parameter", lang)),
            alt.Tooltip("index:N", title=label("index", lang)),
            alt.Tooltip("value:Q", title=label("value", lang), format=".3f"),
            alt.Tooltip("conf:Q", title="± IK 95 %" if lang == "id" else "± 95 % CI", format=".3f"),
        ],
    )
    chart = alt.layer(bars, _errorbar(base, "x", x_title, color="black"), data=data).properties(width=260)
    facet = alt.Facet("panel:N", sort=_order(data["panel"]), title=label("outcome", lang))
    chart = chart.facet(facet=facet, columns=3).resolve_scale(x="independent")
    return finish(chart.properties(title=label("title_sensitivity", lang)), lang)


def tornado(regression: pd.DataFrame, lang: str = "id", model: str = "ols") -> alt.TopLevelMixin:
    """Regression coefficients (horizontal bars, 95 % CI rules) sorted by |coef|, one panel per
    outcome; ``model`` ("ols" or "logit") names the regression in the title."""
    check_lang(lang)
    cols = ["outcome", "term", "coef", "ci_low", "ci_high"]
    _need(regression, cols, "regression")
    data = regression.loc[regression["term"] != "Intercept", cols].copy()
    if data.empty:
        raise ValueError("regression: no terms besides the intercept")
    if model not in ("ols", "logit"):
        raise ValueError(f"unknown model {model!r}: allowed values are 'ols', 'logit'")
    data["abs_coef"] = data["coef"].abs()
    data["term"] = data["term"].map(lambda t: term(t, lang))
    data["outcome_label"] = data["outcome"].map(lambda o: label(o, lang))
    sort = alt.EncodingSortField("abs_coef", op="max", order="descending")
    base = alt.Chart().encode(y=alt.Y("term:N", sort=sort, title=label("term", lang)))
    x_title = label("logit_coef" if model == "logit" else "coef", lang)
    bars = base.mark_bar().encode(
        x=alt.X("coef:Q", title=x_title, axis=alt.Axis(format=PLAIN)),
        color=alt.condition("datum.coef >= 0", alt.value("#4c78a8"), alt.value("#e45756")),
        tooltip=[
            alt.Tooltip("term:N", title=label("term", lang)),
            *(
                alt.Tooltip(f"{c}:Q", title=label(c, lang), format=".3f")
                for c in ("coef", "ci_low", "ci_high")
            ),
        ],
    )
    rule = base.mark_rule(color="black").encode(x=alt.X("ci_low:Q", title=x_title), x2="ci_high:Q")
    height = 22 * int(data.groupby("outcome")["term"].nunique().max())
    chart = alt.layer(bars, rule.transform_filter(_VALID_CI), data=data).properties(width=300, height=height)
    panels = _order(data["outcome_label"])
    facet = alt.Facet("outcome_label:N", sort=panels, title=label("outcome", lang))
    chart = chart.facet(facet=facet, columns=2).resolve_scale(x="independent", y="independent")
    return finish(
        chart.properties(title=label("title_logit" if model == "logit" else "title_tornado", lang)), lang
    )
