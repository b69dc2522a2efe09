"""Charts: Altair specs (marks, encodings, aggregated data, id/en labels) and offline vl-convert renders."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator

import altair as alt
import numpy as np
import pandas as pd
import pytest

from meritsim.workbench import charts

SCENARIOS = ("merit", "seniority")
# (level, label, rank); two functional levels share ranks with administrative ones, listed out of rank order
LEVELS = (
    ("pelaksana", "Pelaksana", 0),
    ("administrator", "Administrator", 2),
    ("pengawas", "Pengawas", 1),
    ("ahli_pertama", "Ahli Pertama", 0),
    ("ahli_madya", "Ahli Madya", 2),
)


def make_yearly(scenarios=SCENARIOS, replications: int = 3, years: int = 4, seed: int = 0) -> pd.DataFrame:
    """A yearly table: scenario x replication x year (0..years) x level."""
    rng = np.random.default_rng(seed)
    grid = list(itertools.product(scenarios, range(replications), range(years + 1), LEVELS))
    n = len(grid)
    headcount = rng.integers(5, 200, n)
    return pd.DataFrame(
        {
            "scenario": [g[0] for g in grid],
            "policy": [g[0] for g in grid],
            "replication": [g[1] for g in grid],
            "year": [g[2] for g in grid],
            "level": [g[3][0] for g in grid],
            "level_label": [g[3][1] for g in grid],
            "track": "administrative",
            "level_rank": [g[3][2] for g in grid],
            "headcount": headcount,
            "mean_competence": rng.normal(6.0, 0.7, n) + np.array([g[3][2] for g in grid]),
            "high_performers": rng.binomial(headcount, 0.3),
        }
    )


def make_org(scenarios=SCENARIOS, replications: int = 3, years: int = 4, seed: int = 0) -> pd.DataFrame:
    """An org table: scenario x replication x year (0..years)."""
    rng = np.random.default_rng(seed)
    grid = list(itertools.product(scenarios, range(replications), range(years + 1)))
    n = len(grid)
    org = pd.DataFrame(grid, columns=["scenario", "replication", "year"])
    org["effectiveness"] = rng.normal(60.0, 2.0, n)
    for flow, mean in (("promotions", 12), ("rank_promotions", 40), ("exits", 9), ("hires", 10)):
        org[flow] = rng.poisson(mean, n)
    return org


def make_summary(org: pd.DataFrame) -> pd.DataFrame:
    g = org.groupby(["scenario", "replication"], sort=False)["effectiveness"]
    return pd.DataFrame({"effectiveness_mean": g.mean(), "effectiveness_final": g.last()}).reset_index()


@pytest.fixture(scope="module")
def yearly() -> pd.DataFrame:
    return make_yearly()


@pytest.fixture(scope="module")
def org() -> pd.DataFrame:
    return make_org()


@pytest.fixture(scope="module")
def summary(org: pd.DataFrame) -> pd.DataFrame:
    return make_summary(org)


@pytest.fixture(scope="module")
def comparison() -> pd.DataFrame:
    rows = []
    for outcome, effect in (
        ("effectiveness_mean", -1.5),
        ("promotions_per_year", 2.0),
        ("exits_per_year", 0.3),
    ):
        rows.append((outcome, "merit", "merit", np.nan, np.nan, np.nan))
        for i, scenario in enumerate(("seniority", "lottery"), 1):
            d = effect * i
            rows.append((outcome, scenario, "merit", d, d - 0.5, d + 0.5))
    cols = ["outcome", "scenario", "baseline", "diff", "diff_ci_low", "diff_ci_high"]
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture(scope="module")
def peter() -> pd.DataFrame:
    gains = {"peter": (-5.0, 4.0, 1.0, 2.0), "common_sense": (6.0, -5.0, 0.5, 1.0)}
    rows = [
        (h, s, g, g - 1.0, g + 1.0)
        for h, values in gains.items()
        for s, g in zip(("best", "worst", "random", "alternate"), values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["hypothesis", "strategy", "gain", "ci_low", "ci_high"])


PARAMS = ("assessment.error_sd", "policy.patronage_strength", "rules.exits.attrition_rate")


@pytest.fixture(scope="module")
def sobol() -> pd.DataFrame:
    rows = [
        ("sobol", p, o, v, 0.05, v + 0.1, 0.08)
        for o in ("effectiveness_mean", "senior_competence_final")
        for p, v in zip(PARAMS, (0.5, 0.2, 0.05), strict=True)
    ]
    return pd.DataFrame(rows, columns=["method", "parameter", "outcome", "S1", "S1_conf", "ST", "ST_conf"])


@pytest.fixture(scope="module")
def morris() -> pd.DataFrame:
    rows = [
        ("morris", p, "effectiveness_mean", v, v / 5, v / 2, v)
        for p, v in zip(PARAMS, (3, 1, 2), strict=True)
    ]
    return pd.DataFrame(
        rows, columns=["method", "parameter", "outcome", "mu_star", "mu_star_conf", "sigma", "mu"]
    )


@pytest.fixture(scope="module")
def regression() -> pd.DataFrame:
    rows = []
    for outcome, coefs in (
        ("effectiveness_mean", (50, 0.2, -1.5, 0.8)),
        ("promotions_per_year", (10, 3, -1, 0.1)),
    ):
        for term, c in zip(("Intercept", *PARAMS), coefs, strict=True):
            rows.append((term, c, c - 0.3, c + 0.3, outcome))
    return pd.DataFrame(rows, columns=["term", "coef", "ci_low", "ci_high", "outcome"])


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 800
    return pd.DataFrame(
        {
            "age": rng.uniform(19, 60, n),
            "female": rng.random(n) < 0.45,
            "golongan": rng.choice(["I", "II", "III", "IV"], n, p=[0.05, 0.3, 0.45, 0.2]),
        }
    )


@pytest.fixture(scope="module")
def builders(yearly, org, summary, comparison, peter, sobol, regression, people) -> dict[str, Callable]:
    """Each builder bound to its synthetic input; call with lang=..."""
    return {
        "effectiveness_over_time": lambda lang="id": charts.effectiveness_over_time(org, lang=lang),
        "competence_by_level": lambda lang="id": charts.competence_by_level(yearly, lang=lang),
        "outcome_by_scenario": lambda lang="id": charts.outcome_by_scenario(
            summary, "effectiveness_mean", lang=lang
        ),
        "senior_high_performers": lambda lang="id": charts.senior_high_performers(yearly, lang=lang),
        "difference_forest": lambda lang="id": charts.difference_forest(comparison, lang=lang),
        "peter_gains": lambda lang="id": charts.peter_gains(peter, lang=lang),
        "sensitivity_indices": lambda lang="id": charts.sensitivity_indices(sobol, lang=lang),
        "tornado": lambda lang="id": charts.tornado(regression, lang=lang),
        "pyramid": lambda lang="id": charts.pyramid(people, lang=lang),
        "flows": lambda lang="id": charts.flows(org, lang=lang),
    }


BUILDERS = (
    "effectiveness_over_time",
    "competence_by_level",
    "outcome_by_scenario",
    "senior_high_performers",
    "difference_forest",
    "peter_gains",
    "sensitivity_indices",
    "tornado",
    "pyramid",
    "flows",
)


# --- helpers on chart.to_dict() ---------------------------------------------------------------------------


def _walk(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def marks(spec: dict) -> set[str]:
    out = set()
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        mark = node.get("mark")
        if mark is not None:
            out.add(mark if isinstance(mark, str) else mark["type"])
    return out


def encodings(spec: dict) -> dict[str, set[str]]:
    """Channel -> fields encoded on it anywhere in the spec."""
    out: dict[str, set[str]] = {}
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        for channel, enc in (node.get("encoding") or {}).items():
            if isinstance(enc, dict) and "field" in enc:
                out.setdefault(channel, set()).add(enc["field"])
        for channel in ("row", "column", "facet"):
            if isinstance(node.get("facet"), dict) and channel in node["facet"]:
                out.setdefault(channel, set()).add(node["facet"][channel]["field"])
        if isinstance(node.get("facet"), dict) and "field" in node["facet"]:
            out.setdefault("facet", set()).add(node["facet"]["field"])
    return out


def rows(spec: dict) -> list[dict]:
    return [row for data in spec.get("datasets", {}).values() for row in data]


def titles(spec: dict) -> str:
    """Every title text in the spec, joined."""
    found = []
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        title = node.get("title")
        if isinstance(title, str):
            found.append(title)
        elif isinstance(title, dict) and isinstance(title.get("text"), str):
            found.append(title["text"])
    return " | ".join(found)


def color_domains(spec: dict, lang: str = "id") -> list[list]:
    return [
        node["color"]["scale"]["domain"]
        for node in _walk(spec)
        if isinstance(node.get("color"), dict) and node["color"].get("field") == "scenario"
    ]


def color_ranges(spec: dict) -> list[dict]:
    """Label -> colour of every scenario colour scale in the spec."""
    return [
        dict(zip(node["color"]["scale"]["domain"], node["color"]["scale"]["range"], strict=True))
        for node in _walk(spec)
        if isinstance(node.get("color"), dict) and node["color"].get("field") == "scenario"
    ]


# --- labels and languages ---------------------------------------------------------------------------------

OUTCOMES = (
    "effectiveness_final",
    "effectiveness_mean",
    "effectiveness_gain",
    "senior_competence_final",
    "senior_competence_mean",
    "mean_competence_final",
    "promotions_per_year",
    "rank_promotions_per_year",
    "exits_per_year",
    "mean_years_to_first_post",
    "mean_years_to_first_structural_post",
    "equity_gap_sex",
    "female_senior_gap",
    "vacancy_rate_final",
)


def test_labels_have_both_languages_and_every_outcome() -> None:
    for key, value in charts.LABELS.items():
        assert set(value) == {"id", "en"} and all(value.values()), key
    for outcome in OUTCOMES:
        assert charts.label(outcome, "id") != charts.label(outcome, "en")
    assert charts.label("year", "id") == "Tahun" and charts.label("year", "en") == "Year"
    assert charts.label("not_an_outcome", "en") == "not_an_outcome"


@pytest.mark.parametrize("name", BUILDERS)
def test_unknown_lang_raises(builders, name: str) -> None:
    with pytest.raises(ValueError, match=r"'id'.*'en'"):
        builders[name](lang="fr")


def test_label_unknown_lang_raises() -> None:
    with pytest.raises(ValueError, match="allowed values"):
        charts.label("year", "de")


@pytest.mark.parametrize("name", BUILDERS)
def test_titles_in_indonesian_by_default_and_english_on_request(builders, name: str) -> None:
    ident, english = titles(builders[name]().to_dict()), titles(builders[name](lang="en").to_dict())
    assert ident and english and ident != english
    assert all(key not in ident for key in ("Year", "Scenario", "Effectiveness", "Outcome"))


# --- one offline render per builder -----------------------------------------------------------------------


@pytest.mark.parametrize("name", BUILDERS)
def test_renders_offline(builders, name: str) -> None:
    chart = builders[name]()
    assert len(rows(chart.to_dict())) < 100  # aggregated
    assert charts.to_png(chart)[:4] == b"\x89PNG"
    assert charts.to_svg(chart).startswith("<svg")


# --- builder specifics ------------------------------------------------------------------------------------


def test_effectiveness_over_time(org) -> None:
    chart = charts.effectiveness_over_time(org)
    assert isinstance(chart, alt.LayerChart)
    spec = chart.to_dict()
    assert {"area", "line"} <= marks(spec)
    enc = encodings(spec)
    assert enc["x"] == {"year"} and {"mean", "ci_low"} <= enc["y"] and enc["y2"] == {"ci_high"}
    assert len(rows(spec)) == 2 * 5  # scenario x year
    assert color_domains(spec)[0] == ["merit", "senioritas"]  # policies named in Indonesian
    assert "Efektivitas" in titles(spec) and "Tahun" in titles(spec)
    assert "Effectiveness" in titles(charts.effectiveness_over_time(org, lang="en").to_dict())
    first = next(r for r in rows(spec) if r["scenario"] == "merit" and r["year"] == 0)
    values = org.loc[(org.scenario == "merit") & (org.year == 0), "effectiveness"]
    assert {r["scenario"] for r in rows(spec)} == {"merit", "senioritas"}
    assert (
        first["mean"] == pytest.approx(values.mean()) and first["ci_low"] < first["mean"] < first["ci_high"]
    )


def test_competence_by_level(yearly) -> None:
    spec = charts.competence_by_level(yearly).to_dict()
    assert {"bar", "errorbar"} <= marks(spec)
    enc = encodings(spec)
    assert enc["y"] == {"level_label"} and enc["yOffset"] == {"scenario"} and "mean" in enc["x"]
    assert len(rows(spec)) == 2 * len(LEVELS)
    y = next(
        n["y"] for n in _walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "level_label"
    )
    assert y["sort"] == ["Pelaksana", "Ahli Pertama", "Pengawas", "Administrator", "Ahli Madya"]
    assert y["axis"]["labelAngle"] == 0  # level names read horizontally
    assert spec["width"] <= 1000 and "skala 1–10" in titles(spec)
    assert "tahun 4" in titles(spec)
    assert "year 2" in titles(charts.competence_by_level(yearly, year=2, lang="en").to_dict())


def test_outcome_by_scenario(summary) -> None:
    spec = charts.outcome_by_scenario(summary, "effectiveness_mean").to_dict()
    assert {"point", "errorbar"} <= marks(spec)
    assert len(rows(spec)) == 2
    assert "Efektivitas rata-rata (%)" in titles(spec)
    assert "Effectiveness, mean over the years (%)" in titles(
        charts.outcome_by_scenario(summary, "effectiveness_mean", "en").to_dict()
    )
    other = summary.rename(columns={"effectiveness_final": "my_outcome"})
    assert "my_outcome" in titles(charts.outcome_by_scenario(other, "my_outcome").to_dict())


def test_senior_high_performers(yearly) -> None:
    spec = charts.senior_high_performers(yearly).to_dict()
    assert {"area", "line"} <= marks(spec)
    assert len(rows(spec)) == 2 * 5
    top = yearly[(yearly.level_rank >= 1) & (yearly.scenario == "merit") & (yearly.year == 4)]
    shares = top.groupby("replication").high_performers.sum() / top.groupby("replication").headcount.sum()
    row = next(r for r in rows(spec) if r["scenario"] == "merit" and r["year"] == 4)
    assert row["mean"] == pytest.approx(shares.mean())


def test_difference_forest(comparison) -> None:
    chart = charts.difference_forest(comparison)
    spec = chart.to_dict()
    assert {"point", "rule"} <= marks(spec)
    enc = encodings(spec)
    assert enc["row"] == {"outcome_label"} and enc["y"] == {"scenario"} and {"diff", "ci_low"} <= enc["x"]
    assert spec["resolve"]["scale"]["x"] == "independent"
    assert len(rows(spec)) == 6  # baseline rows dropped
    assert any(n.get("x") == {"datum": 0} for n in _walk(spec))  # zero line
    only = charts.difference_forest(comparison, outcomes=["exits_per_year"], lang="en").to_dict()
    assert {r["outcome"] for r in rows(only)} == {"exits_per_year"} and "Difference from merit" in titles(
        only
    )


def test_peter_gains(peter) -> None:
    spec = charts.peter_gains(peter).to_dict()
    assert {"bar", "errorbar"} <= marks(spec)
    enc = encodings(spec)
    assert enc["x"] == {"strategy"} and enc["color"] == {"hypothesis"} and "gain" in enc["y"]
    assert {r["strategy"] for r in rows(spec)} == {"Terbaik", "Terburuk", "Acak", "Bergantian"}
    assert {r["hypothesis"] for r in rows(charts.peter_gains(peter, "en").to_dict())} == {
        "Peter hypothesis",
        "Common-sense hypothesis",
    }


def test_sensitivity_indices(sobol, morris) -> None:
    spec = charts.sensitivity_indices(sobol).to_dict()
    assert {"bar", "errorbar"} <= marks(spec)
    enc = encodings(spec)
    assert enc["y"] == {"parameter"} and enc["yOffset"] == {"index"} and enc["facet"] == {"panel"}
    assert len(rows(spec)) == 2 * 2 * 3  # S1 and ST x outcome x parameter
    row = next(
        r for r in rows(spec) if r["index"].startswith("ST") and r["parameter"] == "galat asesmen kompetensi"
    )
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((0.52, 0.68))
    mspec = charts.sensitivity_indices(morris, lang="en").to_dict()
    assert {r["index"] for r in rows(mspec)} == {"μ* (Morris)"} and len(rows(mspec)) == 3
    with pytest.raises(ValueError):
        charts.sensitivity_indices(morris.drop(columns="mu_star"))


def test_tornado(regression) -> None:
    chart = charts.tornado(regression)
    spec = chart.to_dict()
    assert {"bar", "rule"} <= marks(spec)
    assert "Intercept" not in {r["term"] for r in rows(spec)} and len(rows(spec)) == 6
    y = next(n["y"] for n in _walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "term")
    assert y["sort"] == {"field": "abs_coef", "op": "max", "order": "descending"}
    assert spec["resolve"]["scale"] == {"x": "independent", "y": "independent"}
    assert encodings(spec)["facet"] == {"outcome_label"}
    assert "Koefisien" in titles(spec) and "Coefficient" in titles(charts.tornado(regression, "en").to_dict())


def test_pyramid(people) -> None:
    spec = charts.pyramid(people).to_dict()
    assert marks(spec) == {"bar"}
    data = rows(spec)
    assert sum(r["count"] for r in data) == len(people) and len(data) <= 9 * 2 * 4
    assert all((r["signed"] < 0) != r["female"] for r in data)  # men left, women right
    y = next(n["y"] for n in _walk(spec) if isinstance(n.get("y"), dict) and n["y"].get("field") == "band")
    assert y["sort"][0] == "55–59" and y["sort"][-1] == "15–19"
    assert encodings(spec)["color"] == {"golongan"}
    assert "Laki-laki" in titles(spec) and "Men" in titles(charts.pyramid(people, "en").to_dict())


def test_flows(org) -> None:
    spec = charts.flows(org).to_dict()
    assert marks(spec) == {"line"} and encodings(spec)["facet"] == {"scenario"}
    data = rows(spec)
    assert len(data) == 2 * 4 * 4 and min(r["year"] for r in data) == 1
    assert {r["flow"] for r in data} == {
        "Promosi jabatan",
        "Kenaikan pangkat",
        "Keluar",
        "Rekrutmen (CPNS dan PPPK)",
    }
    single = charts.flows(org[org.scenario == "merit"], lang="en")
    assert isinstance(single, alt.Chart)
    assert {r["flow"] for r in rows(single.to_dict())} == {
        "Promotions to posts",
        "Rank promotions",
        "Exits",
        "Hires (CPNS and PPPK)",
    }


def test_same_scenario_colours_across_charts(org, yearly, summary) -> None:
    reordered = org.sort_values("scenario", ascending=False, kind="stable")
    for chart in (
        charts.effectiveness_over_time(org, "en"),
        charts.competence_by_level(yearly, lang="en"),
        charts.outcome_by_scenario(summary, "effectiveness_final", "en"),
        charts.senior_high_performers(yearly, "en"),
    ):
        assert all(domain == list(SCENARIOS) for domain in color_domains(chart.to_dict(), "en"))
    assert color_domains(charts.effectiveness_over_time(reordered).to_dict())[0] == ["senioritas", "merit"]


# --- robustness -------------------------------------------------------------------------------------------


def test_single_replication_draws_the_mean_only() -> None:
    org, yearly = make_org(replications=1), make_yearly(replications=1)
    built = [
        charts.effectiveness_over_time(org),
        charts.competence_by_level(yearly),
        charts.outcome_by_scenario(make_summary(org), "effectiveness_mean"),
        charts.senior_high_performers(yearly),
        charts.flows(org),
    ]
    for chart in built:
        data = rows(chart.to_dict())
        assert data and all(r.get("ci_low") is None for r in data)
        assert charts.to_png(chart)[:4] == b"\x89PNG"


def test_large_input_is_aggregated_below_the_row_limit() -> None:
    yearly = make_yearly(replications=200, years=30)
    org = make_org(replications=200, years=30)
    assert len(yearly) > 5000
    for chart in (
        charts.effectiveness_over_time(org),
        charts.competence_by_level(yearly),
        charts.senior_high_performers(yearly),
        charts.flows(org),
    ):
        assert len(rows(chart.to_dict())) <= 2 * 31 * 4


def test_on_real_meritsim_output() -> None:
    import meritsim

    r = meritsim.simulate("default", overrides=["organisation.scale=0.05"], replications=2, years=3)
    assert len(r.org) == 2 * 4, "simulation failed"
    built = [
        charts.effectiveness_over_time(r.org),
        charts.competence_by_level(r.yearly),
        charts.outcome_by_scenario(r.summary, "effectiveness_mean", lang="en"),
    ]
    n_levels = r.yearly["level"].nunique()
    assert [len(rows(c.to_dict())) for c in built] == [4, n_levels, 1]
    for chart in built:
        assert charts.to_png(chart)[:4] == b"\x89PNG"


def test_box_distribution_stacks_the_nine_boxes():
    import meritsim

    res = meritsim.simulate("default", overrides=["organisation.scale=0.05"], replications=2, years=3)
    chart = charts.box_distribution(res.org, lang="en")
    spec = chart.to_dict()
    mark = spec["spec"]["mark"]
    assert (mark["type"] if isinstance(mark, dict) else mark) == "area"
    assert spec["spec"]["encoding"]["y"]["stack"] == "normalize"
    assert "talent boxes" in json.dumps(spec["title"])
    assert charts.to_png(chart)[:8] == b"\x89PNG\r\n\x1a\n"


# --- one look across charts (issue #13) -------------------------------------------------------------------


def test_one_colour_per_policy_in_every_chart(org, yearly, summary, comparison) -> None:
    """Seniority has the same colour whether merit is in the chart (line chart) or not (forest)."""
    built = [
        charts.effectiveness_over_time(org),
        charts.competence_by_level(yearly),
        charts.outcome_by_scenario(summary, "effectiveness_final"),
        charts.senior_high_performers(yearly),
        charts.difference_forest(comparison),
    ]
    seen: dict[str, set[str]] = {}
    for chart in built:
        for scale in color_ranges(chart.to_dict()):
            for name, colour in scale.items():
                seen.setdefault(name, set()).add(colour)
    assert seen["senioritas"] == {charts.POLICY_COLOURS["seniority"]}
    assert seen["merit"] == {charts.POLICY_COLOURS["merit"]}
    assert seen["undian"] == {charts.POLICY_COLOURS["lottery"]}
    assert len(set(charts.POLICY_COLOURS.values())) == len(charts.POLICY_COLOURS)


def test_colours_of_several_runs_of_one_policy_are_distinct() -> None:
    names = ["banten/merit", "jawa_barat/merit", "banten/seniority"]
    found = charts.colours(names)
    assert len(set(found)) == 3 and found[2] == charts.POLICY_COLOURS["seniority"]


def test_ci_bands_stay_in_the_valid_range() -> None:
    org = make_org(replications=2)
    org["effectiveness"] = np.where(org.replication == 0, 99.9, 90.0)  # a CI far above 100 %
    data = rows(charts.effectiveness_over_time(org).to_dict())
    assert max(r["ci_high"] for r in data) <= 100 and min(r["ci_low"] for r in data) >= 0
    summary = make_summary(org).assign(irregular_share=lambda d: np.where(d.replication == 0, 0.01, 0.0))
    shares = rows(charts.outcome_by_scenario(summary, "irregular_share").to_dict())
    assert min(r["ci_low"] for r in shares) >= 0


def test_numbers_are_plain_and_follow_the_language(builders) -> None:
    for name in BUILDERS:
        spec = builders[name]().to_dict()
        assert spec["config"]["locale"]["number"]["decimal"] == ","  # Indonesian decimal comma
        assert builders[name]("en").to_dict()["config"]["locale"]["number"]["decimal"] == "."
        assert spec["config"]["legend"]["symbolOpacity"] == 1 and spec["config"]["legend"]["labelLimit"] == 0
        for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
            for channel in ("x", "y"):
                enc = node.get(channel)
                if isinstance(enc, dict) and enc.get("type") == "quantitative" and "axis" in enc:
                    assert enc["axis"].get("format") in (",~f", "d", "%"), (name, enc)
    svg = charts.to_svg(charts.effectiveness_over_time(make_org()))
    assert "e+" not in svg


def test_year_axis_ends_at_the_last_year(org) -> None:
    spec = charts.effectiveness_over_time(org).to_dict()
    x = next(n["x"] for n in _walk(spec) if isinstance(n.get("x"), dict) and n["x"].get("field") == "year")
    assert x["scale"] == {"domain": [0, 4], "nice": False}


def test_distinct_titles_and_model_names(people, regression) -> None:
    start, end = (titles(charts.pyramid(people, year=y).to_dict()) for y in (0, 15))
    assert start != end and "tahun 15" in end
    logit = titles(charts.tornado(regression.assign(outcome="promoted"), "en", model="logit").to_dict())
    assert "logit" in logit and "OLS" not in logit
    with pytest.raises(ValueError, match="model"):
        charts.tornado(regression, model="probit")


def test_peter_legend_is_readable(peter) -> None:
    spec = charts.peter_gains(peter, "en").to_dict()
    legend = next(
        n["color"]["legend"]
        for n in _walk(spec)
        if isinstance(n.get("color"), dict) and "legend" in n["color"]
    )
    assert legend["labelLimit"] == 0


def test_contributions_chart() -> None:
    decomposition = pd.DataFrame(
        {
            "variant": ["all mechanisms on", "demotivation", "learning"],
            "policy": "merit",
            "against": "seniority",
            "contribution": [np.nan, 0.2, -0.1],
            "contribution_ci_low": [np.nan, 0.1, -0.3],
            "contribution_ci_high": [np.nan, 0.3, 0.1],
        }
    )
    spec = charts.contributions(decomposition).to_dict()
    assert {"bar", "rule"} <= marks(spec)
    data = rows(spec)
    assert [r["variant"] for r in data] == ["demotivasi yang dilewati", "belajar di tempat kerja"]
    assert [r["clear"] for r in data] == [True, False]
    assert "senioritas" in titles(spec)
    assert charts.to_png(charts.contributions(decomposition, "en"))[:4] == b"\x89PNG"


def test_across_reports_chart() -> None:
    headlines = pd.DataFrame(
        {
            "report": ["Provinsi Banten", "Provinsi Banten", "Provinsi Jawa Barat", "Provinsi Jawa Barat"],
            "scenario": ["seniority", "lottery", "seniority", "lottery"],
            "diff": [-0.5, -0.4, -0.6, 0.1],
            "diff_ci_low": [-0.7, -0.6, -0.9, -0.2],
            "diff_ci_high": [-0.3, -0.2, -0.3, 0.4],
        }
    )
    spec = charts.across_reports(headlines).to_dict()
    assert encodings(spec)["y"] == {"report"} and color_ranges(spec)[0]["senioritas"] == "#ff7f0e"
    assert charts.to_svg(charts.across_reports(headlines, "en")).startswith("<svg")
