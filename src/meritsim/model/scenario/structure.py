"""Whether an organisation's post structure can be staffed at all, checked before anything runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meritsim.model.scenario.domain import (
    CEILING_BY_EDUCATION,
    EDUCATION_INDEX,
    ENTRY_RANK_BY_EDUCATION,
    RANK_INDEX,
    RANKS,
)

if TYPE_CHECKING:
    from meritsim.model.scenario.schema import Level, Organisation


def level_tiers(levels: dict[str, Level]) -> dict[str, int]:
    """Height of each level: 0 for entry levels, else 1 + the highest of its source levels.

    Raises ValueError on unknown sources or a cycle.
    """
    tiers: dict[str, int] = {}
    visiting: set[str] = set()

    def tier(key: str) -> int:
        if key in tiers:
            return tiers[key]
        if key in visiting:
            raise ValueError(f"levels.{key}.promotes_from: promotion paths form a cycle")
        visiting.add(key)
        sources = levels[key].promotes_from
        for src in sources:
            if src not in levels:
                raise ValueError(
                    f"levels.{key}.promotes_from: unknown level {src!r}; known levels: {', '.join(levels)}"
                )
            if src == key:
                raise ValueError(f"levels.{key}.promotes_from: a level cannot promote from itself")
        tiers[key] = 0 if not sources else 1 + max(tier(s) for s in sources)
        visiting.discard(key)
        return tiers[key]

    for key in levels:
        tier(key)
    return tiers


def _ceiling(level: Level) -> int:
    """Highest rank index anyone can hold in this level."""
    if level.max_rank is not None:
        return RANK_INDEX[level.max_rank]
    educations = set(level.initial.education)
    if level.recruit is not None:
        educations |= set(level.recruit.education)
    return max(int(CEILING_BY_EDUCATION[EDUCATION_INDEX[e]]) for e in educations)


def check_structure(org: Organisation) -> None:
    """Raise ValueError naming the level and field if the structure cannot be staffed."""
    levels = org.levels
    if not levels:
        raise ValueError("levels: at least one level is needed")
    level_tiers(levels)
    for key, level in levels.items():
        where = f"levels.{key}"
        if level.supervised_by is not None and level.supervised_by not in levels:
            raise ValueError(
                f"{where}.supervised_by: unknown level {level.supervised_by!r}; known levels: "
                f"{', '.join(levels)}"
            )
        lo = RANK_INDEX[level.min_rank]
        if level.max_rank is not None and RANK_INDEX[level.max_rank] < lo:
            raise ValueError(f"{where}: max_rank {level.max_rank} is below min_rank {level.min_rank}")
        if not level.promotes_from:
            if level.recruit is None:
                raise ValueError(
                    f"{where}.recruit: an entry level (no promotes_from) needs a recruit profile"
                )
            for edu, share in level.recruit.education.items():
                entry = int(ENTRY_RANK_BY_EDUCATION[EDUCATION_INDEX[edu]])
                if share > 0 and entry < lo:
                    raise ValueError(
                        f"{where}.min_rank: {level.min_rank} is above the entry rank "
                        f"{RANKS[entry]} of recruits with {edu} (recruit.education); the level "
                        "could not be staffed"
                    )
            if level.recruit.age.max > level.retirement_age:
                raise ValueError(
                    f"{where}.recruit.age.max ({level.recruit.age.max:g}) must not exceed the "
                    f"retirement_age ({level.retirement_age:g})"
                )
        else:
            if level.recruit is not None:
                raise ValueError(
                    f"{where}.recruit: only entry levels recruit; this level promotes from "
                    f"{', '.join(level.promotes_from)}"
                )
            best = max(_ceiling(levels[s]) for s in level.promotes_from) + int(level.rank_step_on_entry)
            if best < lo:
                raise ValueError(
                    f"{where}.min_rank: no one in {', '.join(level.promotes_from)} can reach "
                    f"{level.min_rank} (highest reachable: {RANKS[best]}); the level could not be "
                    "staffed"
                )
