"""Reports' words and tables (issue #13): Indonesian numbers and terms, honest findings, the
header and glossary, parameter checks with the syntax expected, files found from any working
directory, and Excel workbooks neutralised against formulas."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from meritsim.workbench import findings, narrative
from meritsim.workbench.checks import ParameterError, check
from meritsim.workbench.paths import locate
from meritsim.workbench.tables import display_table, write_workbook
from meritsim.workbench.vocabulary import number, place, scenario_label, term

ROOT = Path(__file__).resolve().parents[1]


def test_numbers_in_each_language():
    assert number(1234.5, "id", 1) == "1.234,5" and number(1234.5, "en", 1) == "1,234.5"
    assert number(-0.5, "id", 2, sign=True) == "−0,50" and number(0.5, "en", 2, sign=True) == "+0.50"
    assert number(float("nan"), "id") == "–"


def test_policy_and_run_names_in_indonesian():
    assert [term(p, "id") for p in ("seniority", "lottery", "patronage", "hybrid", "worst")] == [
        "senioritas", "undian", "patronase", "hibrida", "terburuk"]  # fmt: skip
    assert scenario_label("banten/seniority", "id") == "Banten: senioritas"
    assert scenario_label("peter_principle/peter_worst", "id") == "Peter: terburuk"
    assert (
        place("provinces/banten", "id") == "Provinsi Banten"
        and place("provinces/banten", "en") == "Banten Province"
    )
    assert term(True, "id") == "Ya" and term(False, "en") == "No"
    assert scenario_label("supervision/independent", "id") == "pengawas independen"
    assert scenario_label("supervision/none", "en") == "no supervisor"
    assert narrative.title("supervision", "id", ["supervision/none", "supervision/executive"]) == (
        "Pengawas sistem merit — Pemerintah provinsi sintetis"
    )  # one place, named once


def test_followed_recommendations_beside_kasn_s_figure():
    outcomes = pd.DataFrame({"scenario": ["supervision/none", "supervision/independent"] * 2,
                             "recommendations_followed_share": [np.nan, 0.9, np.nan, 0.86]})  # fmt: skip
    line = findings.followed_finding(outcomes, "id")
    assert "pengawas independen 88 %" in line and "tanpa pengawas" not in line and "KASN" in line
    assert findings.followed_finding(outcomes.iloc[[0, 2]], "en") == ""


@pytest.mark.parametrize(("low", "high", "lang", "expected"), [
    (-0.2, 0.3, "id", "tidak ada perbedaan yang jelas"),
    (-0.2, 0.3, "en", "no clear difference"),
    (0.1, 0.3, "en", "clearly higher"),
    (-0.5, -0.1, "id", "lebih rendah dengan jelas"),
    (np.nan, np.nan, "en", "no clear difference"),
])  # fmt: skip
def test_a_ci_spanning_zero_is_no_clear_difference(low, high, lang, expected):
    assert findings.verdict(low, high, lang) == expected


def test_fewer_than_ten_replications_warn():
    assert "4 replikasi" in findings.replication_warning(4, "id")
    assert "only 9 replications" in findings.replication_warning(9, "en")
    assert findings.replication_warning(10, "en") == ""


def comparison() -> pd.DataFrame:
    rows = []
    for outcome in ("effectiveness_mean", "irregular_share"):
        rows.append((outcome, "merit", "merit", 70.0, 69.0, 71.0, np.nan, np.nan, np.nan))
        rows.append((outcome, "seniority", "merit", 69.5, 68.0, 71.0, -0.5, -0.9, -0.1))
        rows.append((outcome, "lottery", "merit", 70.1, 69.0, 71.2, 0.1, -0.4, 0.6))
    cols = [
        "outcome",
        "scenario",
        "baseline",
        "mean",
        "ci_low",
        "ci_high",
        "diff",
        "diff_ci_low",
        "diff_ci_high",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_findings_cover_every_row_with_its_interval():
    table = comparison()
    lines = findings.comparison_findings(table, ["effectiveness_mean", "irregular_share"], "id")
    rows = [line for line in lines if line.startswith("- ")]
    assert len(rows) == len(table)  # equity and irregular rows are not skipped
    assert all("IK 95 %" in line for line in rows)
    assert sum("tidak ada perbedaan yang jelas" in line for line in rows) == 2
    assert sum("lebih rendah dengan jelas" in line for line in rows) == 2
    assert any("**undian**" in line for line in rows)


def test_peter_findings_state_uncertainty():
    gains = pd.DataFrame({"hypothesis": ["peter"], "strategy": ["worst"], "gain": [14.4], "ci_low": [-25.6],
                          "ci_high": [54.4]})  # fmt: skip
    [line] = findings.gain_findings(gains, "en")
    assert "+14.4" in line and "95 % CI −25.6 to +54.4" in line and "no clear difference" in line


def test_header_identifies_the_report():
    [run] = check(scenarios=["provinces/banten"], policies=["merit"], scale=0.05)
    settings = {"scenarios": ["provinces/banten"], "policies": ["merit", "lottery"], "scale": 0.05,
                "replications": 4, "years": 15, "warmup": 0, "seed": 7, "lang": "id"}  # fmt: skip
    title, markdown = narrative.header("merit_vs_nonmerit", "id", settings, [run])
    assert title == "Merit vs non-merit — Provinsi Banten"
    words = ("Provinsi Banten", "undian", "0,05", "Replikasi", "Tahun pemanasan", "Benih acak",
             "Versi meritsim", "Hash parameter", "Tanggal")  # fmt: skip
    for word in words:
        assert word in markdown, word
    assert (
        narrative.header("merit_vs_nonmerit", "en", settings, [run])[0]
        == "Merit vs non-merit — Banten Province"
    )


def test_glossary_defines_the_terms():
    text = narrative.glossary("id", ["merit", "seniority", "patronage", "lottery", "hybrid"])
    words = ("Efektivitas", "Kompetensi", "skala 1–10", "senioritas", "undian", "hibrida", "9 kotak talenta",
             "Indeks sistem merit", "pengadaan", "IK 95 %", "P − L")  # fmt: skip
    for word in words:
        assert word in text, word


@pytest.mark.parametrize(("params", "expected"), [
    ({"scale": 0}, "-p scale 0.1"),
    ({"policies": "merit,lottery"}, '-p policies "[merit, lottery]"'),
    ({"scenarios": ["default"], "policies": ["merit"], "baseline": "merrit"}, "Did you mean 'merit'?"),
    ({"years": 5, "warmup": 5}, "below years (5)"),
    ({"policies": ["merit", "senority"]}, "Did you mean 'seniority'?"),
    ({"robustness_samples": 0}, "-p robustness_samples 4"),
    ({"hypotheses": ["petr"]}, "Did you mean 'peter'?"),
    ({"years": 20, "stationary_from": 30}, "below years (20)"),
    ({"spec": "no/such/spec.yaml"}, "not found"),
    ({"exports": ["a.csv"], "dates": ["2024-12-31"]}, "not found"),
])  # fmt: skip
def test_parameter_checks_show_the_syntax(params, expected):
    with pytest.raises(ParameterError) as info:
        check(**params)
    assert expected in str(info.value) and "--set" not in str(info.value)


def test_files_are_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locate("simulations/sensitivity_quick.yaml") == ROOT / "simulations" / "sensitivity_quick.yaml"
    assert locate("../params/examples/mapping.yaml") == ROOT / "params" / "examples" / "mapping.yaml"
    (tmp_path / "mine.yaml").write_text("x: 1")
    assert locate("mine.yaml") == tmp_path / "mine.yaml"  # the working directory first


def test_display_table_speaks_the_language():
    shown = display_table(comparison().assign(clear=True), "id")
    assert list(shown.columns[:4]) == ["Luaran", "Skenario", "Pembanding", "Rata-rata"]
    assert shown.iloc[0, 0] == "Efektivitas rata-rata (%)" and shown.iloc[1, 1] == "senioritas"
    assert shown.iloc[0, 3] == "70,00" and set(shown["Keunggulan jelas"]) == {"Ya"}


HOSTILE = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", ' =HYPERLINK("x")']


@pytest.mark.parametrize("lang", ["id", "en"])
def test_workbook_sheets_headers_and_no_formulas(tmp_path, lang):
    from openpyxl import load_workbook

    table = comparison()
    table.loc[: len(HOSTILE) - 1, "scenario"] = HOSTILE
    settings = pd.DataFrame({"setting": ["scenario", "=evil()"], "value": ["@x", "-1.5"]})
    yearly = pd.DataFrame({"scenario": ["merit"], "year": [1], "effectiveness": [70.0]})
    path = write_workbook(tmp_path / "r.xlsx", {"summary": table, "comparison": table, "yearly": yearly,
                                                "settings": settings}, lang)  # fmt: skip
    book = load_workbook(path)
    expected = ["ringkasan", "perbandingan", "deret tahunan", "pengaturan"] if lang == "id" else [
        "summary", "comparison", "yearly series", "settings"]  # fmt: skip
    assert book.sheetnames == expected
    headers = [c.value for c in book[expected[1]][1]]
    assert headers[:2] == (["Luaran", "Skenario"] if lang == "id" else ["Outcome", "Scenario"])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.lstrip().startswith(("=", "+", "@", "\t")), cell.value
    assert book[expected[3]]["B3"].value == "-1.5"  # a number as text stays itself
    assert book[expected[1]]["D2"].value == 70  # numbers stay numbers


def test_notebooks_ask_for_the_meritsim_kernel():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        spec = json.loads(path.read_text())["metadata"]["kernelspec"]
        assert spec["name"] == "meritsim", path.name


def test_kernel_falls_back_to_python3(monkeypatch):
    from jupyter_client.kernelspec import KernelSpecManager

    from meritsim.workbench import reports

    monkeypatch.setattr(KernelSpecManager, "find_kernel_specs", lambda self: {"python3": "/x"})
    assert reports.kernel_name() == "python3"
    monkeypatch.setattr(
        KernelSpecManager, "find_kernel_specs", lambda self: {"python3": "/x", "meritsim": "/y"}
    )
    assert reports.kernel_name() == "meritsim"


def test_shares_are_shown_as_percentages():
    table = pd.DataFrame({"policy": ["seniority"], "share_merit_wins": [0.25], "mean_advantage": [0.5]})
    shown = display_table(table, "id")
    assert shown.iloc[0].tolist() == ["senioritas", "25 %", "0,50"]
