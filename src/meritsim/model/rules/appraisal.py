"""Yearly SKP appraisal (PermenPANRB 6/2022): results x behaviour -> predikat."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.ranking import where
from meritsim.model.scenario.domain import BAIK, PREDIKAT_INDEX, PREDIKAT_MATRIX
from meritsim.model.scenario.schema import Appraisal, Exits
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce


def rate(observed: np.ndarray, below: float, above: float) -> np.ndarray:
    """Rating 0 below / 1 as expected / 2 above expectation of an observed score (below <= above)."""
    out = (observed >= below).view(np.int8) + (observed >= above).view(np.int8)  # 0, 1 or 2
    return out


def predikat(results: np.ndarray, behaviour: np.ndarray) -> np.ndarray:
    """The predikat index of each (results rating, behaviour rating) pair."""
    return PREDIKAT_MATRIX[results, behaviour]


#: Most Sangat Baik a unit may give, by the organisation's predikat (SE MenPANRB; Baik: at most 70 %
#: may be Baik and some must be below, so 30 % is taken as the room left: an assumption).
SANGAT_BAIK_CAP = {"Istimewa": 0.7, "Baik": 0.3, "Butuh Perbaikan": 0.1, "Kurang": 0.1, "Sangat Kurang": 0.0}
SANGAT_BAIK = PREDIKAT_INDEX["Sangat Baik"]


def appraise(
    wf: Workforce, rows: np.ndarray, cfg: Appraisal, dice: Dice, favouritism: float | None = None
) -> np.ndarray:
    """Observe results (competence + noise, bent by the supervisor's favouritism: + favouritism x
    4 x (affinity - 0.5)) and behaviour (integrity + noise) of ``rows``; the noise is each person's
    own draw of this year's appraisal. ``favouritism`` defaults to ``cfg.favouritism``. In each
    unit, Sangat Baik beyond the cap of the organisation's predikat go, lowest results first, to
    Baik."""
    bent = cfg.favouritism if favouritism is None else favouritism

    def observed(part: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        noise = dice.normals(wf.key[part], 2)
        results = wf.competence[part] + cfg.results_noise_sd * noise[:, 0]
        if bent:
            results += bent * 4 * (wf.affinity[part] - 0.5)
        behaviour = wf.integrity[part] + cfg.behaviour_noise_sd * noise[:, 1]
        out = predikat(
            rate(results, cfg.results_below, cfg.results_above),
            rate(behaviour, cfg.behaviour_below, cfg.behaviour_above),
        )
        return out, results

    parts = split.each(observed, rows)
    out, results = (np.concatenate(p) if len(parts) > 1 else p[0] for p in zip(*parts, strict=True))
    return cap_sangat_baik(out, results, wf.unit[rows], SANGAT_BAIK_CAP[cfg.organisation_predikat])


def cap_sangat_baik(result: np.ndarray, results: np.ndarray, unit: np.ndarray, cap: float) -> np.ndarray:
    """``result`` with at most ``cap`` of each unit's appraisals at Sangat Baik: the excess, those
    with the lowest observed results, get Baik (a unit of one may give one)."""
    if kernels.enabled(result.size):
        from meritsim.model.kernels.record import sangat_baik_over_cap

        result[sangat_baik_over_cap(result, results, unit, int(unit.max()) + 1, cap, SANGAT_BAIK)] = BAIK
        return result
    top = where(result == SANGAT_BAIK)
    if top.size == 0:
        return result
    allowed = np.ceil(cap * np.bincount(unit, minlength=unit.max() + 1) - 1e-9).astype(np.int64)
    order = top[np.lexsort((-results[top], unit[top]))]  # by unit, best results first
    units = unit[order]
    first = np.searchsorted(units, units)  # position of each unit's first Sangat Baik
    place = np.arange(order.size) - first
    result[order[place >= allowed[units]]] = BAIK
    return result


def accurate(wf: Workforce, rows: np.ndarray, result: np.ndarray, cfg: Appraisal) -> int:
    """How many of ``rows``' predikat ``result`` are the one their true competence and integrity
    deserve (what the appraisal would give without noise and favouritism)."""
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.phases import accurate as count

        below, above = cfg.results_below, cfg.results_above
        return int(count(rows, result, wf.competence, wf.integrity, below, above, cfg.behaviour_below,
                         cfg.behaviour_above, PREDIKAT_MATRIX))  # fmt: skip
    truth = predikat(
        rate(wf.competence[rows], cfg.results_below, cfg.results_above),
        rate(wf.integrity[rows], cfg.behaviour_below, cfg.behaviour_above),
    )
    return int(np.count_nonzero(truth == result))


def push(history: np.ndarray, rows: np.ndarray, latest: np.ndarray) -> None:
    """Shift ``rows``' history one column to the right and put ``latest`` in column 0. (The whole
    table moves by one cell, then the other rows are put back: for most rows, many times quicker
    than moving a block of rows.)"""
    if not history.flags.c_contiguous or 2 * rows.size < len(history):
        history[rows, 1:] = history[rows, :-1]
    else:
        others = np.ones(len(history), bool)
        others[rows] = False
        others = where(others)
        saved = history[others]
        flat = history.reshape(-1)
        flat[1:] = flat[:-1].copy()
        history[others] = saved
    history[rows, 0] = latest


def record(wf: Workforce, rows: np.ndarray, result: np.ndarray, exits: Exits) -> np.ndarray:
    """Push this year's predikat into the history; return the rows now due for dismissal."""
    push(wf.skp, rows, result)
    if exits.dismissal_predikat is None:
        return rows[:0]
    poor = result <= PREDIKAT_INDEX[exits.dismissal_predikat]
    streak = np.where(poor, wf.poor_streak[rows] + 1, 0).astype(np.int8)
    wf.poor_streak[rows] = streak
    return rows[streak >= exits.dismissal_years]
