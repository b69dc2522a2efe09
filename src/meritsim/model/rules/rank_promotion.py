"""Regular rank promotion (KP reguler, PP 99/2000 art. 6-7)."""

from __future__ import annotations

import numpy as np

from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.scenario.schema import RankPromotion
from meritsim.model.workforce import Workforce


def due_rank_promotions(wf: Workforce, org: Establishment, date: float, cfg: RankPromotion) -> np.ndarray:
    """Rows that go up one rank at ``date``: enough years in rank, a good appraisal record, and
    below the ceiling (the post's rank range, or the education ceiling for pelaksana)."""
    if not cfg.enabled:
        return np.empty(0, dtype=np.int64)
    rows = where(wf.active & (date - wf.rank_since >= cfg.min_years_in_rank - 1e-9))
    rows = rows[wf.rank[rows] < org.rank_ceiling(wf, rows)]
    return rows[wf.good_record[rows]]
