"""Kernels that pick or group rows: who is eligible for a level, who is due a rank promotion,
everyone's rows by level, and the 9-box. Each reads a row's columns once and applies the numpy
twin's tests in its order and precision."""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True, nogil=True)
def qualified(
    rows, rank, employment, post_since, good_record, level, interest, credits, born, education,
    min_rank, pns_only, years_test, min_years, date, track_test, tracks_code, credit_test, to_rise,
    retirement_age, age_test, max_age, min_grade, grade, source_test, is_source,
):  # pragma: no cover  # fmt: skip
    """Mask of ``rows`` meeting a level's requirements (``Establishment._qualified``): rank,
    PNS only, years in the source level, record, track or credits, the post's BUP and age limit,
    education (``min_grade`` < 0: none); each ``*_test`` says whether that test applies (the
    first: whether the row is still in a source level, ``is_source[level]``)."""
    ok = np.zeros(rows.size, np.bool_)
    for j in range(rows.size):
        r = rows[j]
        if source_test and (level[r] < 0 or not is_source[level[r]]):
            continue
        if rank[r] < min_rank or (pns_only and employment[r] != 0):
            continue
        if years_test and not (date - post_since[r] >= min_years):
            continue
        if not good_record[r]:
            continue
        if track_test and not (tracks_code[level[r]] == 0 or interest[r]):
            continue
        if credit_test and not (credits[r] >= to_rise[level[r]]):
            continue
        age = date - born[r]
        if not (age < retirement_age) or (age_test and not (age <= max_age)):
            continue
        if min_grade >= 0 and not (grade[education[r]] >= min_grade):
            continue
        ok[j] = True
    return ok


@njit(cache=True, nogil=True)
def due_rank(
    level, rank, rank_since, good_record, employment, education, unit, date, min_years, max_rank,
    ceiling_by_education, pns_only, supervisor, units, highest, top,
):  # pragma: no cover  # fmt: skip
    """Mask of everyone due a regular rank promotion (``due_rank_promotions``): in service,
    ``min_years`` (less 1e-9) in rank, below the post's (or education's) ceiling, a good record,
    PNS, below the highest rank held by a direct superior in the unit (``top``: no superior)."""
    ok = np.zeros(level.size, np.bool_)
    for r in range(level.size):
        b = level[r]
        if b < 0 or not (date - rank_since[r] >= min_years):
            continue
        ceiling = max_rank[b]
        if ceiling < 0:
            ceiling = ceiling_by_education[education[r]]
        if not (rank[r] < ceiling) or not good_record[r] or (pns_only and employment[r] != 0):
            continue
        boss = supervisor[b]
        cap = top
        if boss >= 0:
            held = highest[boss * units + unit[r]]
            if held >= 0:
                cap = held
        ok[r] = rank[r] < cap
    return ok


@njit(cache=True, nogil=True)
def grouped(keys, n):  # pragma: no cover
    """Positions ordered by their key 0 .. n-1 (stably; negative keys left out) and each key's
    bounds in that order, as a stable sort would give (a counting sort)."""
    bounds = np.zeros(n + 1, np.int64)
    for i in range(keys.size):
        if keys[i] >= 0:
            bounds[keys[i] + 1] += 1
    for k in range(n):
        bounds[k + 1] += bounds[k]
    place = bounds[:-1].copy()
    order = np.empty(bounds[n], np.int64)
    for i in range(keys.size):
        k = keys[i]
        if k >= 0:
            order[place[k]] = i
            place[k] += 1
    return order, bounds


@njit(cache=True, nogil=True)
def group_by_level(level, n):  # pragma: no cover
    """Everyone's rows ordered by level (leavers, level -1, left out) and each level's bounds."""
    return grouped(level, n)


@njit(cache=True, nogil=True)
def nine_box(
    rows, latest, assessed_level, assessed_potential, education, integrity, competency_weight,
    potential_weight, qualification, integrity_weight, total, low, high, baik, box_table, out,
):  # pragma: no cover  # fmt: skip
    """Each row's 9-box into ``out`` (``talent.place``): the potential score (assessed competency
    in float32 x its weight, + assessed potential x its weight, + qualification + integrity x
    its weight, over the weights' total; unassessed parts 0) in low / medium / high, against the
    latest predikat (0: none yet)."""
    for j in range(rows.size):
        r = rows[j]
        competency = (assessed_level[r] - np.float32(1)) / np.float32(4)
        if np.isnan(competency):
            competency = np.float32(0)
        potential = assessed_potential[r]
        if np.isnan(potential):
            potential = 0.0
        score = np.float64(competency * competency_weight) + potential * potential_weight
        score = (score + (qualification[education[r]] + integrity_weight * integrity[r])) / total
        p = latest[r]
        if p < 0:
            out[r] = 0
            continue
        performance = 2 if p > baik else (1 if p == baik else 0)
        axis = (1 if score >= low else 0) + (1 if score >= high else 0)
        out[r] = box_table[performance, axis]


@njit(cache=True, nogil=True)
def compact(buffer, kept):  # pragma: no cover
    """Rows ``kept`` (increasing, so ``kept[i] >= i``) moved to the front of ``buffer``, in order."""
    for i in range(kept.size):
        buffer[i] = buffer[kept[i]]


@njit(cache=True, nogil=True)
def compact_rows(buffer, kept):  # pragma: no cover
    """:func:`compact` of a table (one row per person, several columns)."""
    for i in range(kept.size):
        for j in range(buffer.shape[1]):
            buffer[i, j] = buffer[kept[i], j]
