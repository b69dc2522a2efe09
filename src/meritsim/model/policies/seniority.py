"""`seniority`: promote in DUK order (rank, years in rank, years of service, age)."""

from __future__ import annotations

import numpy as np

from meritsim.model.policies.base import Policy, Selection
from meritsim.model.policies.registry import register
from meritsim.model.policies.scores import seniority_order


@register
class Seniority(Policy):
    """The most senior by the DUK (daftar urut kepangkatan) order first."""

    name = "seniority"

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        return pool[seniority_order(sel, pool)[:n]]
