"""Named random streams: no global RNG, common random numbers across scenarios.

Replication ``r`` of any scenario gets, for each mechanism, the stream
``SeedSequence(seed, spawn_key=(r, crc32(name)))``: the same recruits, noise and exits in every
scenario of a comparison until their decisions differ, and streams that do not shift when a new
mechanism is added.
"""

from __future__ import annotations

import zlib

import numpy as np

MECHANISMS: tuple[str, ...] = (
    "initial",
    "recruitment",
    "appraisal",
    "assessment",
    "attrition",
    "carryover",
    "policy",
)


def stream_seed(seed: int, replication: int, mechanism: str) -> np.random.SeedSequence:
    """The SeedSequence behind one mechanism's stream in one replication."""
    return np.random.SeedSequence(seed, spawn_key=(replication, zlib.crc32(mechanism.encode())))


def replication_streams(seed: int, replication: int) -> dict[str, np.random.Generator]:
    """One independent generator per mechanism for replication ``replication``."""
    return {m: np.random.default_rng(stream_seed(seed, replication, m)) for m in MECHANISMS}
