"""Development: training (diklat) assigned by assessed gap within a budget and the training
centre's seats, and learning on the job; both with diminishing returns."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.establishment import Establishment
from meritsim.model.ranking import top, where
from meritsim.model.scenario.merit_system import COMPETENCIES, Training
from meritsim.model.scenario.schema import TruncatedNormal
from meritsim.model.workforce import Workforce


def participants(cfg: Training, scale: float) -> int:
    """People trained per year: the seats or what the budget pays for, whichever is fewer."""
    seats = round(cfg.seats * scale)
    affordable = int(cfg.budget_million_rp * scale // cfg.cost_million_rp)
    return max(min(seats, affordable), 0)


def growth(wf: Workforce, rows: np.ndarray | slice, potential_effect: float) -> np.ndarray | float:
    """How fast competence grows, by potential: ``1 + e x (2 potential - 1)``."""
    if potential_effect == 0:
        return 1.0
    return 1 + potential_effect * (2 * wf.potential[rows] - 1)


def assessed_gap(wf: Workforce, org: Establishment, cfg: Training) -> np.ndarray:
    """Each row's largest assessed shortfall below its post's required level among the offered
    courses (nan where never assessed)."""
    offered = np.array(sorted({COMPETENCIES.index(c) for c in cfg.catalogue}))
    required = org.required_competency.astype(np.float32)[wf.level]
    if offered.size == len(COMPETENCIES):  # every course offered: the lowest assessed level decides
        return required - wf.assessed_min
    return (required[:, None] - wf.assessed_managerial[:, offered]).max(axis=1)


def with_gap(wf: Workforce, org: Establishment, cfg: Training) -> int:
    """How many in service have an assessed gap to their post's required level."""
    return int(np.count_nonzero(wf.active & (assessed_gap(wf, org, cfg) > 0)))


def train(
    wf: Workforce, org: Establishment, cfg: Training, scale: float, comp: TruncatedNormal,
    potential_effect: float = 0.0,
) -> np.ndarray:  # fmt: skip
    """Train the people with the largest assessed gap to their post's required level (assessed
    people only), each in their weakest competency; competence gains grow with potential
    (:func:`growth`); returns the trained rows."""
    offered = np.array(sorted({COMPETENCIES.index(c) for c in cfg.catalogue}))
    required = org.required_competency.astype(np.float32)[wf.level]
    gap = assessed_gap(wf, org, cfg)
    rows = where(wf.active & (gap > 0))  # nan (never assessed) is no gap
    rows = rows[top(gap[rows], participants(cfg, scale))]
    shortfall = required[rows, None] - wf.assessed_managerial[rows][:, offered]
    weakest = offered[shortfall.argmax(axis=1)]
    m = wf.managerial[rows, weakest]
    wf.managerial[rows, weakest] = np.minimum(m + cfg.managerial_gain * (5 - m) / 4, 5.0)
    span = max(comp.max - comp.min, 1e-9)
    c = wf.competence[rows]
    gain = cfg.competence_gain * growth(wf, rows, potential_effect) * (comp.max - c) / span
    wf.competence[rows] = np.minimum(c + gain, comp.max)
    return rows


def learn_on_the_job(
    wf: Workforce, cfg: Training, comp: TruncatedNormal, potential_effect: float = 0.0
) -> None:
    """A year at work closes ``on_job_learning`` (times :func:`growth` by potential) of each
    person's gap to the maximum competence."""
    if cfg.on_job_learning <= 0:
        return
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.phases import learn as compiled

        effect = float(potential_effect)
        split.each_span(
            lambda s: compiled(
                wf.level[s], wf.competence[s], wf.potential[s], cfg.on_job_learning, effect, comp.max
            ),
            len(wf),
        )
        return

    def learn(act: np.ndarray) -> None:
        rate = cfg.on_job_learning * growth(wf, act, potential_effect)
        wf.competence[act] = np.minimum(wf.competence[act] + rate * (comp.max - wf.competence[act]), comp.max)

    split.each(learn, where(wf.active))
