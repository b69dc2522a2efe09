"""Scores shared by several policies: the merit score and the DUK seniority order."""

from __future__ import annotations

import numpy as np

from meritsim.params.schema import MeritWeights
from meritsim.policies.base import Selection
from meritsim.workforce import NO_PREDIKAT


def merit_score(sel: Selection, pool: np.ndarray, w: MeritWeights) -> np.ndarray:
    """The documented merit score in [0, 1]:

    ``w_c * assessed competence / competence max + w_a * mean predikat of the record / 4 +
    w_p * potential``, weights normalised to sum to 1. Assessed competence is latent competence
    plus a fresh N(0, assessment.error_sd) measurement error, clipped to the competence range.
    """
    s = sel.scenario
    comp = s.traits.competence
    assessed = sel.wf.competence[pool] + sel.assessment_rng.normal(0.0, s.assessment.error_sd, pool.size)
    assessed = np.clip(assessed, comp.min, comp.max) / comp.max
    years = s.rules.appraisal.record_years
    record = sel.wf.skp[pool, :years].astype(np.float64)
    record[record == NO_PREDIKAT] = 0.0
    appraisal = record.mean(axis=1) / 4.0
    total = w.competence + w.appraisal + w.potential
    return (w.competence * assessed + w.appraisal * appraisal + w.potential * sel.wf.potential[pool]) / total


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
