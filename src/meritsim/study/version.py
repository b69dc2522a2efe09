"""meritsim's version, as every output records it: from the source tree's ``pyproject.toml`` when
meritsim runs from one (an editable install keeps the version it was installed with, however often
the tree has moved on since), else the installed package's."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: where pyproject.toml is when this file is src/meritsim/study/version.py of a source tree
SOURCE_PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def meritsim_version() -> str:
    """The version of the running code: the source tree's, the installed package's, or
    ``0+unknown``."""
    try:
        project = tomllib.loads(SOURCE_PYPROJECT.read_text()).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        project = {}
    if project.get("name") == "meritsim" and isinstance(project.get("version"), str):
        return project["version"]
    try:
        return version("meritsim")
    except PackageNotFoundError:
        return "0+unknown"
