"""The spin-up before year 0, and a cache of spun-up worlds shared by the scenarios of a study.

Scenarios that differ only in their promotion policy (or reform, name, length) share their
spin-up: the status quo runs the same way for all of them. A process keeps the last few spun-up
worlds of small organisations, so that comparing five policies spins up once per replication.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass

from meritsim.model.record import Recorder
from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import NO_CONTRACT, Workforce
from meritsim.model.world import World

DATES = ("born", "rank_since", "post_since", "service_since", "first_post_at", "first_structural_at",
         "quit_at", "exit_at", "assessed_at")  # fmt: skip
CACHE_SIZE = 64
CACHE_MAX_PEOPLE = 500_000  # in all cached worlds together (about 150 MB)
_cache: OrderedDict[str, SpunUp] = OrderedDict()


@dataclass
class SpunUp:
    """A world at the end of its spin-up and the open selections still under way then."""

    world: World
    selections: list[tuple[int, int, int]]  # (level, vacancies, month of the appointment)


def shift_dates(wf: Workforce, years: float) -> None:
    """Move every date of the workforce by ``years`` (the start of a spin-up is before 0)."""
    for name in DATES:
        getattr(wf, name)[:] += years
    contract = wf.contract_end != NO_CONTRACT  # months
    wf.contract_end[contract] += round(12 * years)


def key(scenario: Scenario, seed: int, replication: int) -> str:
    """What a spin-up depends on: everything but the policies, the name, the length and the
    timeline (whose events act from year 1); with PPPK, the calendar year of year 0 (PPPK are
    recruited in the history from ``pppk.first_year``)."""
    data = scenario.model_dump(
        mode="json",
        exclude={"name", "description", "years", "replications", "policy", "policy_change", "timeline"},
    )
    if "pppk" in data:  # left out of the dump while it is the default
        data["timeline_start_year"] = scenario.timeline.start_year
    text = json.dumps({"scenario": data, "seed": seed, "replication": replication}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def copy_world(w: World) -> World:
    """An independent copy of a world (arrays copied; establishment and draws shared)."""
    wf = Workforce.empty(0)
    for name in Workforce.columns():
        setattr(wf, name, getattr(w.wf, name).copy())
    wf._buffers = {name: getattr(wf, name) for name in Workforce.columns()}
    recorder = Recorder(w.est, w.scenario, w.recorder.replication)
    recorder.carry_counts_from(w.recorder)  # the spin-up's last year becomes year 0
    copy = World(w.scenario, w.est, wf, w.draws, recorder, w.policy_spec, month=w.month)
    copy.headcount = w.headcount.copy()
    copy.in_selection = w.in_selection.copy()
    copy.next_id = w.next_id
    return copy


def remember(k: str, spun: SpunUp) -> None:
    """Keep a copy of ``spun`` under ``k``, forgetting the least recently used beyond the bounds."""
    if len(spun.world.wf) > CACHE_MAX_PEOPLE:
        return
    _cache[k] = SpunUp(copy_world(spun.world), list(spun.selections))
    _cache.move_to_end(k)
    while len(_cache) > CACHE_SIZE or sum(len(s.world.wf) for s in _cache.values()) > CACHE_MAX_PEOPLE:
        _cache.popitem(last=False)


def forget() -> None:
    """Empty the cache (e.g. to measure a spin-up)."""
    _cache.clear()


def recall(k: str, scenario: Scenario) -> SpunUp | None:
    """A copy of a cached spun-up world, for ``scenario`` (its own name and policy)."""
    spun = _cache.get(k)
    if spun is None:
        return None
    _cache.move_to_end(k)
    world = copy_world(spun.world)
    world.scenario = scenario
    recorder = Recorder(world.est, scenario, world.recorder.replication)
    recorder.carry_counts_from(world.recorder)
    world.recorder = recorder
    return SpunUp(world, list(spun.selections))
