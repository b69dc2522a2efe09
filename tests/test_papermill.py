"""Notebooks under plain papermill: its own command line, with small parameters.

Each notebook executes once here and once under nbval (its committed, default parameters). The two
that the report tests execute through papermill with small parameters (the headline notebook in
``meritsim batch``, the sweep notebook in ``meritsim report``) are not executed a third time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from meritsim.workbench.reports import parameters
from tiny import FAST

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
BIN = Path(sys.executable).parent
ALL = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
#: executed with small parameters by tests/test_reports.py
IN_REPORT_TESTS = {"merit_vs_nonmerit", "sensitivity"}


def test_every_notebook_declares_documented_parameters():
    assert set(ALL) >= IN_REPORT_TESTS
    for name in ALL:
        declared = parameters(NOTEBOOKS / f"{name}.ipynb")
        assert "lang" in declared and all(p["help"] for p in declared.values()), name


@pytest.mark.notebooks
@pytest.mark.parametrize("name", [n for n in ALL if n not in IN_REPORT_TESTS])
def test_papermill_command_line_runs_the_notebook(name, tmp_path):
    """Plain papermill, from a working directory that is neither the repository nor notebooks/,
    without --cwd: paths are found from the package or the repository."""
    declared = parameters(NOTEBOOKS / f"{name}.ipynb")
    # papermill's -p takes text and numbers; lists go through -y (YAML)
    args = [a for k, v in FAST.items() if k in declared for a in (("-y", f"{k}: {v}") if v.startswith("[")
            else ("-p", k, v))]  # fmt: skip
    if name == "peter_principle":
        args += ["-p", "years", "20", "-p", "stationary_from", "10"]
    out = tmp_path / f"{name}.ipynb"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(BIN / "papermill"), str(NOTEBOOKS / f"{name}.ipynb"), str(out), "-k", "python3", *args],
        capture_output=True, text=True, timeout=300, cwd=elsewhere,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    executed = json.loads(out.read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
