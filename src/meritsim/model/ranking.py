"""Ranking helpers shared by rules and policies: deterministic top-n and percentiles."""

from __future__ import annotations

import numpy as np


def where(mask: np.ndarray) -> np.ndarray:
    """Positions where a 1-D boolean array is true (``np.flatnonzero`` without its overhead)."""
    return np.asarray(mask).nonzero()[0]


def top(score: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` highest scores, best first; ties go to the earlier position."""
    m = score.size
    if n <= 0:
        return np.empty(0, dtype=np.int64)
    if n >= m:
        return np.argsort(-score, kind="stable")
    if n == 1:
        return np.array([int(np.argmax(score))])
    kth = np.partition(score, m - n)[m - n]
    above = (score > kth).nonzero()[0]
    ties = (score == kth).nonzero()[0][: n - above.size]
    idx = np.concatenate([above, ties])
    return idx[(-score[idx]).argsort(kind="stable")]


def percentile(score: np.ndarray) -> np.ndarray:
    """Each score's position within ``score`` scaled to [0, 1] (1 = highest)."""
    m = score.size
    if m <= 1:
        return np.ones(m)
    pos = np.empty(m)
    pos[np.argsort(score, kind="stable")] = np.arange(m)
    return pos / (m - 1)
