"""Notebooks as reports: `meritsim report` and `meritsim batch` (plain papermill: test_papermill.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.workbench.batches import load_batch
from tiny import FAST, SMALL

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BIN = Path(sys.executable).parent
#: English words of charts and tables that an Indonesian report must not show
ENGLISH = ["Year", "Scenario", "Mean", "Effectiveness", "Outcome", "Difference", "Replications", "Level",
           "Competence", "seniority", "lottery", "patronage", "hybrid", "True", "False", "ci_low", "ci_high",
           "effectiveness_mean", "diff", "p_value", "CI", "points", "share", "policy", "Policy", "variant",
           "contribution", "advantage", "finding", "clear", "Change the parameters", "Notebook", "Setting",
           "Value", "Glossary", "talent pool", "mechanisms", "years", "replications"]  # fmt: skip


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def visible_text(html: str) -> str:
    """The words a reader sees in an HTML report: no scripts, styles or tags."""
    import re

    body = re.sub(r"(?is)<(script|style|code)\b.*?</\1>", " ", html)  # code: commands, not prose
    return re.sub(r"\s+", " ", unescape(re.sub(r"(?s)<[^>]+>", " ", body)))


def svg_text(svg: str) -> str:
    import re

    return " ".join(unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg))


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """One batch of the headline notebook for two provinces, in Indonesian (Banten) and English
    (Jawa Barat), run once for the tests of reports and of batches."""
    tmp = tmp_path_factory.mktemp("batch")
    fast = ", ".join(f"{k}: {FAST[k]}" for k in SMALL)
    spec = tmp / "b.yaml"
    spec.write_text("name: tiny\nnotebooks: [merit_vs_nonmerit]\n"
                    "defaults: {years: 4, scale: 0.05, replications: 2,\n"
                    "  policies: [merit, seniority, lottery], overrides: [history.years=10],\n"
                    f"  {fast}}}\n"
                    "parameter_sets:\n  banten: {scenarios: [provinces/banten]}\n"
                    "  jawa_barat: {scenarios: [provinces/jawa_barat], lang: en}\n")  # fmt: skip
    command = [
        str(BIN / "meritsim"),
        "batch",
        str(spec),
        "--jobs",
        "2",
        "--out",
        str(tmp / "runs"),
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    [folder] = (tmp / "runs").glob("tiny-*")
    return folder, result


@pytest.mark.notebooks
def test_indonesian_report_speaks_only_indonesian(batch):
    """An id report of the headline notebook: its header names the province, the page has a real
    title, the code and the notebook-only text are hidden, and neither the page nor any chart shows
    an English word of the charts and tables; an Excel workbook lies beside the HTML."""
    folder, result = batch
    assert "without encryption" not in result.stderr  # no kernel warning on the console
    report = folder / "merit_vs_nonmerit-banten"
    html = (report / "merit_vs_nonmerit.html").read_text()
    assert "<title>Merit vs non-merit — Provinsi Banten</title>" in html and '<html lang="id">' in html
    assert html.count('vegaEmbed("#chart-') >= 8  # interactive charts
    assert "<script src=" not in html and "cdnjs" not in html and "unpkg" not in html  # nothing from a CDN
    assert "hl-ipython3" not in html and "NBVAL_CHECK_OUTPUT" not in html  # code hidden
    seen = visible_text(html)
    expected = ("Provinsi Banten", "Temuan utama", "Uji ketahanan", "Dekomposisi", "Glosarium", "senioritas",
                "undian", "tidak ada perbedaan yang jelas", "hanya 2 replikasi", "Versi meritsim",
                "IK 95 %")  # fmt: skip
    for word in expected:
        assert word in seen, word
    charts = sorted((report / "charts").glob("*.svg"))
    assert len(charts) >= 8
    words = seen + " " + " ".join(svg_text(p.read_text()) for p in charts)
    found = [w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", words)]
    assert not found, f"English in an Indonesian report: {found}"
    assert "SK 95" not in words and "efisiensi" not in words and "tqdm" not in html and "it/s" not in seen
    from openpyxl import load_workbook

    book = load_workbook(report / "merit_vs_nonmerit.xlsx")
    assert book.sheetnames[:4] == ["ringkasan", "perbandingan", "deret tahunan", "pengaturan"]
    assert [c.value for c in book["perbandingan"][1]][:2] == ["Luaran", "Skenario"]
    assert (report / "tables" / "comparison.csv").exists() and (report / "headline.json").exists()
    english = visible_text((folder / "merit_vs_nonmerit-jawa_barat" / "merit_vs_nonmerit.html").read_text())
    assert "Main findings" in english and "Jawa Barat Province" in english and "95 % CI" in english


@pytest.mark.notebooks
def test_report_writes_notebook_offline_html_and_charts(tmp_path):
    """An English report with its code (the quick sweep notebook, to stay fast)."""
    result = invoke("report", "sensitivity", "--lang", "en", "--show-code", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    html = (tmp_path / "sensitivity.html").read_text()
    assert "<title>Which levers and uncertainties matter</title>" in html and '<html lang="en">' in html
    assert html.count('vegaEmbed("#chart-') >= 2  # interactive charts
    assert "<script src=" not in html and "cdnjs" not in html  # nothing from a CDN
    assert "hl-ipython3" in html and "Reads the results" in visible_text(html)  # with the code
    seen = visible_text(html)
    assert "Findings" in seen and "95 % CI" in seen and "Glossary" in seen  # in English
    assert "Tables:" in result.output and (tmp_path / "sensitivity.xlsx").exists()
    charts = tmp_path / "charts"
    for png in charts.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (charts / f"{png.stem}.svg").read_text().startswith("<svg")
    assert len(list(charts.glob("*.png"))) >= 2
    assert (tmp_path / "sensitivity.ipynb").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-p", "replicatons", "3"], "Did you mean 'replications'?"),
        (["-p", "years", "ten"], "parameter 'years' must be int"),
        (["-p", "scenarios", "[merrit]"], "Did you mean 'merit'?"),
        (["-p", "policies", "[merit, senority]"], "Did you mean 'seniority'?"),
        (["-p", "lang", "fr"], "use one of id, en"),
        (["-p", "scale", "0"], "write it like -p scale 0.1"),
        (["-p", "policies", "merit,lottery"], 'write it like -p policies "[merit, lottery]"'),
        (["-p", "baseline", "merrit"], "Did you mean 'merit'?"),
        (["-p", "robustness_samples", "0"], "robustness_samples"),
    ],
)
def test_bad_parameters_fail_before_executing(tmp_path, args, expected):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "merit_vs_nonmerit", *args, "--out", str(out)])
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output and not out.exists() and "--set" not in result.output


def test_unknown_notebook_lists_the_notebooks():
    result = CliRunner().invoke(main, ["report", "merit_vs_nonmerti"])
    assert result.exit_code == 2 and "Did you mean 'merit_vs_nonmerit'?" in result.output


@pytest.mark.notebooks
def test_failing_cell_is_named_and_the_partial_notebook_kept(tmp_path):
    folder = tmp_path / "sweep"
    folder.mkdir()  # a folder without a finished sweep: passes the checks, fails in the notebook
    result = CliRunner().invoke(main, ["report", "sensitivity", "-p", "sweep_dir", str(folder),
                                       "--out", str(tmp_path / "out"), "--quiet"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "failed with AssertionError" in result.output and "cell" in result.output
    partial = json.loads((tmp_path / "out" / "sensitivity.ipynb").read_text())
    assert any(o["output_type"] == "error" for c in partial["cells"] for o in c.get("outputs", []))


@pytest.mark.notebooks
def test_batch_compares_provinces_in_a_styled_index(batch):
    folder, _ = batch
    index = (folder / "index.html").read_text()
    for key in ("merit_vs_nonmerit-banten", "merit_vs_nonmerit-jawa_barat"):
        assert f'href="{key}/merit_vs_nonmerit.html"' in index
        assert (folder / key / "merit_vs_nonmerit.xlsx").exists()
    seen = visible_text(index)
    assert "Provinsi Banten" in seen and "Jawa Barat" in seen and "senioritas − merit" in seen
    assert "undian − merit" in seen and "IK 95 %" in seen
    assert "<style>" in index and "<svg" in index  # styled, with the chart across reports
    assert "{'" not in seen and "Notebook" not in seen  # no Python reprs
    from openpyxl import load_workbook

    sheet = load_workbook(folder / "index.xlsx").worksheets[0]
    assert sheet.max_row == 1 + 2 * 2  # a row per report and policy against merit


def test_bad_batch_fails_before_running(tmp_path):
    spec = tmp_path / "b.yaml"
    spec.write_text("notebooks: [merit_vs_nonmerit]\nparameter_sets:\n  x: {yeers: 3}\n")
    result = CliRunner().invoke(main, ["batch", str(spec), "--out", str(tmp_path / "runs")])
    assert result.exit_code == 2 and "Did you mean 'years'?" in result.output
    assert not (tmp_path / "runs").exists()


def test_shipped_batches_are_valid():
    for path in sorted((ROOT / "simulations").glob("*.yaml")):
        if "notebooks" in path.read_text():
            spec, jobs = load_batch(path)
            assert len(jobs) >= 2 and spec.name
