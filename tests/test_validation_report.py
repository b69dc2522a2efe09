"""The validation report's pieces (notebooks/validation.ipynb): figures named in Indonesian and
English, the table of model vs statistic, the findings, and the two charts (on ``to_dict()`` and
one offline render each)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from meritsim.workbench import charts, validation
from meritsim.workbench.narrative import QUESTIONS

COLUMNS = ["population", "dimension", "category", "date", "unit", "model", "statistic", "error",
           "error_unit", "tolerance", "within", "model_sd", "model_min", "model_max", "relation", "weak",
           "note", "role"]  # fmt: skip
CAL = "calibrated"
ROWS = [
    ("PNS", "total", "all", "2019-06-30", "persons", 4_240_000, 4_286_918, -1.1, "percent", 3, True, "input"),
    ("PNS", "total", "all", "2022-12-31", "persons", 3_860_000, 3_890_579, -0.8, "percent", 3, True, CAL),
    ("PPPK", "total", "all", "2022-12-31", "persons", 360_000, 363_934, -1.1, "percent", 3, True, CAL),
    ("PNS", "age", "upto_30", "2023-06-30", "percent", 8.3, 9.0, -0.7, "points", 3, True, "input"),
    ("PNS", "jabatan", "functional", "2023-06-30", "persons", 2_150_000, 2_114_411, 1.7, "percent", 3, True,
     "calibrated"),
    ("PNS", "golongan", "III", "2023-06-30", "percent", 72.0, 50.0, 22.0, "points", math.nan, True, "check"),
    ("PNS", "total", "all", "2023-06-30", "persons", 3_815_000, 3_795_302, 0.5, "percent", 3, True, "check"),
    ("PNS", "retirements", "all", "2023-07-01/2033-06-30", "persons_per_year", 86_000, 120_000, -28.3,
     "percent", 3, False, "check"),
]  # fmt: skip


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    out = pd.DataFrame([(*r[:11], math.nan, r[5], r[5], "equal", False, None, r[11]) for r in ROWS],
                       columns=COLUMNS)  # fmt: skip
    out.loc[out.dimension == "golongan", "relation"] = "more_than"
    out.loc[out.dimension == "retirements", "weak"] = True
    return out


def test_figures_are_named_for_people_in_both_languages(table):
    assert validation.figure(table.iloc[3], "id") == "PNS, usia ≤ 30 (%)"
    assert validation.figure(table.iloc[3], "en") == "PNS, aged 30 or under (%)"
    assert validation.figure(table.iloc[4], "id") == "PNS, fungsional (orang)"
    assert validation.figure(table.iloc[5], "en") == "PNS, golongan III (%)"
    assert validation.word("check", "id") == "uji di luar sampel" and "validation" in QUESTIONS


def test_the_table_rounds_and_says_role_bound_and_weakness(table):
    shown = validation.validation_table(table, "id")
    assert list(shown.columns) == ["Angka", "Tanggal", "Model", "Statistik BKN", "Galat", "Satuan galat",
                                   "Toleransi", "Dalam toleransi", "Peran"]  # fmt: skip
    first = shown.iloc[0]
    assert first["Model"] == "4.240.000" and first["Galat"] == "−1,1" and first["Toleransi"] == "± 3"
    bound = shown.iloc[5]
    assert bound["Statistik BKN"] == "> 50,0" and bound["Toleransi"] == "batas bawah"
    assert shown.iloc[7]["Angka"].endswith("[lemah]") and shown.iloc[7]["Dalam toleransi"] == "Tidak"
    assert list(validation.validation_table(table, "en").Role)[:3] == ["input", "calibrated", "calibrated"]


def test_each_replications_figures_keep_numbers_under_translated_headers(table, tmp_path):
    runs = table.assign(replication=1).drop(columns=["role", "model_sd", "model_min", "model_max"])
    shown = validation.replications_table(runs, "id")
    assert list(shown.columns) == ["Angka", "Tanggal", "Replikasi", "Model", "Statistik BKN", "Galat",
                                   "Satuan galat", "Toleransi", "Dalam toleransi"]  # fmt: skip
    assert shown["Model"].iloc[0] == 4_240_000 and shown["Galat"].iloc[0] == -1.1  # numbers, not text
    assert shown["Angka"].iloc[7].endswith("[lemah]") and shown["Dalam toleransi"].iloc[7] == "Tidak"
    assert shown["Satuan galat"].iloc[3] == "poin"
    from openpyxl import load_workbook

    from meritsim.workbench.tables import write_workbook

    path = write_workbook(tmp_path / "v.xlsx", {"replications": shown}, "id")
    sheet = load_workbook(path)["replikasi"]
    assert [c.value for c in sheet[1]][:3] == ["Angka", "Tanggal", "Replikasi"]
    assert sheet["D2"].value == 4_240_000
    english = validation.replications_table(runs, "en")
    assert list(english.columns)[:3] == ["Figure", "Date", "Replication"]


def test_findings_count_by_role_and_name_every_miss(table):
    lines = validation.validation_findings(table, "en")
    assert lines[0] == "- **7 of 8** figures within their tolerance (totals ± 3 %, shares ± 3 points)."
    assert "- Out-of-sample check: 2 of 3 within tolerance." in lines
    [miss] = [line for line in lines if line.startswith("- Missed")]
    assert "model 86,000, statistic 120,000, error −28.3 %" in miss and "weak statistic" in miss
    assert "Meleset" in " ".join(validation.validation_findings(table, "id"))
    assert validation.glossary("id").startswith("## Glosarium") and "Toleransi" in validation.glossary("id")


def _nodes(spec):
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from _nodes(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _nodes(value)


def test_the_headcount_chart_draws_model_lines_and_statistic_squares(table):
    spec = charts.validation_totals(table, "id").to_dict()
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["errorbar", "line", "point"]
    assert layers[2]["mark"]["shape"] == "square" and layers[2]["encoding"]["y"]["field"] == "statistic"
    assert layers[1]["encoding"]["y"]["field"] == "model" and layers[1]["encoding"]["x"]["type"] == "temporal"
    data = next(iter(spec["datasets"].values()))
    assert {row["who"] for row in data} == {"PNS", "PPPK"} and len(data) == 4  # headcounts only
    assert spec["title"] == "Jumlah pegawai: model dan statistik BKN"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    english = charts.validation_totals(table, "en").to_dict()
    assert english["title"] == "Headcounts: the model and BKN's statistics"
    assert charts.to_png(charts.validation_totals(table, "en"))[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_error_chart_puts_each_error_in_its_tolerance_band(table):
    spec = charts.validation_errors(table, "en").to_dict()
    band, zero, point = spec["layer"]
    assert band["mark"]["type"] == "bar" and band["encoding"]["x"]["field"] == "low"
    assert band["encoding"]["x2"]["field"] == "high" and zero["mark"]["type"] == "rule"
    assert point["encoding"]["x"]["field"] == "error" and point["encoding"]["color"]["field"] == "role_name"
    data = next(v for v in spec["datasets"].values() if "figure" in v[0])
    assert len(data) == 7, "the lower bound (golongan III) has no tolerance band"
    assert {row["low"] for row in data} == {-3} and point["encoding"]["color"]["scale"]["domain"] == [
        "input", "calibrated", "out-of-sample check"
    ]  # fmt: skip
    assert "Galat setiap angka" in charts.validation_errors(table, "id").to_dict()["title"]
    assert charts.to_svg(charts.validation_errors(table, "id")).startswith("<svg")
    with pytest.raises(ValueError, match=r"'id'.*'en'"):
        charts.validation_errors(table, "fr")
    with pytest.raises(ValueError, match="no headcounts"):
        charts.validation_totals(table[table.unit == "percent"], "en")
