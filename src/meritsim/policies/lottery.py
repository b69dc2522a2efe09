"""`lottery` and `random`: uniform choice among the eligible."""

from __future__ import annotations

import numpy as np

from meritsim.policies.base import Policy, Selection
from meritsim.policies.registry import register


@register
class Lottery(Policy):
    """Every eligible candidate equally likely."""

    name = "lottery"

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        return sel.rng.choice(pool, size=n, replace=False)


@register
class Random(Lottery):
    """The Peter-principle 'random' strategy (Pluchino et al. 2010): a lottery."""

    name = "random"
