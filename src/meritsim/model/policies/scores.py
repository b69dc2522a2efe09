"""Scores shared by several policies: the merit score and the DUK seniority order."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import Selection
from meritsim.model.rules.assessment import estimated_competence, valid
from meritsim.model.scenario.schema import MeritWeights, Scenario
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce


def merit_score(
    wf: Workforce, pool: np.ndarray | slice, scenario: Scenario, w: MeritWeights, dice: Dice,
    date: float | None = None,
) -> np.ndarray:  # fmt: skip
    """The documented merit score in [0, 1]:

    ``w_c * assessed competence / competence max + w_a * mean predikat of the record / 4 +
    w_p * assessed potential``, weights normalised to sum to 1. Assessed competence is the
    assessment centre's last valid result (latent competence + N(0, assessment.error_sd), valid
    for ``assessment.valid_years`` at ``date``) or, for those without one, a self-assessment
    (latent + optimism + noise, each person's draw from ``dice``); potential likewise the assessed
    one, else the self-view (latent potential).
    """
    comp = scenario.traits.competence
    assessed = estimated_competence(wf, pool, scenario.assessment, comp, dice, date) / comp.max
    potential = wf.assessed_potential[pool]
    potential = np.where(np.isnan(potential), wf.potential[pool], potential)
    years = scenario.rules.appraisal.record_years
    record = np.maximum(wf.skp[pool, 0], 0).astype(np.int16)  # no predikat: 0
    for year in range(1, years):
        record += np.maximum(wf.skp[pool, year], 0)
    appraisal = record / (4.0 * years)
    total = w.competence + w.appraisal + w.potential
    return (w.competence * assessed + w.appraisal * appraisal + w.potential * potential) / total


def merit_score_compiled(
    wf: Workforce, rows: np.ndarray, scenario: Scenario, w: MeritWeights, dice: Dice, date: float
) -> None:
    """:func:`merit_score` of ``rows`` into ``wf.merit``, compiled (the same numbers; the
    self-assessments' draws are numpy's)."""
    from meritsim.model.kernels.scores import merit

    cfg, comp = scenario.assessment, scenario.traits.competence
    missing = ~valid(wf, rows, date, cfg)
    noise = cfg.self_noise_sd * dice.normal(wf.key[rows[missing]], draw=30)
    total = w.competence + w.appraisal + w.potential
    merit(
        rows, missing, noise, wf.assessed_competence, wf.competence, cfg.self_optimism, comp.min,
        comp.max, wf.assessed_potential, wf.potential, wf.skp, scenario.rules.appraisal.record_years,
        w.competence, w.appraisal, w.potential, total, wf.merit,
    )  # fmt: skip


def seniority_order(sel: Selection, pool: np.ndarray) -> np.ndarray:
    """Positions of ``pool`` in DUK order (most senior first): rank, years in rank, years of
    service, age, all descending; ties go to the earlier recruit."""
    wf, d = sel.wf, sel.date
    keys = (
        -(d - wf.born[pool]),
        -(d - wf.service_since[pool]),
        -(d - wf.rank_since[pool]),
        -wf.rank[pool].astype(np.int64),
    )
    return np.lexsort(keys)
