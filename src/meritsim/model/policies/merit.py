"""`merit`: promote the highest merit score (assessed competence, appraisal record, potential)."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import ScoredPolicy, Selection
from meritsim.model.policies.registry import register
from meritsim.model.rules.talent import TALENT_POOL


@register
class Merit(ScoredPolicy):
    """Highest merit score first (see :func:`meritsim.model.policies.scores.merit_score`), members of
    the talent pool (9-box 7-9, the succession list) before everyone else when
    ``talent.succession_first``."""

    name = "merit"

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        score = sel.merit
        if sel.scenario.talent.succession_first:
            score = score + (sel.wf.box[pool] >= TALENT_POOL)  # scores lie in [0, 1]
        return score
