"""Compiled kernels (numba) for the whole-workforce passes of very large runs.

At national scale a year is a few dozen passes over millions of rows; numpy makes each a chain of
temporaries, a kernel reads each row once. Every kernel has its numpy twin (the rule's own code),
and gives its result bit for bit (same operations in the same order and precision; random draws
stay numpy's), so a run does not depend on whether numba is installed (tested with both paths,
tests/test_speedups.py). Kernels run only for workforces of ``MIN_ROWS`` or more when numba is
installed (extra ``[fast]``) and ``MERITSIM_COMPILED`` is not ``0``; their modules, and numba, are
imported only then, so small runs and ``import meritsim`` never load it.
"""

from __future__ import annotations

import functools
import importlib.util
import os

MIN_ROWS = 400_000  # below this, numpy's passes are quick and a kernel's first call costs more


@functools.cache
def installed() -> bool:
    """Whether numba can be imported."""
    return importlib.util.find_spec("numba") is not None


def enabled(rows: int) -> bool:
    """Whether to use the kernels for a workforce of ``rows`` rows."""
    return rows >= MIN_ROWS and os.environ.get("MERITSIM_COMPILED", "1") != "0" and installed()
