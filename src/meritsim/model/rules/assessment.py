"""Competency assessment (PermenPANRB 38/2017): an assessment centre with error, frequency and a
yearly capacity; self-assessment with an optimism bias for those it has not reached."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.scenario.merit_system import Assessment
from meritsim.model.scenario.schema import TruncatedNormal
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce

ALL = slice(None)


def due(wf: Workforce, date: float, cfg: Assessment) -> np.ndarray:
    """Rows the centre assesses this year: never assessed or last assessed ``frequency_years``
    ago, oldest (never first) until the capacity (a share of staff) is used."""
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.phases import assessment_due

        active, rows, last = assessment_due(wf.level, wf.assessed_at, float(date), cfg.frequency_years - 1e-9)
        capacity = int(cfg.capacity_share * active)
    else:
        rows = where(wf.active)
        capacity = int(cfg.capacity_share * rows.size)
        last = np.nan_to_num(wf.assessed_at[rows], nan=-1e9)
        due = date - last >= cfg.frequency_years - 1e-9
        rows, last = rows[due], last[due]
    if rows.size <= capacity:
        return rows
    last += wf.key[rows] * (1e-3 / 2**32)  # ties (e.g. the never assessed) go by person, not by row
    return np.sort(rows[np.argpartition(last, capacity)[:capacity]])


def assess(
    wf: Workforce,
    rows: np.ndarray,
    date: float,
    cfg: Assessment,
    comp: TruncatedNormal,
    dice: Dice,
) -> None:
    """Measure competence, the 8 managerial levels and potential of ``rows``, with error (each
    person's own draws of this assessment)."""
    split.each(lambda part: _assess(wf, part, date, cfg, comp, dice), rows)


def _assess(
    wf: Workforce, rows: np.ndarray, date: float, cfg: Assessment, comp: TruncatedNormal, dice: Dice
) -> None:
    keys = wf.key[rows]
    error = dice.normals(keys, 2)
    wf.assessed_competence[rows] = np.clip(
        wf.competence[rows] + cfg.error_sd * error[:, 0], comp.min, comp.max
    )
    noisy = dice.normals(keys, wf.managerial.shape[1], draw=10)
    noisy *= np.float32(cfg.managerial_error_sd)
    noisy += wf.managerial[rows]
    noisy = np.clip(noisy, 1.0, 5.0)
    wf.assessed_managerial[rows] = noisy
    wf.assessed_level[rows] = noisy.mean(axis=1)
    wf.assessed_min[rows] = noisy.min(axis=1)
    potential = wf.potential[rows] + cfg.potential_error_sd * error[:, 1]
    wf.assessed_potential[rows] = np.clip(potential, 0, 1)
    wf.assessed_at[rows] = date


def valid(wf: Workforce, rows: np.ndarray | slice, date: float, cfg: Assessment) -> np.ndarray:
    """Whether each row has an assessment younger than ``valid_years``."""
    with np.errstate(invalid="ignore"):
        return date - wf.assessed_at[rows] < cfg.valid_years - 1e-9  # never assessed: nan, False


def estimated_competence(
    wf: Workforce, rows: np.ndarray | slice, cfg: Assessment, comp: TruncatedNormal, dice: Dice,
    date: float | None = None,
) -> np.ndarray:  # fmt: skip
    """Competence as the organisation knows it: the centre's result where there is a valid one
    (younger than ``valid_years`` at ``date``; any without a date), else a fresh self-assessment
    (latent + optimism + noise)."""
    known = wf.assessed_competence[rows]
    missing = np.isnan(known) if date is None else ~valid(wf, rows, date, cfg)
    if missing.any():
        own = wf.competence[rows][missing] + cfg.self_optimism
        known = known.copy()
        noise = cfg.self_noise_sd * dice.normal(wf.key[rows][missing], draw=30)
        known[missing] = np.clip(own + noise, comp.min, comp.max)
    return known


def job_fit_gap(wf: Workforce, org: Establishment, rows: np.ndarray | slice = ALL) -> np.ndarray:
    """Mean shortfall of each row's latent managerial levels below the level its post requires
    (0 = fits)."""
    required = org.required_competency.astype(np.float32)[wf.level[rows]][:, None]
    shortfall = required - wf.managerial[rows]
    np.maximum(shortfall, 0, out=shortfall)
    return shortfall.mean(axis=1)


def update_fit_gap(wf: Workforce, org: Establishment, rows: np.ndarray | slice = ALL) -> None:
    """Refresh ``wf.fit_gap`` of ``rows`` after their post or competencies changed."""
    wf.fit_gap[rows] = job_fit_gap(wf, org, rows)
