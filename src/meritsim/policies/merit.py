"""`merit`: promote the highest merit score (assessed competence, appraisal record, potential)."""

from __future__ import annotations

import numpy as np

from meritsim.policies.base import ScoredPolicy, Selection
from meritsim.policies.registry import register
from meritsim.policies.scores import merit_score


@register
class Merit(ScoredPolicy):
    """Highest merit score first (see :func:`meritsim.policies.scores.merit_score`)."""

    name = "merit"

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        return merit_score(sel, pool, self.spec.merit_weights)
