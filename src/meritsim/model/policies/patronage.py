"""`patronage`: "like and dislike": merit bent by affinity to the appointing official."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import ScoredPolicy, Selection
from meritsim.model.policies.registry import register


@register
class Patronage(ScoredPolicy):
    """Merit score plus ``patronage_strength x affinity`` (Zhang & Gaudiano 2023: a bias in
    [0, 1] added to the normalised score of favoured candidates); strength 0 is pure merit."""

    name = "patronage"
    favours_affinity = True

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        bias = self.spec.patronage_strength * sel.wf.affinity[pool]
        return sel.merit + bias
