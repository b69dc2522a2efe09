"""meritsim's version, as every output records it: from the source tree's ``pyproject.toml`` when
meritsim runs from one (an editable install keeps the version it was installed with, however often
the tree has moved on since), else the installed package's."""

from __future__ import annotations

import functools
import os
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

#: where pyproject.toml is when this file is src/meritsim/study/version.py of a source tree
SOURCE_PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def meritsim_version() -> str:
    """The version of the running code: the source tree's, the installed package's, or
    ``0+unknown``; pyproject.toml is read again only when it has changed."""
    try:
        st = os.stat(SOURCE_PYPROJECT)
    except OSError:
        return _installed()
    return _from_pyproject(SOURCE_PYPROJECT, st.st_mtime_ns, st.st_size) or _installed()


@functools.lru_cache(maxsize=4)
def _from_pyproject(path: Path, mtime_ns: int, size: int) -> str | None:
    """meritsim's version in ``path`` (None if it is not meritsim's pyproject.toml)."""
    try:
        project = tomllib.loads(path.read_text()).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") == "meritsim" and isinstance(project.get("version"), str):
        return project["version"]
    return None


@functools.cache
def _installed() -> str:
    try:
        return version("meritsim")
    except PackageNotFoundError:
        return "0+unknown"
