"""Notebooks under plain papermill, and their two languages without executing them again.

nbval executes every committed notebook once, in Indonesian with its committed parameters. The
report tests execute the headline notebook (``meritsim batch``, in both languages) and the sweep
notebook (``meritsim report --lang en``) through papermill. Plain papermill's own command line,
from a folder that is neither the repository nor notebooks/, is checked on one notebook, the one
that reads files beside the scenarios. What the English path of the others adds to their
Indonesian execution is checked without executing them: each text call evaluates both languages
in either, and what the library makes of ``lang`` is tested in the library's own tests."""

from __future__ import annotations

import ast
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
#: executed by plain papermill here (the others run under nbval and, two of them, the report tests)
PLAIN = "calibrate_from_data"


def code_cells(name: str) -> list[tuple[int, ast.Module]]:
    """Each code cell's number (from 1) and syntax tree (IPython magics and shell lines left out)."""
    cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    lines = ["\n".join(x for x in "".join(c["source"]).splitlines() if not x.lstrip().startswith(("%", "!")))
             for c in code]  # fmt: skip
    return [(i, ast.parse(src)) for i, src in enumerate(lines, 1)]


def test_every_notebook_declares_documented_parameters():
    assert PLAIN in ALL
    for name in ALL:
        declared = parameters(NOTEBOOKS / f"{name}.ipynb")
        assert "lang" in declared and all(p["help"] for p in declared.values()), name


@pytest.mark.parametrize("name", ALL)
def test_every_notebook_text_comes_in_both_languages(name):
    """A notebook's own words go through ``text(lang, id=..., en=...)`` with both languages given;
    the language reaches the library as ``lang``, never as a fixed ``"id"`` or ``"en"``; and the
    notebook never branches on the language itself."""
    seen = 0
    for cell, tree in code_cells(name)[1:]:  # the parameters cell sets lang
        for node in ast.walk(tree):
            where = f"{name}.ipynb, code cell {cell}: {ast.unparse(node)[:80]}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "text":
                seen += 1
                given = {k.arg: k.value for k in node.keywords}
                assert set(given) == {"id", "en"}, where
                assert all(not (isinstance(v, ast.Constant) and not v.value) for v in given.values()), where
                assert isinstance(node.args[0], ast.Name) and node.args[0].id == "lang", where
            if isinstance(node, ast.Call):
                fixed = [a for a in node.args if isinstance(a, ast.Constant) and a.value in ("id", "en")]
                fixed += [k for k in node.keywords if k.arg == "lang" and isinstance(k.value, ast.Constant)]
                assert not fixed, where
            if isinstance(node, ast.Compare):
                names = [n.id for n in (node.left, *node.comparators) if isinstance(n, ast.Name)]
                assert "lang" not in names, where
    assert seen, f"{name}.ipynb has no text of its own in two languages"


@pytest.mark.notebooks
def test_papermill_command_line_runs_a_notebook_from_elsewhere(tmp_path):
    """Plain papermill, in English with small parameters, from a working directory that is
    neither the repository nor notebooks/, without --cwd: paths are found from the package or the
    repository."""
    declared = parameters(NOTEBOOKS / f"{PLAIN}.ipynb")
    # papermill's -p takes text and numbers; lists go through -y (YAML)
    args = [a for k, v in FAST.items() if k in declared for a in (("-y", f"{k}: {v}") if v.startswith("[")
            else ("-p", k, v))]  # fmt: skip
    assert args[args.index("lang") - 1 : args.index("lang") + 2] == ["-p", "lang", "en"]
    out = tmp_path / f"{PLAIN}.ipynb"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(BIN / "papermill"), str(NOTEBOOKS / f"{PLAIN}.ipynb"), str(out), "-k", "python3", *args],
        capture_output=True, text=True, timeout=300, cwd=elsewhere,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    executed = json.loads(out.read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors
    shown = "".join(t for c in executed["cells"] for o in c.get("outputs", []) for t in o.get("text", ""))
    assert "employees" in shown and "pegawai" not in shown
