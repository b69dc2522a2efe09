"""`import meritsim` and the command line load no heavy optional library until it is needed.

Checked in a fresh interpreter (this test process has imported everything already). The wall time
of `meritsim --help` is not asserted here (it depends on the machine); see the report of issue #10.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("statsmodels", "scipy", "dask", "distributed", "altair", "papermill", "vl_convert", "SALib")

PROBE = """
import contextlib, io, json, sys
import meritsim
import meritsim.cli
if sys.argv[2:] == ["--help"]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        meritsim.cli.main(["--help"])
heavy = set(json.loads(sys.argv[1]))
print(json.dumps(sorted(name for name in sys.modules if name.partition(".")[0] in heavy)))
"""


def loaded_modules(*argv: str) -> list[str]:
    """The heavy modules a fresh interpreter holds after the probe."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY), *argv], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_loads_no_heavy_library():
    loaded = loaded_modules()
    assert loaded == [], f"`import meritsim, meritsim.cli` loads {loaded}"


def test_help_loads_no_heavy_library():
    loaded = loaded_modules("--help")
    assert loaded == [], f"`meritsim --help` loads {loaded}"


def test_help_loads_click_alone():
    """The group's help lists the commands without importing them (nor numpy, pandas, pydantic)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["numpy", "pandas", "pydantic", "simpy"]), "--help"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == [], f"`meritsim --help` loads {loaded}"


def test_console_script_help():
    script = Path(sys.executable).with_name("meritsim")
    assert script.exists(), f"no console script {script}: install meritsim (pip install -e .)"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "run" in done.stdout
