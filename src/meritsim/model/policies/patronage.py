"""`patronage`: "like and dislike": merit bent by affinity to the appointing official."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import Selection
from meritsim.model.policies.merit import Merit
from meritsim.model.policies.registry import register


@register
class Patronage(Merit):
    """The merit policy's score (talent pool first under ``talent.succession_first``) plus
    ``patronage_strength x affinity`` (Zhang & Gaudiano 2023: a bias in [0, 1] added to the
    normalised score of favoured candidates). At strength 0 it is the merit policy exactly: an
    official with no favourites neither bends the order nor overrides the shortlist."""

    name = "patronage"

    @property
    def favours_affinity(self) -> bool:  # type: ignore[override]
        return self.spec.patronage_strength > 0

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        return super().score(sel, pool) + self.spec.patronage_strength * sel.wf.affinity[pool]
