"""Kernels of what the organisation knows of each person: the merit score, and the highest rank
held in each unit's superior posts."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def merit(
    rows, missing, own_noise, assessed_competence, competence, optimism, low, high, assessed_potential,
    potential, skp, years, w_competence, w_appraisal, w_potential, total, out,
):  # pragma: no cover  # fmt: skip
    """The merit score of ``rows`` into ``out[rows]`` (``policies.scores.merit_score``): assessed
    competence (a self-assessment, competence + ``optimism`` + the k-th ``own_noise``, clipped to
    [low, high], where ``missing``) over ``high``, the record's mean predikat over 4, assessed
    potential (else latent), weighted."""
    k = 0
    for j in range(rows.size):
        r = rows[j]
        known = assessed_competence[r]
        if missing[j]:
            known = min(max(competence[r] + optimism + own_noise[k], low), high)
            k += 1
        p = assessed_potential[r]
        if np.isnan(p):
            p = potential[r]
        record = 0
        for y in range(years):
            record += max(skp[r, y], 0)
        appraisal = record / (4.0 * years)
        out[r] = (w_competence * (known / high) + w_appraisal * appraisal + w_potential * p) / total


@njit(cache=True, nogil=True)
def highest_rank_held(level, unit, rank, is_boss, units, cells):  # pragma: no cover
    """The highest rank held in each (level, unit) cell of the superior levels (-1: nobody)."""
    out = np.full(cells, -1, np.int64)
    for r in range(level.size):
        b = level[r]
        if b >= 0 and is_boss[b]:
            cell = b * units + unit[r]
            if rank[r] > out[cell]:
                out[cell] = rank[r]
    return out
