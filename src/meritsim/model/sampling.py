"""Drawing from the scenario's distributions with keyed dice (see :mod:`meritsim.model.streams`)."""

from __future__ import annotations

import numpy as np

from meritsim.model.ranking import where
from meritsim.model.scenario.schema import TruncatedNormal
from meritsim.model.streams import Dice

REDRAWS = 50


def truncated_normal(dice: Dice, keys: np.ndarray, dist: TruncatedNormal, draw: int = 0) -> np.ndarray:
    """One draw of ``dist`` per key (uses draws ``draw`` and ``draw + 1``): values outside
    [min, max] are redrawn (on draws far above ``draw``), and clipped after 50 rounds."""
    out = dist.mean + dist.sd * dice.normal(keys, draw)
    for r in range(1, REDRAWS + 1):
        bad = where((out < dist.min) | (out > dist.max))
        if bad.size == 0:
            return out
        out[bad] = dist.mean + dist.sd * dice.normal(keys[bad], draw + (r << 20))
    return np.clip(out, dist.min, dist.max)


def categorical(dice: Dice, keys: np.ndarray, shares: dict[int, float], draw: int = 0) -> np.ndarray:
    """One of the keys of ``shares`` per person, with the given probabilities."""
    values = np.fromiter(shares.keys(), dtype=np.int64)
    p = np.fromiter(shares.values(), dtype=np.float64)
    edges = np.cumsum(p / p.sum())
    pick = np.searchsorted(edges, dice.uniform(keys, draw), side="right")
    return values[np.minimum(pick, values.size - 1)]


def chance(dice: Dice, keys: np.ndarray, p: float | np.ndarray, draw: int = 0) -> np.ndarray:
    """Whether each person's event of probability ``p`` happens."""
    return dice.uniform(keys, draw) < p
