"""Files the notebooks read, found from the package or the repository, so a notebook runs the
same from the repository root, from ``notebooks/`` or from any other working directory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: the repository's notebooks/ (the package links to it)
NOTEBOOKS = Path(str(resources.files("meritsim") / "_notebooks")).resolve()
#: the repository (notebooks/, params/, simulations/)
REPOSITORY = NOTEBOOKS.parent


class PathError(ValueError):
    """A file a notebook needs that is nowhere to be found."""


def candidates(ref: str | Path) -> list[Path]:
    """Where ``ref`` is looked for, in order: as given (from the working directory), from the
    repository, from notebooks/ (for paths written relative to a notebook, ``../params/...``)."""
    path = Path(ref).expanduser()
    if path.is_absolute():
        return [path]
    return [Path.cwd() / path, REPOSITORY / path, NOTEBOOKS / path]


def locate(ref: str | Path, what: str = "file", *, folder: bool = False) -> Path:
    """The first existing candidate of ``ref`` (a folder when ``folder``); PathError naming every
    place tried."""
    tried = candidates(ref)
    for path in tried:
        if path.is_dir() if folder else path.is_file():
            return path.resolve()
    places = ", ".join(str(p) for p in dict.fromkeys(tried))
    raise PathError(f"{what} {str(ref)!r} not found (looked in {places})")
