"""Transfers (mutasi) between units to balance staff against workload."""

from __future__ import annotations

import numpy as np

from meritsim.model.ranking import where
from meritsim.model.streams import Dice
from meritsim.model.workforce import Workforce


def workload_shares(units: int, cv: float) -> np.ndarray:
    """Each unit's share of the workload: log-normal with coefficient of variation ``cv``, at
    evenly spaced quantiles (deterministic, any number of units)."""
    from statistics import NormalDist

    sigma = np.sqrt(np.log1p(cv**2))
    z = np.array([NormalDist().inv_cdf((u + 0.5) / units) for u in range(units)])
    w = np.exp(sigma * z)
    return w / w.sum()


def balance(wf: Workforce, units: int, workload: float) -> float:
    """1 - half the total absolute difference between staff shares and workload shares (1 = even)."""
    return balance_of(np.bincount(wf.unit[wf.active], minlength=units), units, workload)


def balance_of(per_unit: np.ndarray, units: int, workload: float) -> float:
    """:func:`balance` from the staff of each unit."""
    staff = per_unit.astype(float)
    if staff.sum() == 0:
        return np.nan
    return float(1 - 0.5 * np.abs(staff / staff.sum() - workload_shares(units, workload)).sum())


def rebalance(wf: Workforce, units: int, workload: float, share: float, dice: Dice) -> int:
    """Move up to ``share`` of staff from over-staffed to under-staffed units (random people from
    the surplus, filling the largest deficits first); returns how many moved."""
    act = where(wf.active)
    staff = np.bincount(wf.unit[act], minlength=units)
    target = workload_shares(units, workload) * act.size
    surplus = np.floor(np.maximum(staff - target, 0)).astype(int)
    deficit = np.floor(np.maximum(target - staff, 0)).astype(int)
    budget = min(int(share * act.size), surplus.sum(), deficit.sum())
    if budget <= 0:
        return 0
    ticket = dice.bits(wf.key[act])
    order = np.lexsort((ticket, wf.unit[act]))  # by unit, then each person's ticket
    by_unit = act[order]
    starts = np.searchsorted(wf.unit[by_unit], np.arange(units))
    movers = np.concatenate([by_unit[starts[u] : starts[u] + surplus[u]] for u in range(units)])
    movers = movers[dice.order(wf.key[movers], draw=1)][:budget]
    order = np.argsort(-deficit, kind="stable")
    destinations = np.repeat(order, deficit[order])[:budget]
    wf.unit[movers] = destinations
    return int(budget)
