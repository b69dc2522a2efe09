"""Freed memory kept for reuse while the engine runs (glibc; elsewhere nothing changes).

A replication allocates and frees many temporary arrays, at national scale thousands of tens of
megabytes each. glibc serves a block that large from a fresh ``mmap`` and unmaps it when freed,
so every temporary is page-faulted in (and zeroed) again: about a seventh of a national run,
measured. While the engine runs, :func:`kept` has large blocks come from the heap and keeps what
is freed for the next temporary; on leaving, glibc's defaults are back and the free memory is
returned to the system. Results do not depend on it, only the time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
import threading
from collections.abc import Iterator
from contextlib import contextmanager

MIN_ROWS = 400_000  # smaller workforces' temporaries are below glibc's mmap threshold anyway
M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4  # mallopt's parameters (malloc.h)
DEFAULT_TRIM_THRESHOLD, DEFAULT_MMAP_MAX = 128 * 1024, 65536
KEEP_UP_TO = 2**31 - 1  # bytes of free memory at the heap's top kept while engines run (int max)

_lock = threading.Lock()
_depth = 0


def _glibc() -> ctypes.CDLL | None:
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


_LIBC = _glibc()


def _set(trim: int, mmap_max: int) -> None:
    assert _LIBC is not None
    _LIBC.mallopt(ctypes.c_int(M_MMAP_MAX), ctypes.c_int(mmap_max))
    _LIBC.mallopt(ctypes.c_int(M_TRIM_THRESHOLD), ctypes.c_int(trim))


@contextmanager
def kept() -> Iterator[None]:
    """Within: large blocks from the heap, freed memory kept (nests; threads share it)."""
    global _depth
    if _LIBC is None:
        yield
        return
    with _lock:
        if _depth == 0:
            _set(KEEP_UP_TO, 0)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                _set(DEFAULT_TRIM_THRESHOLD, DEFAULT_MMAP_MAX)
                _LIBC.malloc_trim(ctypes.c_size_t(0))


def active() -> bool:
    """Whether freed memory is being kept now (for tests)."""
    return _depth > 0
