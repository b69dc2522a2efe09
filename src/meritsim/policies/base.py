"""What a promotion policy is: given the eligible pool for a level, choose who is promoted."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from meritsim.params.schema import PolicySpec, Scenario
from meritsim.workforce import Workforce


@dataclass
class Selection:
    """The situation of one selection: the workforce, the date and the level being filled."""

    wf: Workforce
    date: float
    level: int
    scenario: Scenario
    rng: np.random.Generator  # the policy's own stream (lotteries, coin flips)
    assessment_rng: np.random.Generator  # measurement error of assessments


class Policy(ABC):
    """A promotion policy. Subclass, set ``name``, implement :meth:`choose` (or :meth:`score`),
    and decorate with :func:`meritsim.policies.register`."""

    name: ClassVar[str] = ""

    def __init__(self, spec: PolicySpec):
        self.spec = spec

    @abstractmethod
    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        """Return ``n`` distinct rows of ``pool`` (``n <= pool.size``) to promote."""


class ScoredPolicy(Policy):
    """A policy that promotes the highest scores (ties: earlier recruits first)."""

    @abstractmethod
    def score(self, sel: Selection, pool: np.ndarray) -> np.ndarray:
        """One score per row of ``pool``; higher is promoted first."""

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        return pool[top(self.score(sel, pool), n)]


def top(score: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` highest scores, best first; ties go to the earlier position."""
    m = score.size
    if n <= 0:
        return np.empty(0, dtype=np.int64)
    if n >= m:
        return np.argsort(-score, kind="stable")
    kth = np.partition(score, m - n)[m - n]
    above = np.flatnonzero(score > kth)
    ties = np.flatnonzero(score == kth)[: n - above.size]
    idx = np.concatenate([above, ties])
    return idx[np.argsort(-score[idx], kind="stable")]


def percentile(score: np.ndarray) -> np.ndarray:
    """Each score's position within ``score`` scaled to [0, 1] (1 = highest)."""
    m = score.size
    if m <= 1:
        return np.ones(m)
    pos = np.empty(m)
    pos[np.argsort(score, kind="stable")] = np.arange(m)
    return pos / (m - 1)
