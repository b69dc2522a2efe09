"""Scores shared by several policies: the merit score and the DUK seniority order."""

from __future__ import annotations

import numpy as np

from meritsim.params.schema import MeritWeights
from meritsim.policies.base import Selection, positions
from meritsim.rules.assessment import estimated_competence
from meritsim.workforce import NO_PREDIKAT


def merit_score(sel: Selection, pool: np.ndarray, w: MeritWeights) -> np.ndarray:
    """The documented merit score in [0, 1]:

    ``w_c * assessed competence / competence max + w_a * mean predikat of the record / 4 +
    w_p * assessed potential``, weights normalised to sum to 1. Assessed competence is the
    assessment centre's last result (latent competence + N(0, assessment.error_sd)) or, for those
    never assessed, a self-assessment (latent + optimism + noise); potential likewise the assessed
    one, else the self-view (latent potential).
    """
    if sel.merit_cache is not None and sel.merit_cache[1] == w:
        cached_rows, _, cached = sel.merit_cache
        pos = positions(cached_rows, pool)
        if (pos >= 0).all():
            return cached[pos]
    s = sel.scenario
    comp = s.traits.competence
    assessed = estimated_competence(sel.wf, pool, s.assessment, comp, sel.assessment_rng) / comp.max
    potential = sel.wf.assessed_potential[pool]
    potential = np.where(np.isnan(potential), sel.wf.potential[pool], potential)
    years = s.rules.appraisal.record_years
    record = sel.wf.skp[pool, :years].astype(np.float64)
    record[record == NO_PREDIKAT] = 0.0
    appraisal = record.mean(axis=1) / 4.0
    total = w.competence + w.appraisal + w.potential
    return (w.competence * assessed + w.appraisal * appraisal + w.potential * potential) / total


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
