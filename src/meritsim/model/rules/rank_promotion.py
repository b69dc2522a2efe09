"""Regular rank promotion (KP reguler, PP 99/2000 art. 6-7)."""

from __future__ import annotations

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.scenario.domain import CEILING_BY_EDUCATION, RANKS
from meritsim.model.scenario.schema import RankPromotion
from meritsim.model.workforce import PNS, Workforce


def due_rank_promotions(wf: Workforce, org: Establishment, date: float, cfg: RankPromotion) -> np.ndarray:
    """Rows that go up one rank at ``date``: enough years in rank, a good appraisal record, below
    the ceiling (the post's rank range, or the education ceiling for pelaksana) and below their
    direct superiors' rank. PPPK have no rank promotion: they keep their grade."""
    if not cfg.enabled:
        return np.empty(0, dtype=np.int64)
    held = highest_held(wf, org)
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.rows import due_rank

        highest = np.zeros(0, np.int64) if held is None else held

        def due_in(s: slice) -> np.ndarray:
            return due_rank(
                wf.level[s], wf.rank[s], wf.rank_since[s], wf.good_record[s], wf.employment[s],
                wf.education[s], wf.unit[s], float(date), cfg.min_years_in_rank - 1e-9, org.max_rank,
                CEILING_BY_EDUCATION, bool(org.pppk), org.supervisor, int(org.units), highest, len(RANKS),
            )  # fmt: skip

        return where(split.joined_spans(due_in, len(wf)))
    rows = where(wf.active & (date - wf.rank_since >= cfg.min_years_in_rank - 1e-9))

    def due(rows: np.ndarray) -> np.ndarray:
        rows = rows[wf.rank[rows] < org.rank_ceiling(wf, rows)]
        rows = rows[wf.good_record[rows]]
        if org.pppk:
            rows = rows[wf.employment[rows] == PNS]
        return rows[wf.rank[rows] < superiors_rank(wf, org, rows, held)]

    return split.joined(due, rows)


def highest_held(wf: Workforce, org: Establishment) -> np.ndarray | None:
    """The highest rank held in each (superior level, unit): ``[level * units + unit]``, -1 where
    nobody holds it; None when no level has a superior level."""
    superiors = org.supervisor[org.supervisor >= 0]
    if superiors.size == 0:
        return None
    is_boss = np.zeros(org.n_levels + 1, bool)  # the extra slot: LEFT (-1), never a superior
    is_boss[superiors] = True
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.scores import highest_rank_held

        return highest_rank_held(
            wf.level, wf.unit, wf.rank, is_boss, int(org.units), org.n_levels * org.units
        )
    act = where(is_boss[wf.level])
    held_by = np.zeros((org.n_levels * org.units, len(RANKS)), bool)  # (level, unit) x rank held
    held_by[wf.level[act] * org.units + wf.unit[act], wf.rank[act]] = True  # (no ufunc.at: slow)
    return np.where(held_by.any(axis=1), len(RANKS) - 1 - held_by[:, ::-1].argmax(axis=1), -1)


def superiors_rank(
    wf: Workforce, org: Establishment, rows: np.ndarray, highest: np.ndarray | None = None
) -> np.ndarray:
    """The highest rank held by each row's direct superiors in their unit (PP 99/2000: nobody is
    promoted above it); no cap (the top rank + 1) without a superior level or holder.
    ``highest``: :func:`highest_held`, if known."""
    cap = np.full(rows.size, len(RANKS), np.int64)
    boss = org.supervisor[wf.level[rows]]
    if (boss < 0).all():
        return cap
    if highest is None:
        highest = highest_held(wf, org)
        assert highest is not None, "a row has a superior level"
    has = boss >= 0
    held = highest[boss[has] * org.units + wf.unit[rows[has]]]
    cap[has] = np.where(held >= 0, held, len(RANKS))
    return cap
