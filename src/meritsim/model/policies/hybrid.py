"""`hybrid`: a weighted mix of merit and seniority (default 70 % merit, 30 % seniority)."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import ScoredPolicy, Selection, percentile
from meritsim.model.policies.registry import register
from meritsim.model.policies.scores import seniority_order


@register
class Hybrid(ScoredPolicy):
    """``share x merit percentile + (1 - share) x seniority percentile`` within the pool
    (Rajguru, Churchill & Graham 2025)."""

    name = "hybrid"

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        share = self.spec.hybrid_merit_share
        merit = percentile(sel.merit)
        senior = np.empty(pool.size)
        senior[seniority_order(sel, pool)] = np.arange(pool.size)[::-1]
        senior = senior / max(pool.size - 1, 1)
        return share * merit + (1 - share) * senior
