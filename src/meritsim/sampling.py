"""Drawing from the scenario's distributions."""

from __future__ import annotations

import numpy as np

from meritsim.params.schema import TruncatedNormal


def truncated_normal(rng: np.random.Generator, dist: TruncatedNormal, n: int) -> np.ndarray:
    """``n`` draws of ``dist``: out-of-range values are redrawn (clipped after 50 rounds)."""
    out = rng.normal(dist.mean, dist.sd, n)
    for _ in range(50):
        bad = np.flatnonzero((out < dist.min) | (out > dist.max))
        if bad.size == 0:
            return out
        out[bad] = rng.normal(dist.mean, dist.sd, bad.size)
    return np.clip(out, dist.min, dist.max)


def categorical(rng: np.random.Generator, shares: dict[int, float], n: int) -> np.ndarray:
    """``n`` draws of the keys of ``shares`` with the given probabilities."""
    keys = np.fromiter(shares.keys(), dtype=np.int64)
    p = np.fromiter(shares.values(), dtype=np.float64)
    return keys[rng.choice(keys.size, size=n, p=p / p.sum())]
