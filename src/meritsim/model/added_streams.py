"""Keyed draws of mechanisms added after the registry of :mod:`meritsim.model.streams`.

The registry's names and salts stay as they are, so that every existing draw, and every result of
a scenario that does not use the new mechanisms, stays bit-identical. A new mechanism's dice use
the registry's own formula (a salt of seed, replication and the name's CRC-32, then the occasion),
so registering the name in :data:`~meritsim.model.streams.MECHANISMS` later changes no draw.
"""

from __future__ import annotations

import zlib

from meritsim.model.streams import Dice, Draws, mix

ADDED: tuple[str, ...] = ("supervision", "timeline")


def added_dice(draws: Draws, mechanism: str, *occasion: int) -> Dice:
    """The dice of an added ``mechanism`` on ``occasion`` (as ``draws.at`` for a registered one)."""
    if mechanism not in ADDED:
        raise KeyError(f"{mechanism!r} is not an added mechanism: {', '.join(ADDED)}")
    salt = mix(draws.seed, draws.replication, zlib.crc32(mechanism.encode()))
    return Dice(mix(salt, *occasion))
