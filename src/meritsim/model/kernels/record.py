"""Kernels of the year-end observation: per-level sums and counts in one pass over everyone."""

from __future__ import annotations

import numpy as np
from numba import njit

from meritsim.model.kernels.rows import grouped


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


@njit(cache=True, nogil=True)
def close_records(
    rows, result, skp, poor_streak, dismissal, poor_level, good_record, min_predikat, record_years,
    level, credits, earn, credits_per_year, conversion,
):  # pragma: no cover  # fmt: skip
    """This year's predikat ``result`` of ``rows`` closes their record (``phases.close_records``):
    pushed into the SKP history, the streak of poor ones counted (``dismissal``: at or below
    ``poor_level``), whether the record now meets ``min_predikat`` (< 0: always), and (``earn``)
    the year's credit points at their level by predikat. Returns each row's streak."""
    streaks = np.zeros(rows.size, np.int8)
    history = skp.shape[1]
    for j in range(rows.size):
        r = rows[j]
        p = result[j]
        for y in range(history - 1, 0, -1):
            skp[r, y] = skp[r, y - 1]
        skp[r, 0] = p
        if dismissal:
            streak = np.int8(poor_streak[r] + np.int8(1)) if p <= poor_level else np.int8(0)
            poor_streak[r] = streak
            streaks[j] = streak
        ok = True
        if min_predikat >= 0:
            for y in range(record_years):
                if skp[r, y] < min_predikat:
                    ok = False
        good_record[r] = ok
        if earn:
            credits[r] += credits_per_year[level[r]] * conversion[p]
    return streaks


@njit(cache=True, nogil=True)
def service_counts(
    level, n, rank, n_ranks, born, date, oldest, box, unit, units, irregular, assessed_at, valid_for,
    competence, motivation, demotivation, performance_effect, employment, part_time, effort, pool_from,
):  # pragma: no cover  # fmt: skip
    """``tallies.service_counts`` in one pass: heads by rank, age, box and unit; per level,
    talent-pool and irregular holders and the competence put to work; valid assessments."""
    ranks = np.zeros(n_ranks, np.int64)
    at_age = np.zeros(oldest + 1, np.int64)
    boxes = np.zeros(10, np.int64)
    per_unit = np.zeros(units, np.int64)
    pool = np.zeros(n, np.int64)
    irregulars = np.zeros(n, np.int64)
    working = np.zeros(n, np.float64)
    valid = 0
    for r in range(level.size):
        b = level[r]
        if b < 0:
            continue
        ranks[rank[r]] += 1
        age = np.int64(np.floor(date - born[r]))
        at_age[min(max(age, 0), oldest)] += 1
        boxes[box[r]] += 1
        per_unit[unit[r]] += 1
        if box[r] >= pool_from:
            pool[b] += 1
        if irregular[r]:
            irregulars[b] += 1
        if date - assessed_at[r] < valid_for:
            valid += 1
        w = competence[r]
        if demotivation:
            w = competence[r] * (1 - performance_effect * (1 - motivation[r]))
        if part_time:
            w = w * (effort if employment[r] == 2 else 1.0)
        working[b] += w
    return ranks, at_age, boxes, per_unit, pool, irregulars, working, valid


@njit(cache=True, nogil=True)
def sangat_baik_over_cap(result, results, unit, units, cap, sangat_baik):  # pragma: no cover
    """Positions whose Sangat Baik is over their unit's cap (``appraisal.cap_sangat_baik``): per
    unit, the Sangat Baik beyond ceil(cap x the unit's appraisals - 1e-9), lowest observed
    results first (ties: the later position), as a stable sort by (unit, -results) gives."""
    appraised = np.zeros(units, np.int64)
    for j in range(result.size):
        appraised[unit[j]] += 1
    by_unit, top = grouped(np.where(result == sangat_baik, unit, -1), units)
    over = []
    for u in range(units):
        allowed = np.int64(np.ceil(cap * appraised[u] - 1e-9))
        group = by_unit[top[u] : top[u + 1]]
        if group.size <= allowed:
            continue
        order = np.argsort(-results[group], kind="mergesort")
        for k in range(allowed, group.size):
            over.append(group[order[k]])
    return np.array(over, dtype=np.int64)
