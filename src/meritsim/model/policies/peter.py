"""The Peter-principle strategies of Pluchino et al. (2010) on latent competence."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import Policy, ScoredPolicy, Selection, top
from meritsim.model.policies.registry import register


@register
class Best(ScoredPolicy):
    """Promote the most competent (latent competence, observed without error)."""

    name = "best"

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        return sel.wf.competence[pool]


@register
class Worst(ScoredPolicy):
    """Promote the least competent."""

    name = "worst"

    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        return -sel.wf.competence[pool]


@register
class Alternate(Policy):
    """Each promotion goes to the best with probability ``alternate_best_probability``, else to
    the worst."""

    name = "alternate"

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        coins = sel.dice.uniform(np.arange(n, dtype=np.uint32), draw=1)  # one per post
        n_best = int((coins < self.spec.alternate_best_probability).sum())
        competence = sel.wf.competence[pool]
        best = top(competence, n_best)
        rest = np.setdiff1d(np.arange(pool.size), best)
        worst = rest[top(-competence[rest], n - n_best)]
        return pool[np.concatenate([best, worst])]
