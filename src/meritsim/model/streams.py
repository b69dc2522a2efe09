"""Synchronised random numbers: every draw is keyed to the person and the occasion.

A draw is a hash of (replication, mechanism, occasion, person key, draw number): a counter-based
generator in the spirit of Philox (Salmon et al. 2011), vectorised over people. So a person has the
same traits, appraisal noise, exit dates, assessment errors and lottery tickets in every scenario
of a comparison, even after two policies have promoted different people (per-mechanism streams
lose that as soon as decisions differ: the same draws then land on different people). Common
random numbers hold person by person, and paired differences stay tight for decades.

A person's key identifies them across scenarios: for the starting staff, their place in the
initial workforce; for a recruit, the wave, the entry level and their place among that wave's
recruits (if one scenario hires 10 and another 12, the first 10 are the same people).

A draw hashes the person's key, offset by a salt of (seed, replication, mechanism, occasion,
draw), with a bijective 32-bit finaliser over uint32 arrays (so distinct keys never share a draw
on one occasion); the salts are SplitMix64 hashes. Uniforms lie in (0, 1) and normals come from
the Box-Muller transform. No global random state is used anywhere.
"""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass

import numpy as np

MECHANISMS: tuple[str, ...] = (
    "initial",
    "recruitment",
    "appraisal",
    "assessment",
    "attrition",
    "carryover",
    "policy",
    "bribery",
    "detection",
    "transfers",
    "study",
    "supervision",
    "timeline",
    "pppk",
)
_M1, _M2 = np.uint32(0x7FEB352D), np.uint32(0x846CA68B)
_GOLDEN = np.uint32(0x9E3779B1)
_TWO_PI = np.float32(2 * np.pi)
_MASK64 = 0xFFFFFFFFFFFFFFFF


def _fmix(x: np.ndarray) -> np.ndarray:
    """A 32-bit finaliser (Wellons' "lowbias32": bijective, strong avalanche), in place."""
    x ^= x >> np.uint32(16)
    x *= _M1
    x ^= x >> np.uint32(15)
    x *= _M2
    x ^= x >> np.uint32(16)
    return x


@functools.lru_cache(maxsize=1 << 16)
def mix(*values: int) -> int:
    """A 32-bit hash of a few integers (seeds, occasions, counters): SplitMix64's finaliser
    over each value in turn (any size, any sign)."""
    h = 0x6A09E667F3BCC909
    for v in values:
        h = (h ^ (int(v) & _MASK64)) + 0x9E3779B97F4A7C15 & _MASK64
        h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & _MASK64
        h ^= h >> 31
    return h >> 32


def person_keys(*identity: int, count: int) -> np.ndarray:
    """Keys of ``count`` people created together: ``identity`` (e.g. the month of a recruitment
    wave and the entry level) and each one's place 0 .. count-1."""
    x = np.arange(count, dtype=np.uint32)
    x ^= np.uint32(mix(*identity))
    return _fmix(_fmix(x * _GOLDEN) ^ np.uint32(mix(*identity, 1)))


@dataclass(frozen=True)
class Dice:
    """The draws of one mechanism on one occasion, indexed by person key and draw number."""

    salt: int

    def bits(self, keys: np.ndarray, draw: int = 0) -> np.ndarray:
        """32 random bits per key (uint32)."""
        x = np.asarray(keys, dtype=np.uint32) * _GOLDEN
        x += np.uint32(mix(self.salt, draw))
        return _fmix(x)

    def uniform(self, keys: np.ndarray, draw: int = 0) -> np.ndarray:
        """Uniforms in (0, 1), one per key (float64)."""
        return (self.bits(keys, draw).astype(np.float64) + 0.5) * (1.0 / 2**32)

    def normal(self, keys: np.ndarray, draw: int = 0) -> np.ndarray:
        """Standard normals, one per key (float64)."""
        return self.normals(keys, 1, draw)[:, 0].astype(np.float64)

    def normals(self, keys: np.ndarray, k: int, draw: int = 0) -> np.ndarray:
        """``(len(keys), k)`` standard normals (float32): Box-Muller, two per pair of uniforms."""
        pairs = (k + 1) // 2
        out = np.empty((2 * pairs, np.size(keys)), dtype=np.float32)
        scale = np.float32(1.0 / 2**32)
        for j in range(pairs):
            radius = self.bits(keys, draw + 2 * j).astype(np.float32)
            radius += np.float32(0.5)
            radius *= scale
            np.log(radius, out=radius)
            radius *= np.float32(-2.0)
            np.sqrt(radius, out=radius)
            angle = self.bits(keys, draw + 2 * j + 1).astype(np.float32)
            angle *= scale * _TWO_PI
            np.multiply(radius, np.cos(angle), out=out[2 * j])
            np.multiply(radius, np.sin(angle), out=out[2 * j + 1])
        return out[:k].T

    def exponential(self, keys: np.ndarray, draw: int = 0) -> np.ndarray:
        """Standard exponentials (mean 1), one per key."""
        return -np.log(self.uniform(keys, draw))

    def order(self, keys: np.ndarray, draw: int = 0) -> np.ndarray:
        """A random order of the positions of ``keys`` (each key's ticket, ascending)."""
        return np.argsort(self.bits(keys, draw), kind="stable")


class Draws:
    """The random numbers of one replication: ``draws.at(mechanism, occasion)`` gives the dice
    of that mechanism on that occasion (an integer: a month, a year or an appointment round)."""

    def __init__(self, seed: int, replication: int):
        self.seed = int(seed)
        self.replication = int(replication)
        self._salts = {m: mix(self.seed, self.replication, zlib.crc32(m.encode())) for m in MECHANISMS}

    def at(self, mechanism: str, *occasion: int) -> Dice:
        """The dice of ``mechanism`` on ``occasion`` (any number of integers)."""
        return Dice(mix(self._salts[mechanism], *occasion))
