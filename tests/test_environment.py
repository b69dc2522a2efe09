"""environment.yml (conda-forge) and pyproject.toml list the same dependencies and lower bounds:
the core and everything `meritsim[dev]` pulls in, its `meritsim[...]` self-references resolved."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CONDA_ONLY = {"python", "pip"}  # the interpreter and the installer
SELF = re.compile(r"^meritsim\[([^\]]+)\]$")


def _requirement(text: str) -> tuple[str, str]:
    name, spec = re.match(r"^([A-Za-z0-9_.-]+)\s*(.*)$", text.strip()).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def _extra(extras: dict[str, list[str]], name: str, seen: tuple[str, ...] = ()) -> dict[str, str]:
    """The requirements of an extra, with `meritsim[a,b]` replaced by the extras a and b."""
    assert name in extras, f"meritsim[{name}] is referenced but not defined"
    assert name not in seen, f"extras refer to each other in a cycle: {[*seen, name]}"
    found: dict[str, str] = {}
    for requirement in extras[name]:
        if match := SELF.match(requirement.replace(" ", "")):
            for other in match.group(1).split(","):
                found |= _extra(extras, other, (*seen, name))
        else:
            found |= dict([_requirement(requirement)])
    return found


def test_extras_resolve():
    extras = {"a": ["x>=1", "meritsim[b, c]"], "b": ["y>=2"], "c": ["meritsim[b]", "Z_z>=3"]}
    assert _extra(extras, "a") == {"x": ">=1", "y": ">=2", "z-z": ">=3"}


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_requirement(r) for r in project["dependencies"])
    wanted |= _extra(project["optional-dependencies"], "dev")
    assert not any(name == "meritsim" for name in wanted)
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    listed = [_requirement(d) for d in env["dependencies"] if isinstance(d, str)]
    conda = dict(listed)
    assert len(conda) == len(listed), "a package is listed twice in environment.yml"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e ."]
    assert {k: v for k, v in conda.items() if k not in CONDA_ONLY} == wanted
    assert conda["python"] == project["requires-python"]
    assert "pip" in conda
