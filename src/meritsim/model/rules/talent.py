"""Talent management: the 9-box of performance x potential (PermenPANRB 3/2020; Kepka BKN 411/2025)."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.scenario.domain import BAIK, EDUCATION_GRADE
from meritsim.model.scenario.merit_system import Talent
from meritsim.model.workforce import NO_PREDIKAT, Workforce

#: BOX[performance, potential]: performance 0 below / 1 as / 2 above expectation (from the SKP:
#: Sangat Baik = above, Baik = as, lower = below); potential 0 low / 1 medium / 2 high.
BOX = np.array([[1, 3, 6], [2, 5, 8], [4, 7, 9]], dtype=np.int8)
TALENT_POOL = 7  # boxes 7, 8 and 9 form the talent pool (succession group)
QUALIFICATION = EDUCATION_GRADE / EDUCATION_GRADE.max()  # the qualification score 0-1 of each degree


def performance_axis(skp_latest: np.ndarray) -> np.ndarray:
    """0 below, 1 as, 2 above expectation from the latest predikat."""
    return np.where(skp_latest > BAIK, 2, np.where(skp_latest == BAIK, 1, 0)).astype(np.int8)


def potential_axis(wf: Workforce, rows: np.ndarray, cfg: Talent) -> np.ndarray:
    """Potential score 0-1: weighted assessed competency, potential, qualification, integrity
    (2025 scoring 40/25/20/15 by default); unassessed people score on what is known (0 otherwise)."""
    competency = (wf.assessed_level[rows] - 1) / 4
    competency[np.isnan(competency)] = 0.0
    potential = wf.assessed_potential[rows]
    potential[np.isnan(potential)] = 0.0
    competency *= cfg.competency_weight
    potential *= cfg.potential_weight
    score = np.add(competency, potential)
    known = (cfg.qualification_weight * QUALIFICATION)[wf.education[rows]]
    known += cfg.integrity_weight * wf.integrity[rows]
    score += known
    score /= cfg.competency_weight + cfg.potential_weight + cfg.qualification_weight + cfg.integrity_weight
    return score


def place(wf: Workforce, rows: np.ndarray, cfg: Talent) -> None:
    """Put each of ``rows`` into its box (needs a latest appraisal; 0 = not placed)."""
    if kernels.enabled(len(wf)):
        split.each(lambda part: _place_compiled(wf, part, cfg), rows)
    else:
        split.each(lambda part: _place(wf, part, cfg), rows)


def _place_compiled(wf: Workforce, rows: np.ndarray, cfg: Talent) -> None:
    from meritsim.model.kernels.rows import nine_box

    total = cfg.competency_weight + cfg.potential_weight + cfg.qualification_weight + cfg.integrity_weight
    nine_box(
        rows, wf.skp[:, 0], wf.assessed_level, wf.assessed_potential, wf.education, wf.integrity,
        np.float32(cfg.competency_weight), float(cfg.potential_weight),
        cfg.qualification_weight * QUALIFICATION, float(cfg.integrity_weight), total,
        float(cfg.potential_low), float(cfg.potential_high), BAIK, BOX, wf.box,
    )  # fmt: skip


def _place(wf: Workforce, rows: np.ndarray, cfg: Talent) -> None:
    latest = wf.skp[rows, 0]
    score = potential_axis(wf, rows, cfg)
    pot = (score >= cfg.potential_low).view(np.int8) + (score >= cfg.potential_high).view(np.int8)
    box = BOX[performance_axis(latest), pot]
    wf.box[rows] = np.where(latest == NO_PREDIKAT, 0, box)


def in_talent_pool(wf: Workforce, rows: np.ndarray) -> np.ndarray:
    return wf.box[rows] >= TALENT_POOL
