"""Charts of the model against BKN's statistics (:func:`meritsim.study.history.validate_history`):
the headcounts over the dates, and every figure's error beside its tolerance."""

from __future__ import annotations

import altair as alt
import pandas as pd

from meritsim.workbench.charts.base import PLAIN, _need, finish
from meritsim.workbench.charts.labels import check_lang, label
from meritsim.workbench.validation import figure, word
from meritsim.workbench.vocabulary import term

_COLUMNS = ["population", "dimension", "category", "date", "unit", "model", "statistic", "error", "within"]
#: a colour per population of the headcount chart, and per role of the error chart
POPULATION_COLOURS = {"PNS": "#1f77b4", "PPPK": "#ff7f0e", "ASN": "#2ca02c", "structural_posts": "#7f7f7f"}
ROLE_COLOURS = {"input": "#7f7f7f", "calibrated": "#ff7f0e", "check": "#1f77b4"}


def validation_totals(table: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Headcounts over the dates: the model (line, with the range over replications when there
    are several) and BKN's statistic (square) per population."""
    check_lang(lang)
    _need(table, _COLUMNS, "validation table")
    rows = table[(table.dimension == "total") & (table.unit == "persons")].copy()
    if rows.empty:
        raise ValueError("validation table: no headcounts to chart (compare totals: a national scenario)")
    rows["when"] = pd.to_datetime(rows["date"])
    rows["who"] = rows["population"].map(lambda p: word(p, lang))
    for column in ("model_min", "model_max"):
        rows[column] = rows[column] if column in rows else rows["model"]
    names = list(dict.fromkeys(rows["who"]))
    colour = alt.Color(
        "who:N", title=label("population", lang),
        scale=alt.Scale(domain=names, range=[POPULATION_COLOURS.get(p, "#393b79")
                                             for p in dict.fromkeys(rows["population"])]),
    )  # fmt: skip
    data = rows[["when", "date", "who", "model", "statistic", "model_min", "model_max"]]
    x = alt.X("when:T", title=label("date", lang), axis=alt.Axis(format="%Y-%m"))
    y_title = label("headcount", lang)
    base = alt.Chart(data).encode(x=x, color=colour)
    tip = [alt.Tooltip("who:N", title=label("population", lang)),
           alt.Tooltip("date:N", title=label("date", lang)),
           alt.Tooltip("model:Q", title=label("model", lang), format=",.0f"),
           alt.Tooltip("statistic:Q", title=label("statistic", lang), format=",.0f")]  # fmt: skip
    y = alt.Y("model:Q", title=y_title, axis=alt.Axis(format=PLAIN), scale=alt.Scale(zero=False))
    line = base.mark_line(point=True).encode(y=y, tooltip=tip)
    spread = base.mark_errorbar(ticks=True).encode(y=alt.Y("model_min:Q", title=y_title), y2="model_max:Q")
    stat = base.mark_point(shape="square", filled=False, size=120, strokeWidth=2, opacity=1).encode(
        y=alt.Y("statistic:Q", title=y_title), tooltip=tip
    )
    chart = alt.layer(spread, line, stat).properties(title=label("title_validation_totals", lang), width=480,
                                                     height=300)  # fmt: skip
    return finish(chart, lang)


def validation_errors(table: pd.DataFrame, lang: str = "id") -> alt.TopLevelMixin:
    """Each figure's error (point; points for shares, % for totals) inside its tolerance band
    (grey bar), coloured by the figure's role (input, calibrated, out-of-sample check); lower
    bounds, which have no tolerance, are left out."""
    check_lang(lang)
    _need(table, [*_COLUMNS, "tolerance", "error_unit"], "validation table")
    rows = table[table.tolerance.notna()].copy()
    if rows.empty:
        raise ValueError("validation table: no figure with a tolerance to chart")
    roles = rows["role"] if "role" in rows else pd.Series("check", index=rows.index)
    rows["role_name"] = roles.map(lambda r: word(r, lang))
    rows["figure"] = [f"{figure(r, lang)}, {r['date']}" for _, r in rows.iterrows()]
    rows["low"], rows["high"] = -rows["tolerance"], rows["tolerance"]
    rows["error_unit_name"] = rows["error_unit"].map(lambda u: word(u, lang))
    rows["within_name"] = rows["within"].map(lambda w: term(bool(w), lang))
    order = list(rows["figure"])
    data = rows[["figure", "error", "low", "high", "role_name", "error_unit_name", "within_name"]]
    y = alt.Y("figure:N", sort=order, title=None, axis=alt.Axis(labelLimit=400))
    base = alt.Chart(data).encode(y=y)
    band = base.mark_bar(color="#dddddd", height=10).encode(
        x=alt.X("low:Q", title=label("error_axis", lang), axis=alt.Axis(format=PLAIN)), x2="high:Q"
    )
    known = [r for r in ROLE_COLOURS if word(r, lang) in set(data["role_name"])]
    colour = alt.Color("role_name:N", title=label("role", lang),
                       scale=alt.Scale(domain=[word(r, lang) for r in known],
                                       range=[ROLE_COLOURS[r] for r in known]))  # fmt: skip
    tip = [alt.Tooltip("figure:N", title=label("figure", lang)),
           alt.Tooltip("error:Q", title=label("error", lang), format="+.2f"),
           alt.Tooltip("error_unit_name:N", title=label("error_unit", lang)),
           alt.Tooltip("within_name:N", title=label("within", lang))]  # fmt: skip
    point = base.mark_point(filled=True, size=70).encode(x="error:Q", color=colour, tooltip=tip)
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="black").encode(x="x:Q")
    height = max(200, 16 * len(order))
    chart = alt.layer(band, zero, point).properties(title=label("title_validation_errors", lang), width=420,
                                                    height=height)  # fmt: skip
    return finish(chart, lang)
