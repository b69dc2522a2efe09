"""`patronage`: "like and dislike": merit bent by affinity to the appointing official."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import ScoredPolicy, Selection
from meritsim.model.policies.registry import register


@register
class Patronage(ScoredPolicy):
    """The merit score plus ``patronage_strength x affinity`` (Zhang & Gaudiano 2023: a bias in
    [0, 1] added to the normalised score of favoured candidates). An official who bends the order
    by affinity ignores the succession list (``talent.succession_first`` is the merit policy's
    own); at strength 0 patronage is the merit policy without that list: an official with no
    favourites neither bends the order nor overrides the committee's shortlist."""

    name = "patronage"

    @property
    def favours_affinity(self) -> bool:  # type: ignore[override]
        return self.spec.patronage_strength > 0

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        return sel.merit + self.spec.patronage_strength * sel.wf.affinity[pool]
