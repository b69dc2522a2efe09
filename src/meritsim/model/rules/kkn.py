"""Integrity and KKN: bribes for posts, their detection and sanction, and the demotivation of
high performers who are passed over."""

from __future__ import annotations

import numpy as np

from meritsim.model.ranking import where
from meritsim.model.scenario.merit_system import Kkn
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce


def bought(
    wf: Workforce, pool: np.ndarray, n: int, cfg: Kkn, dice: Dice, deterrence: float = 0.0
) -> np.ndarray:
    """Positions in ``pool`` of the candidates who buy one of ``n`` posts: low integrity, an offer,
    and an official who accepts (less often under enforcement, and x (1 - ``deterrence``) when a
    supervisor watches); at most ``n``, in random order."""
    p = cfg.attempt_probability * cfg.acceptance_probability * (1 - cfg.enforcement)
    if deterrence:
        p *= 1 - deterrence
    if n <= 0 or pool.size == 0 or p == 0:
        return np.empty(0, dtype=np.int64)
    tempted = where(wf.integrity[pool] < cfg.integrity_threshold)
    if tempted.size == 0:
        return tempted
    u = dice.uniform(wf.key[pool[tempted]])
    offer = where(u < p)
    return tempted[offer[np.argsort(u[offer], kind="stable")]][:n]  # uniform below p: a random order


def detected(wf: Workforce, cfg: Kkn, dice: Dice) -> np.ndarray:
    """Irregular post holders found out this year (chance: detection x enforcement)."""
    rows = where(wf.active & wf.irregular)
    return rows[dice.uniform(wf.key[rows]) < cfg.detection_probability * cfg.enforcement]


def pass_over(wf: Workforce, rows: np.ndarray, cfg: Kkn) -> None:
    """High performers who should have been promoted and were not lose motivation."""
    wf.motivation[rows] = np.maximum(wf.motivation[rows] - cfg.motivation_loss, 0.0)


def working_competence(
    wf: Workforce, rows: np.ndarray | slice, cfg: Kkn, demotivation: bool = True
) -> np.ndarray:
    """Competence put to work: less when motivation is low (unless demotivation is switched off)."""
    if not demotivation:
        return wf.competence[rows]
    return wf.competence[rows] * (1 - cfg.performance_effect * (1 - wf.motivation[rows]))


def demotivated_quits(wf: Workforce, date: float, cfg: Kkn, dice: Dice) -> None:
    """Extra quits within the coming year of the demotivated; then motivation recovers a little."""
    rows = where(wf.active & (wf.motivation < 1))
    if rows.size:
        hazard = cfg.demotivated_attrition * (1 - wf.motivation[rows])
        keys = wf.key[rows]
        quits = dice.uniform(keys) < 1 - np.exp(-hazard)
        when = date + dice.uniform(keys, draw=1)
        leaving = rows[quits]
        wf.quit_at[leaving] = np.minimum(wf.quit_at[leaving], when[quits])
        wf.exit_at[leaving] = np.minimum(wf.exit_at[leaving], wf.quit_at[leaving])  # exits read exit_at
        wf.motivation[rows] = np.minimum(wf.motivation[rows] + cfg.motivation_recovery, 1.0)
