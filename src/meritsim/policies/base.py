"""What a promotion policy is: given the eligible pool for a level, choose who is promoted."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from meritsim.params.schema import PolicySpec, Scenario
from meritsim.ranking import percentile, top  # noqa: F401 (re-exported)
from meritsim.workforce import Workforce


class PolicyError(RuntimeError):
    """A policy returned people it may not promote."""


@dataclass
class Selection:
    """The situation of one selection: the workforce, the date and the level being filled."""

    wf: Workforce
    date: float
    level: int
    scenario: Scenario
    rng: np.random.Generator  # the policy's own stream (lotteries, coin flips)
    assessment_rng: np.random.Generator  # measurement error of assessments
    #: merit scores already computed in this selection: (sorted rows, weights, scores)
    merit_cache: tuple[np.ndarray, object, np.ndarray] | None = None


def positions(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions of ``rows`` in ``sorted_rows`` (-1 where absent)."""
    pos = np.searchsorted(sorted_rows, rows)
    pos = np.minimum(pos, max(sorted_rows.size - 1, 0))
    found = (
        (sorted_rows.size > 0) & (sorted_rows[pos] == rows) if sorted_rows.size else np.zeros(rows.size, bool)
    )
    return np.where(found, pos, -1)


def check_choice(policy: str, chosen: np.ndarray, candidates: np.ndarray, n: int, level: str) -> np.ndarray:
    """Refuse a choice unless it is ``n`` distinct members of the (sorted) ``candidates``; returns
    their positions in ``candidates``."""
    chosen = np.asarray(chosen)
    valid = chosen.dtype.kind in "iu"
    pos = positions(candidates, chosen.astype(np.int64)) if valid else np.full(chosen.size, -1)
    eligible = int((pos >= 0).sum())
    distinct = np.unique(chosen).size
    if chosen.size != n or distinct != n or eligible != n:
        raise PolicyError(
            f"policy {policy!r} must choose {n} distinct eligible people for {level}; it returned "
            f"{chosen.size} ({distinct} distinct, {eligible} eligible)"
        )
    return pos


class Policy(ABC):
    """A promotion policy. Subclass, set ``name``, implement :meth:`choose` (or :meth:`score`),
    and decorate with :func:`meritsim.policies.register`."""

    name: ClassVar[str] = ""
    #: Whether the policy bends choices by affinity to the appointing official (nepotism): its
    #: choices of anyone but the best candidates then count as irregular appointments.
    favours_affinity: ClassVar[bool] = False

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
