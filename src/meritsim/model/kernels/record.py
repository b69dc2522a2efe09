"""Kernels of the year-end observation: per-level sums and counts in one pass over everyone."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def level_sums(level, n, competence, female, born, post_since, fit_gap, high, employment):  # pragma: no cover
    """Per level (``n`` levels; leavers, level -1, left out): counts ``[heads, women, high
    performers, PPPK, part-time PPPK]`` and sums ``[competence, women's competence, birth dates,
    appointment dates, job-fit gaps]``, each summed in row order as ``np.bincount`` does."""
    counts = np.zeros((5, n), np.int64)
    sums = np.zeros((5, n), np.float64)
    for i in range(level.size):
        b = level[i]
        if b < 0:
            continue
        c = competence[i]
        counts[0, b] += 1
        sums[0, b] += c
        if female[i]:
            counts[1, b] += 1
            sums[1, b] += c
        if c >= high:
            counts[2, b] += 1
        if employment[i] != 0:
            counts[3, b] += 1
            if employment[i] == 2:
                counts[4, b] += 1
        sums[2, b] += born[i]
        sums[3, b] += post_since[i]
        sums[4, b] += np.float64(fit_gap[i])
    return counts, sums
