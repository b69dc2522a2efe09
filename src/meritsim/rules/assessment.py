"""Competency assessment (PermenPANRB 38/2017): an assessment centre with error, frequency and a
yearly capacity; self-assessment with an optimism bias for those it has not reached."""

from __future__ import annotations

import numpy as np

from meritsim.organisation import Organisation
from meritsim.params.merit_system import Assessment
from meritsim.params.schema import TruncatedNormal
from meritsim.workforce import Workforce


def due(wf: Workforce, date: float, cfg: Assessment) -> np.ndarray:
    """Rows the centre assesses this year: never assessed or last assessed ``frequency_years``
    ago, oldest (never first) until the capacity (a share of staff) is used."""
    rows = np.flatnonzero(wf.active)
    capacity = int(cfg.capacity_share * rows.size)
    last = np.nan_to_num(wf.assessed_at[rows], nan=-np.inf)
    due = date - last >= cfg.frequency_years - 1e-9
    rows, last = rows[due], last[due]
    return rows[np.argsort(last, kind="stable")[:capacity]]


def assess(
    wf: Workforce,
    rows: np.ndarray,
    date: float,
    cfg: Assessment,
    comp: TruncatedNormal,
    rng: np.random.Generator,
) -> None:
    """Measure competence, the 8 managerial levels and potential of ``rows``, with error."""
    n = rows.size
    wf.assessed_competence[rows] = np.clip(
        wf.competence[rows] + rng.normal(0, cfg.error_sd, n), comp.min, comp.max
    )
    noisy = rng.standard_normal((n, wf.managerial.shape[1]), dtype=np.float32)
    noisy *= cfg.managerial_error_sd
    noisy += wf.managerial[rows]
    wf.assessed_managerial[rows] = np.clip(noisy, 1.0, 5.0, out=noisy)
    wf.assessed_potential[rows] = np.clip(wf.potential[rows] + rng.normal(0, cfg.potential_error_sd, n), 0, 1)
    wf.assessed_at[rows] = date


def estimated_competence(
    wf: Workforce, rows: np.ndarray, cfg: Assessment, comp: TruncatedNormal, rng: np.random.Generator
) -> np.ndarray:
    """Competence as the organisation knows it: the centre's result where there is one, else a
    fresh self-assessment (latent + optimism + noise)."""
    known = wf.assessed_competence[rows]
    missing = np.isnan(known)
    if missing.any():
        own = wf.competence[rows[missing]] + cfg.self_optimism
        known = known.copy()
        known[missing] = np.clip(own + rng.normal(0, cfg.self_noise_sd, missing.sum()), comp.min, comp.max)
    return known


def job_fit_gap(wf: Workforce, org: Organisation, assessed: bool = False) -> np.ndarray:
    """Mean shortfall of every row's managerial levels below the level its post requires (0 = fits;
    rows that have left get their last post's value); with ``assessed``, from the last assessment
    (nan where never assessed)."""
    levels = wf.assessed_managerial if assessed else wf.managerial
    required = org.required_competency.astype(np.float32)[wf.level][:, None]
    shortfall = required - levels
    np.maximum(shortfall, 0, out=shortfall)
    return shortfall.mean(axis=1)
