"""Charts of meritsim outputs: pure functions DataFrame -> Altair chart, labelled in Indonesian or English.

Every builder aggregates its input first (mean and 95 % t interval over replications), so the chart data stays
small. Colours follow the scenarios in order of first appearance. ``to_png``/``to_svg`` render offline.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import numpy as np
import pandas as pd
import vl_convert as vlc

from meritsim.analysis import mean_ci

LANGS = ("id", "en")
_VALID_CI = "isValid(datum.ci_low) && isValid(datum.ci_high)"
_FLOWS = ("promotions", "rank_promotions", "exits", "hires")
_PYRAMID_TIPS = (("band:O", "age_band"), ("sex:N", "sex"), ("golongan:N", "golongan"), ("count:Q", "count"))

_LABEL_TABLE = """
scenario ; Skenario ; Scenario
year ; Tahun ; Year
mean ; Rata-rata ; Mean
ci_low ; Batas bawah IK 95 % ; 95 % CI low
ci_high ; Batas atas IK 95 % ; 95 % CI high
n ; Jumlah replikasi ; Replications
effectiveness ; Efektivitas (%) ; Effectiveness (%)
title_effectiveness ; Efektivitas organisasi (IK 95 %) ; Organisational effectiveness (95 % CI)
level ; Jenjang jabatan ; Level
level_label ; Jenjang jabatan ; Level
mean_competence ; Kompetensi rata-rata ; Mean competence
title_competence ; Kompetensi per jenjang, tahun {year} (IK 95 %) ; Competence by level, year {year} (95 % CI)
title_outcome ; {outcome}: rata-rata per skenario (IK 95 %) ; {outcome}: mean by scenario (95 % CI)
effectiveness_final ; Efektivitas akhir (%) ; Final effectiveness (%)
effectiveness_mean ; Efektivitas rata-rata (%) ; Mean effectiveness (%)
effectiveness_gain ; Kenaikan efektivitas (poin %) ; Effectiveness gain (% points)
senior_competence_final ; Kompetensi pejabat senior, akhir ; Senior competence, final
senior_competence_mean ; Kompetensi pejabat senior, rata-rata ; Senior competence, mean
mean_competence_final ; Kompetensi seluruh pegawai, akhir ; Mean competence of all staff, final
promotions_per_year ; Promosi jabatan per tahun ; Promotions to posts per year
rank_promotions_per_year ; Kenaikan pangkat per tahun ; Rank promotions per year
exits_per_year ; Pegawai keluar per tahun ; Exits per year
mean_years_to_first_post ; Masa kerja saat promosi pertama (tahun) ; Years of service at first promotion
mean_years_to_first_structural_post ; Masa kerja saat struktural pertama ; Years to first structural post
equity_gap_sex ; Selisih promosi P − L (per 100 pegawai/tahun) ; Promotion gap W − M (per 100 staff/year)
female_senior_gap ; Selisih porsi perempuan di puncak (poin %) ; Women's share gap at the top (% points)
vacancy_rate_final ; Tingkat kekosongan jabatan, akhir ; Vacancy rate, final
irregular_share ; Porsi pengangkatan tidak wajar ; Share of irregular appointments
detected_per_year ; Kasus terdeteksi per tahun ; Detected cases per year
passed_over_per_year ; Berkinerja tinggi yang dilewati per tahun ; High performers passed over per year
training_cost_per_year ; Belanja diklat per tahun (juta Rp) ; Training spend per year (million Rp)
talent_pool_share_final ; Porsi kelompok rencana suksesi, akhir ; Share in the talent pool, final
merit_index_final ; Indeks sistem merit (0-400), akhir ; Merit-system index (0-400), final
merit_index_mean ; Indeks sistem merit (0-400), rata-rata ; Merit-system index (0-400), mean
workload_balance_final ; Keseimbangan beban kerja antarunit, akhir ; Workload balance across units, final
box ; Kotak talenta ; Talent box
box_share ; Porsi pegawai ; Share of staff
title_boxes ; Sebaran pegawai pada 9 kotak talenta ; Staff across the 9 talent boxes
high_performer_share ; Porsi berkinerja di atas ekspektasi ; Share above expectations
title_high_performers ; Berkinerja tinggi di dua jenjang teratas ; High performers in the two highest levels
outcome ; Luaran ; Outcome
difference ; Selisih terhadap {baseline} (IK 95 %) ; Difference from {baseline} (95 % CI)
title_forest ; Selisih berpasangan terhadap skenario dasar ; Paired differences from the baseline
hypothesis ; Hipotesis ; Hypothesis
strategy ; Strategi promosi ; Promotion strategy
gain ; Kenaikan efektivitas (poin %) ; Effectiveness gain (% points)
title_peter ; Prinsip Peter: kenaikan efektivitas per strategi ; Peter principle: gain by strategy
peter ; Hipotesis Peter ; Peter hypothesis
common_sense ; Hipotesis akal sehat ; Common-sense hypothesis
best ; Terbaik ; Best
worst ; Terburuk ; Worst
random ; Acak ; Random
alternate ; Bergantian ; Alternate
parameter ; Parameter ; Parameter
index ; Indeks ; Index
index_value ; Nilai indeks (± IK 95 %) ; Index value (± 95 % CI)
S1 ; S1 (orde pertama) ; S1 (first order)
ST ; ST (total) ; ST (total)
mu_star ; μ* (Morris) ; μ* (Morris)
title_sensitivity ; Indeks sensitivitas per luaran ; Sensitivity indices by outcome
term ; Variabel ; Term
coef ; Koefisien (IK 95 %) ; Coefficient (95 % CI)
title_tornado ; Pengaruh parameter (regresi OLS) ; Parameter effects (OLS regression)
age_band ; Kelompok umur (tahun) ; Age band (years)
pyramid_x ; ← Laki-laki | Perempuan → ; ← Men | Women →
count ; Jumlah pegawai ; Employees
sex ; Jenis kelamin ; Sex
men ; Laki-laki ; Men
women ; Perempuan ; Women
golongan ; Golongan ; Grade (golongan)
title_pyramid ; Piramida umur ASN ; Age pyramid of civil servants
flow ; Arus ; Flow
per_year ; Jumlah per tahun (rata-rata replikasi) ; Number per year (mean of replications)
promotions ; Promosi jabatan ; Promotions to posts
rank_promotions ; Kenaikan pangkat ; Rank promotions
exits ; Keluar ; Exits
hires ; Rekrutmen CPNS ; Hires
title_flows ; Arus pegawai per tahun ; Staff flows per year
"""
LABELS: dict[str, dict[str, str]] = {
    k: {"id": i, "en": e} for k, i, e in (row.split(" ; ") for row in _LABEL_TABLE.strip().splitlines())
}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}: allowed values are {', '.join(map(repr, LANGS))}")


def label(key: str, lang: str) -> str:
    """The label of ``key`` in ``lang`` ("id" or "en"); the key itself if it has no label."""
    _check_lang(lang)
    return LABELS[key][lang] if key in LABELS else key


def _need(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _order(values: Iterable) -> list:
    """Distinct values in order of first appearance."""
    return list(dict.fromkeys(values))


def _summarise(df: pd.DataFrame, by: list[str], value: str) -> pd.DataFrame:
    """Mean, 95 % t interval and count of ``value`` per group of ``by`` (groups in order of appearance)."""
    rows = [(*keys, *mean_ci(g), int(g.notna().sum())) for keys, g in df.groupby(by, sort=False)[value]]
    return pd.DataFrame(rows, columns=[*by, "mean", "ci_low", "ci_high", "n"])


def _color(scenarios: Iterable[str], lang: str) -> alt.Color:
    return alt.Color("scenario:N", scale=alt.Scale(domain=_order(scenarios)), title=label("scenario", lang))


def _tooltip(lang: str, *fields: str) -> list[alt.Tooltip]:
    num = {"mean", "ci_low", "ci_high"}
    return [alt.Tooltip(f, title=label(f[:-2], lang), format=".3f" if f[:-2] in num else "") for f in fields]


def _errorbar(base: alt.Chart, axis: str, title: str, **mark: object) -> alt.Chart:
    """Error bars from ci_low to ci_high along ``axis`` ("x" or "y"), only where both bounds are valid."""
    enc = {axis: alt.Y("ci_low:Q", title=title) if axis == "y" else alt.X("ci_low:Q", title=title)}
    return (
        base.mark_errorbar(ticks=True, **mark)
        .encode(**enc, **{f"{axis}2": "ci_high:Q"})
        .transform_filter(_VALID_CI)
    )


def _line_band(data: pd.DataFrame, y_title: str, title: str, lang: str, fmt: str = "") -> alt.LayerChart:
    """Mean line per scenario x year with a 95 % CI band (band omitted where the bounds are NaN)."""
    base = alt.Chart(data).encode(
        x=alt.X("year:Q", title=label("year", lang), axis=alt.Axis(format="d", tickMinStep=1)),
        color=_color(data["scenario"], lang),
    )
    band = base.mark_area(opacity=0.2).encode(y="ci_low:Q", y2="ci_high:Q").transform_filter(_VALID_CI)
    line = base.mark_line(point=True).encode(
        y=alt.Y("mean:Q", title=y_title, axis=alt.Axis(format=fmt), scale=alt.Scale(zero=False)),
        tooltip=_tooltip(lang, "scenario:N", "year:Q", "mean:Q", "ci_low:Q", "ci_high:Q", "n:Q"),
    )
    return alt.layer(band, line).properties(title=title, width=480, height=300)


def effectiveness_over_time(org: pd.DataFrame, lang: str = "id") -> alt.LayerChart:
    """Mean effectiveness per scenario x year (line) with its 95 % CI over replications (band)."""
    _check_lang(lang)
    _need(org, ["scenario", "replication", "year", "effectiveness"], "org")
    data = _summarise(org, ["scenario", "year"], "effectiveness")
    return _line_band(data, label("effectiveness", lang), label("title_effectiveness", lang), lang)


def competence_by_level(yearly: pd.DataFrame, year: int | None = None, lang: str = "id") -> alt.LayerChart:
    """Mean competence per level x scenario in ``year`` (default: last): grouped bars, 95 % CI error bars."""
    _check_lang(lang)
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


def outcome_by_scenario(summary: pd.DataFrame, outcome: str, lang: str = "id") -> alt.LayerChart:
    """Mean of one outcome per scenario (point) with its 95 % CI over replications (error bar)."""
    _check_lang(lang)
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


def senior_high_performers(yearly: pd.DataFrame, lang: str = "id") -> alt.LayerChart:
    """Share of high performers in the two highest level ranks per scenario x year (line + 95 % CI band)."""
    _check_lang(lang)
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


def difference_forest(
    comparison: pd.DataFrame, outcomes: list[str] | None = None, lang: str = "id"
) -> alt.FacetChart:
    """Forest plot of paired differences from the baseline (point, 95 % CI rule, zero line) per outcome."""
    _check_lang(lang)
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


def peter_gains(table: pd.DataFrame, lang: str = "id") -> alt.LayerChart:
    """Effectiveness gain per strategy (bars grouped and coloured by hypothesis) with 95 % CI error bars."""
    _check_lang(lang)
    _need(table, ["hypothesis", "strategy", "gain", "ci_low", "ci_high"], "table")
    keys, values = ["hypothesis", "strategy"], ["gain", "ci_low", "ci_high"]
    data = table.groupby(keys, sort=False)[values].mean().reset_index()  # one row per pair already
    for key in keys:
        data[key] = data[key].map(lambda v: label(str(v), lang))
    hyps = _order(data["hypothesis"])
    base = alt.Chart(data).encode(
        x=alt.X(
            "strategy:N",
            sort=_order(data["strategy"]),
            title=label("strategy", lang),
            axis=alt.Axis(labelAngle=0),
        ),
        xOffset=alt.XOffset("hypothesis:N", sort=hyps),
    )
    bars = base.mark_bar().encode(
        y=alt.Y("gain:Q", title=label("gain", lang)),
        color=alt.Color("hypothesis:N", scale=alt.Scale(domain=hyps), title=label("hypothesis", lang)),
        tooltip=["hypothesis:N", "strategy:N", alt.Tooltip("gain:Q", format=".2f")],
    )
    chart = alt.layer(bars, _errorbar(base, "y", label("gain", lang), color="black"))
    return chart.properties(title=label("title_peter", lang), width=360, height=280)


def sensitivity_indices(indices: pd.DataFrame, lang: str = "id") -> alt.FacetChart:
    """Sobol S1 and ST side by side (or Morris mu*) per parameter, ± 95 % CI, one panel per outcome."""
    _check_lang(lang)
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
    suffix = data["method"].str.capitalize().map(" ({})".format) if data["method"].nunique() > 1 else ""
    data["panel"] = data["outcome"].map(lambda o: label(o, lang)) + suffix
    kinds, x_title = _order(data["index"]), label("index_value", lang)
    base = alt.Chart().encode(
        y=alt.Y("parameter:N", sort=_order(data["parameter"]), title=label("parameter", lang)),
        yOffset=alt.YOffset("index:N", sort=kinds),
    )
    bars = base.mark_bar().encode(
        x=alt.X("value:Q", title=x_title),
        color=alt.Color("index:N", scale=alt.Scale(domain=kinds), title=label("index", lang)),
        tooltip=["parameter:N", "index:N", alt.Tooltip("value:Q", format=".3f"), "conf:Q"],
    )
    chart = alt.layer(bars, _errorbar(base, "x", x_title, color="black"), data=data).properties(width=260)
    facet = alt.Facet("panel:N", sort=_order(data["panel"]), title=label("outcome", lang))
    chart = chart.facet(facet=facet, columns=3).resolve_scale(x="independent")
    return chart.properties(title=label("title_sensitivity", lang))


def tornado(regression: pd.DataFrame, lang: str = "id") -> alt.FacetChart:
    """Regression coefficients (horizontal bars, 95 % CI rules) sorted by |coef|, one panel per outcome."""
    _check_lang(lang)
    cols = ["outcome", "term", "coef", "ci_low", "ci_high"]
    _need(regression, cols, "regression")
    data = regression.loc[regression["term"] != "Intercept", cols].copy()
    if data.empty:
        raise ValueError("regression: no terms besides the intercept")
    data["abs_coef"] = data["coef"].abs()
    data["outcome_label"] = data["outcome"].map(lambda o: label(o, lang))
    sort = alt.EncodingSortField("abs_coef", op="max", order="descending")
    base = alt.Chart().encode(y=alt.Y("term:N", sort=sort, title=label("term", lang)))
    x_title = label("coef", lang)
    bars = base.mark_bar().encode(
        x=alt.X("coef:Q", title=x_title),
        color=alt.condition("datum.coef >= 0", alt.value("#4c78a8"), alt.value("#e45756")),
        tooltip=["term:N", "coef:Q", "ci_low:Q", "ci_high:Q"],
    )
    rule = base.mark_rule(color="black").encode(x=alt.X("ci_low:Q", title=x_title), x2="ci_high:Q")
    height = 22 * int(data.groupby("outcome")["term"].nunique().max())
    chart = alt.layer(bars, rule.transform_filter(_VALID_CI), data=data).properties(width=300, height=height)
    panels = _order(data["outcome_label"])
    facet = alt.Facet("outcome_label:N", sort=panels, title=label("outcome", lang))
    chart = chart.facet(facet=facet, columns=2).resolve_scale(x="independent", y="independent")
    return chart.properties(title=label("title_tornado", lang))


def pyramid(people: pd.DataFrame, lang: str = "id") -> alt.Chart:
    """Age pyramid: 5-year bands (oldest on top), men left, women right, stacked by golongan."""
    _check_lang(lang)
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
    x_axis = alt.Axis(labelExpr="abs(datum.value)")
    tips = [alt.Tooltip(f, title=label(k, lang)) for f, k in _PYRAMID_TIPS]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("band:O", sort=bands, title=label("age_band", lang)),
            x=alt.X("signed:Q", stack="zero", title=label("pyramid_x", lang), axis=x_axis),
            color=alt.Color("golongan:N", scale=alt.Scale(domain=grades), title=label("golongan", lang)),
            order=alt.Order("golongan:N"),
            tooltip=tips,
        )
        .properties(title=label("title_pyramid", lang), width=480, height=320)
    )


def flows(org: pd.DataFrame, lang: str = "id") -> alt.Chart | alt.FacetChart:
    """Mean promotions, rank promotions, exits and hires per year (lines by flow), one panel per scenario."""
    _check_lang(lang)
    _need(org, ["scenario", "replication", "year", *_FLOWS], "org")
    df = org[org["year"] >= 1]
    data = df.groupby(["scenario", "year"], sort=False)[list(_FLOWS)].mean().reset_index()
    data = data.melt(["scenario", "year"], var_name="flow", value_name="mean")
    data["flow"] = data["flow"].map(lambda f: label(f, lang))
    names = [label(f, lang) for f in _FLOWS]
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=label("year", lang), axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("mean:Q", title=label("per_year", lang)),
            color=alt.Color("flow:N", scale=alt.Scale(domain=names), title=label("flow", lang)),
            tooltip=_tooltip(lang, "scenario:N", "year:Q", "flow:N", "mean:Q"),
        )
        .properties(width=320, height=240)
    )
    scenarios, title = _order(data["scenario"]), label("title_flows", lang)
    if len(scenarios) > 1:
        facet = alt.Facet("scenario:N", sort=scenarios, title=label("scenario", lang))
        return chart.facet(facet=facet, columns=2).properties(title=title)
    return chart.properties(title=f"{title}: {scenarios[0]}" if scenarios else title)


def to_png(chart: alt.TopLevelMixin, scale: float = 2) -> bytes:
    """Render a chart to PNG bytes offline (vl-convert)."""
    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to an SVG string offline (vl-convert)."""
    return vlc.vegalite_to_svg(chart.to_dict())


def box_distribution(org: pd.DataFrame, lang: str = "id") -> alt.FacetChart:
    """Share of staff in each talent box (1-9) per year, mean over replications, one panel per
    scenario (stacked areas, boxes 7-9, the talent pool, on top)."""
    _check_lang(lang)
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
