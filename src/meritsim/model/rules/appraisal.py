"""Yearly SKP appraisal (PermenPANRB 6/2022): results x behaviour -> predikat."""

from __future__ import annotations

import numpy as np

from meritsim.model.domain import PREDIKAT_INDEX, PREDIKAT_MATRIX
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


def appraise(
    wf: Workforce, rows: np.ndarray, cfg: Appraisal, dice: Dice, favouritism: float | None = None
) -> np.ndarray:
    """Observe results (competence + noise, bent by the supervisor's favouritism: + favouritism x
    4 x (affinity - 0.5)) and behaviour (integrity + noise) of ``rows``; the noise is each person's
    own draw of this year's appraisal. ``favouritism`` defaults to ``cfg.favouritism``."""
    noise = dice.normals(wf.key[rows], 2)
    results = wf.competence[rows] + cfg.results_noise_sd * noise[:, 0]
    bent = cfg.favouritism if favouritism is None else favouritism
    if bent:
        results += bent * 4 * (wf.affinity[rows] - 0.5)
    behaviour = wf.integrity[rows] + cfg.behaviour_noise_sd * noise[:, 1]
    return predikat(
        rate(results, cfg.results_below, cfg.results_above),
        rate(behaviour, cfg.behaviour_below, cfg.behaviour_above),
    )


def accurate(wf: Workforce, rows: np.ndarray, result: np.ndarray, cfg: Appraisal) -> int:
    """How many of ``rows``' predikat ``result`` are the one their true competence and integrity
    deserve (what the appraisal would give without noise and favouritism)."""
    truth = predikat(
        rate(wf.competence[rows], cfg.results_below, cfg.results_above),
        rate(wf.integrity[rows], cfg.behaviour_below, cfg.behaviour_above),
    )
    return int(np.count_nonzero(truth == result))


def record(wf: Workforce, rows: np.ndarray, result: np.ndarray, exits: Exits) -> np.ndarray:
    """Push this year's predikat into the history; return the rows now due for dismissal."""
    wf.skp[rows, 1:] = wf.skp[rows, :-1]
    wf.skp[rows, 0] = result
    if exits.dismissal_predikat is None:
        return rows[:0]
    poor = result <= PREDIKAT_INDEX[exits.dismissal_predikat]
    streak = np.where(poor, wf.poor_streak[rows] + 1, 0).astype(np.int8)
    wf.poor_streak[rows] = streak
    return rows[streak >= exits.dismissal_years]
