"""Kernels of the year's phases over everyone: exits due, in-service study, learning on the job,
the appraisal's accuracy count, who the assessment centre is due to see. Each applies its numpy
twin's tests in its order and precision; uniforms are the persons' own (``draws.uniform``)."""

from __future__ import annotations

import numpy as np
from numba import njit

from meritsim.model.kernels.draws import uniform


@njit(cache=True, nogil=True)
def exits_due(level, exit_at, until):  # pragma: no cover
    """Mask of those in service whose exit date is at or before ``until``."""
    out = np.zeros(level.size, np.bool_)
    for r in range(level.size):
        out[r] = level[r] >= 0 and exit_at[r] <= until
    return out


@njit(cache=True, nogil=True)
def studied(level, education, key, study_rate, next_degree, salt):  # pragma: no cover
    """Rows who gain their next degree this year (``phases.study``): in service at a level with a
    study rate, a degree still to gain, their own uniform below the rate."""
    out = np.zeros(level.size, np.bool_)
    for r in range(level.size):
        b = level[r]
        if b < 0:
            continue
        rate = study_rate[b]
        if rate > 0 and next_degree[education[r]] != education[r] and uniform(key[r], salt) < rate:
            out[r] = True
    return out


@njit(cache=True, nogil=True)
def learn(level, competence, potential, learning_rate, effect, top):  # pragma: no cover
    """A year of learning on the job (``training.learn_on_the_job``) for everyone in service."""
    for r in range(level.size):
        if level[r] < 0:
            continue
        growth = 1.0 if effect == 0 else 1 + effect * (2 * potential[r] - 1)
        rate = learning_rate * growth
        c = competence[r]
        competence[r] = min(c + rate * (top - c), top)


@njit(cache=True, nogil=True)
def accurate(
    rows, result, competence, integrity, r_below, r_above, b_below, b_above, matrix
):  # pragma: no cover
    """How many of ``rows``' predikat are the one their true competence and integrity deserve."""
    n = 0
    for j in range(rows.size):
        r = rows[j]
        c, i = competence[r], integrity[r]
        rr = (1 if c >= r_below else 0) + (1 if c >= r_above else 0)
        rb = (1 if i >= b_below else 0) + (1 if i >= b_above else 0)
        if matrix[rr, rb] == result[j]:
            n += 1
    return n


@njit(cache=True, nogil=True)
def assessment_due(level, assessed_at, date, frequency):  # pragma: no cover
    """Those in service (how many), and of them the rows due an assessment (never assessed, or
    ``frequency`` less 1e-9 years ago) with the date of their last one (never: -1e9)."""
    active = 0
    due = 0
    for r in range(level.size):
        if level[r] >= 0:
            active += 1
            last = assessed_at[r] if not np.isnan(assessed_at[r]) else -1e9
            if date - last >= frequency:
                due += 1
    rows = np.empty(due, np.int64)
    lasts = np.empty(due, np.float64)
    k = 0
    for r in range(level.size):
        if level[r] >= 0:
            last = assessed_at[r] if not np.isnan(assessed_at[r]) else -1e9
            if date - last >= frequency:
                rows[k] = r
                lasts[k] = last
                k += 1
    return active, rows, lasts
