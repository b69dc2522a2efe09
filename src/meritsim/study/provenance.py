"""Provenance of every output: parameters and their hash, seeds, versions, git revision."""

from __future__ import annotations

import datetime as dt
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from meritsim.model.scenario.files import resolved_dict, scenario_hash
from meritsim.model.scenario.schema import Scenario
from meritsim.model.streams import MECHANISMS
from meritsim.study.version import meritsim_version


def git_revision() -> str | None:
    """The commit of the meritsim source tree (with ``-dirty`` if modified), or None."""
    here = Path(__file__).resolve().parent
    try:
        rev = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{rev}-dirty" if dirty else rev


def manifest(
    scenario: Scenario, seed: int, replications: int, years: int, timings: dict[str, Any]
) -> dict[str, Any]:
    """Everything needed to reproduce and trust a run."""
    import numpy
    import pandas
    import simpy

    return {
        "scenario": scenario.name,
        "parameters_hash": scenario_hash(scenario),
        "seed": seed,
        "replications": replications,
        "years": years,
        "random_streams": {
            "mechanisms": list(MECHANISMS),
            "keyed_by": "(seed, replication, mechanism, occasion, person key, draw): meritsim.model.streams",
        },
        "meritsim_version": meritsim_version(),
        "git_revision": git_revision(),
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": sys.argv,
        "python": platform.python_version(),
        "packages": {
            "numpy": numpy.__version__,
            "pandas": pandas.__version__,
            "simpy": simpy.__version__,
        },
        "timings": timings,
        "parameters": resolved_dict(scenario),
    }
