"""Row-by-row work on very many rows, split over threads.

numpy releases the GIL inside its loops, so a rule that treats each row on its own (its inputs,
its own random draws, keyed to the person) runs on parts of the rows in parallel threads with the
same result, bit for bit, as on all of them at once. Only large workforces (``MIN_ROWS``, the
national scale) are split; below it, and with ``MERITSIM_THREADS=1``, everything runs in the
calling thread as before. Rules that combine rows (sums, rankings, caps per unit) are not split.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TypeVar

import numpy as np

T = TypeVar("T")
MIN_ROWS = 400_000  # below this, a thread's start-up costs more than it saves


def threads() -> int:
    """How many threads share row-by-row work (``MERITSIM_THREADS``, default: the CPUs, at most 2)."""
    value = os.environ.get("MERITSIM_THREADS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_lock = threading.Lock()


def _executor(n: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size != n:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool, _pool_size = ThreadPoolExecutor(n - 1, thread_name_prefix="meritsim-rows"), n
        return _pool


def _bounds(n: int) -> list[int]:
    """Where consecutive parts of ``n`` rows start (and the last ends), one part per thread (one
    part when they are few), sized as ``np.array_split`` sizes them."""
    if n < MIN_ROWS or (k := threads()) < 2:  # (the size first: no environment read for few)
        return [0, n]
    size, extra = divmod(n, k)
    return [i * size + min(i, extra) for i in range(k + 1)]


def _run(work: Callable, chunks: list) -> list:
    """``work`` of each chunk, in order; the calling thread does the first, the pool the rest."""
    if len(chunks) == 1:
        return [work(chunks[0])]
    pending = [_executor(len(chunks)).submit(work, chunk) for chunk in chunks[1:]]
    first = work(chunks[0])
    return [first, *(p.result() for p in pending)]


def _join(results: list[np.ndarray]) -> np.ndarray:
    return results[0] if len(results) == 1 else np.concatenate(results)


def parts(rows: np.ndarray) -> list[np.ndarray]:
    """``rows`` in consecutive parts, one per thread (one part when they are few)."""
    b = _bounds(rows.size)
    return [rows] if len(b) == 2 else [rows[lo:hi] for lo, hi in pairwise(b)]


def each(work: Callable[[np.ndarray], T], rows: np.ndarray) -> list[T]:
    """``work`` of each part of ``rows``, in order; the calling thread does the first part."""
    return _run(work, parts(rows))


def joined(work: Callable[[np.ndarray], np.ndarray], rows: np.ndarray) -> np.ndarray:
    """``work(rows)``, computed part by part: the parts' results joined along the first axis."""
    return _join(each(work, rows))


def spans(n: int) -> list[slice]:
    """Rows 0 .. n in consecutive slices, one per thread (one slice when they are few)."""
    b = _bounds(n)
    return [slice(lo, hi) for lo, hi in pairwise(b)]


def each_span(work: Callable[[slice], T], n: int) -> list[T]:
    """``work`` of each span of rows 0 .. n, in order (in threads when they are many)."""
    return _run(work, spans(n))


def joined_spans(work: Callable[[slice], np.ndarray], n: int) -> np.ndarray:
    """``work`` of each span of rows 0 .. n, the results joined along the first axis."""
    return _join(each_span(work, n))
