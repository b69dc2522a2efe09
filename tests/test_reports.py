"""Notebooks as reports: papermill's own command line, `meritsim report`, `meritsim batch`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.workbench.batches import load_batch
from meritsim.workbench.reports import parameters

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
BIN = Path(sys.executable).parent
#: Small, fast values for the parameters every notebook may have.
FAST = {"replications": "2", "years": "4", "scale": "0.05", "lang": "en"}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")))
def test_papermill_command_line_runs_every_notebook(name, tmp_path):
    declared = parameters(NOTEBOOKS / f"{name}.ipynb")
    assert "lang" in declared and all(p["help"] for p in declared.values())
    args = [a for k, v in FAST.items() if k in declared for a in ("-p", k, v)]
    if name == "peter_principle":
        args += ["-p", "years", "20", "-p", "stationary_from", "10"]
    out = tmp_path / f"{name}.ipynb"
    result = subprocess.run(
        [str(BIN / "papermill"), str(NOTEBOOKS / f"{name}.ipynb"), str(out), "-k", "python3",
         "--cwd", str(NOTEBOOKS), *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    executed = json.loads(out.read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors


def test_report_writes_notebook_offline_html_and_charts(tmp_path):
    result = invoke("report", "merit_vs_nonmerit", "-p", "replications", "2", "-p", "years", "4",
                    "-p", "scale", "0.05", "-p", "policies", "[merit, lottery]", "--lang", "en",
                    "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (tmp_path / "merit_vs_nonmerit.html").read_text()
    assert html.count('vegaEmbed("#chart-') >= 6  # interactive charts
    assert "<script src=" not in html and "cdnjs" not in html  # nothing from a CDN
    assert "def finding" not in html  # code hidden by default
    assert "Main findings" in html  # the narrative, in English
    charts = tmp_path / "charts"
    for png in charts.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (charts / f"{png.stem}.svg").read_text().startswith("<svg")
    assert len(list(charts.glob("*.png"))) >= 6
    assert (tmp_path / "merit_vs_nonmerit.ipynb").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-p", "replicatons", "3"], "Did you mean 'replications'?"),
        (["-p", "years", "ten"], "parameter 'years' must be int"),
        (["-p", "scenarios", "[merrit]"], "Did you mean 'merit'?"),
        (["-p", "policies", "[merit, senority]"], "Did you mean 'seniority'?"),
        (["-p", "lang", "fr"], "use one of id, en"),
    ],
)
def test_bad_parameters_fail_before_executing(tmp_path, args, expected):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "merit_vs_nonmerit", *args, "--out", str(out)])
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output and not out.exists()


def test_unknown_notebook_lists_the_notebooks():
    result = CliRunner().invoke(main, ["report", "merit_vs_nonmerti"])
    assert result.exit_code == 2 and "Did you mean 'merit_vs_nonmerit'?" in result.output


def test_failing_cell_is_named_and_the_partial_notebook_kept(tmp_path):
    result = CliRunner().invoke(main, ["report", "merit_vs_nonmerit", "-p", "baseline", "nobody",
                                       "-p", "years", "2", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 1
    assert "failed with AssertionError" in result.output and "cell" in result.output
    partial = json.loads((tmp_path / "merit_vs_nonmerit.ipynb").read_text())
    assert any(o["output_type"] == "error" for c in partial["cells"] for o in c.get("outputs", []))


def test_batch_runs_reports_in_parallel_with_an_index(tmp_path):
    spec = tmp_path / "b.yaml"
    spec.write_text("name: tiny\nnotebooks: [scenario_explorer]\n"
                    "defaults: {years: 3, scale: 0.05}\n"
                    "parameter_sets:\n  merit: {overrides: [policy.name=merit]}\n"
                    "  lottery_en: {overrides: [policy.name=lottery], lang: en}\n")  # fmt: skip
    result = invoke("batch", str(spec), "--jobs", "2", "--out", str(tmp_path / "runs"), "--quiet")
    assert result.exit_code == 0, result.output
    [folder] = (tmp_path / "runs").glob("tiny-*")
    index = (folder / "index.html").read_text()
    for key in ("scenario_explorer-merit", "scenario_explorer-lottery_en"):
        assert f'href="{key}/scenario_explorer.html"' in index
        assert (folder / key / "scenario_explorer.html").exists()


def test_bad_batch_fails_before_running(tmp_path):
    spec = tmp_path / "b.yaml"
    spec.write_text("notebooks: [scenario_explorer]\nparameter_sets:\n  x: {yeers: 3}\n")
    result = CliRunner().invoke(main, ["batch", str(spec), "--out", str(tmp_path / "runs")])
    assert result.exit_code == 2 and "Did you mean 'years'?" in result.output
    assert not (tmp_path / "runs").exists()


def test_shipped_batches_are_valid():
    for path in sorted((ROOT / "simulations").glob("*.yaml")):
        if "notebooks" in path.read_text():
            spec, jobs = load_batch(path)
            assert len(jobs) >= 2 and spec.name
