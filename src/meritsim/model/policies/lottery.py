"""`lottery` and `random`: uniform choice among the eligible."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import Policy, Selection
from meritsim.model.policies.registry import register


@register
class Lottery(Policy):
    """Every eligible candidate equally likely: the lowest lottery tickets win (each candidate
    draws their own ticket on this occasion)."""

    name = "lottery"

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        return pool[sel.dice.order(sel.wf.key[pool])[:n]]


@register
class Random(Lottery):
    """The Peter-principle 'random' strategy (Pluchino et al. 2010): a lottery."""

    name = "random"
