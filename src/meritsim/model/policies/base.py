"""What a promotion policy is: given the eligible pool for a level, choose who is promoted."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from meritsim.model.ranking import percentile, top  # noqa: F401 (re-exported)
from meritsim.model.scenario.schema import PolicySpec, Scenario
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce


class PolicyError(RuntimeError):
    """A policy returned people it may not promote."""


@dataclass
class Selection:
    """The situation of one selection: the workforce, the date, the level being filled, the
    policy's dice for this occasion (lottery tickets, coin flips: each candidate's own draw) and
    the merit score of each candidate in the pool that ``choose`` receives (same order)."""

    wf: Workforce
    date: float
    level: int
    scenario: Scenario
    dice: Dice
    merit: np.ndarray


def positions(sorted_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions of ``rows`` in ``sorted_rows`` (-1 where absent)."""
    if sorted_rows.size == 0:
        return np.full(rows.size, -1)
    pos = np.minimum(np.searchsorted(sorted_rows, rows), sorted_rows.size - 1)
    return np.where(sorted_rows[pos] == rows, pos, -1)


def check_choice(policy: str, chosen: np.ndarray, candidates: np.ndarray, n: int, level: str) -> np.ndarray:
    """Refuse a choice unless it is ``n`` distinct members of the (sorted) ``candidates``; returns
    their positions in ``candidates``."""
    chosen = np.asarray(chosen)
    valid = chosen.dtype.kind in "iu" and chosen.ndim == 1
    pos = positions(candidates, chosen.astype(np.int64)) if valid else np.full(chosen.size, -1)
    eligible = int(np.count_nonzero(pos >= 0))
    distinct = len(set(chosen.tolist())) if valid else 0
    if chosen.size != n or distinct != n or eligible != n:
        raise PolicyError(
            f"policy {policy!r} must choose {n} distinct eligible people for {level}; it returned "
            f"{chosen.size} ({distinct} distinct, {eligible} eligible)"
        )
    return pos


class Policy(ABC):
    """A promotion policy. Subclass, set ``name``, implement :meth:`choose` (or :meth:`score`),
    and decorate with :func:`meritsim.model.policies.register`."""

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
