"""The counter-based uniforms of :class:`meritsim.model.streams.Dice` inside a kernel: integer
arithmetic modulo 2**32, so the same bits as numpy's (normals use float32 transcendental
functions whose rounding is numpy's own, so they stay numpy's)."""

from __future__ import annotations

import numpy as np
from numba import njit

MASK = np.uint64(0xFFFFFFFF)
GOLDEN, M1, M2 = np.uint64(0x9E3779B1), np.uint64(0x7FEB352D), np.uint64(0x846CA68B)


@njit(cache=True, nogil=True, inline="always")
def uniform(key, salt):  # pragma: no cover
    """``Dice(...).uniform`` of one key, ``salt`` = ``mix(dice.salt, draw)``."""
    x = (np.uint64(key) * GOLDEN) & MASK
    x = (x + np.uint64(salt)) & MASK
    x ^= x >> np.uint64(16)
    x = (x * M1) & MASK
    x ^= x >> np.uint64(15)
    x = (x * M2) & MASK
    x ^= x >> np.uint64(16)
    return (np.float64(x) + 0.5) * (1.0 / 2**32)


@njit(cache=True, nogil=True)
def uniforms(keys, salt):  # pragma: no cover
    """``Dice(...).uniform(keys)`` (for tests)."""
    out = np.empty(keys.size, np.float64)
    for i in range(keys.size):
        out[i] = uniform(keys[i], salt)
    return out
