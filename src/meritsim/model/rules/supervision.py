"""The merit-system supervisor at work (scenario section ``supervision``; timeline events change it).

It supervises a share of the open (JPT) selections and watches a share of the units. Being watched
deters: bribe acceptance and shortlist overrides become rarer. An irregular act within its reach
(an irregular appointment in a selection it supervises, or an irregular post holder in a watched
unit at the yearly review) is found with ``detection`` (``yearly_detection``); political
interference shields a finding with its kind's ``interference``; every other finding is a
recommendation to annul the appointment, followed with ``compliance``: the appointee is then
sanctioned, dismissed with exit reason ``sanction``, and the post falls vacant (an annulment that
sends them back to their old post is not modelled: that post is usually filled by then). Its draws
are the ``supervision`` mechanism's own, keyed by person (or level, or unit) and month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meritsim.model.ranking import where
from meritsim.model.rules.exits import SANCTION
from meritsim.model.scenario.schema import Scenario
from meritsim.model.scenario.supervision import Supervision
from meritsim.model.streams import Dice
from meritsim.model.world import World

SELECTION, REVIEW, UNITS = 1, 2, 3  # occasions (with the month)
DETECT, SHIELD, FOLLOW = 0, 1, 2  # a person's draws on one occasion


@dataclass(frozen=True)
class Watch:
    """How an appointment round is watched: whether the supervisor reviews it, and by how much
    being watched lowers the chance of bribes and shortlist overrides (0 = not at all)."""

    covered: bool
    deterrence: float


UNWATCHED = Watch(False, 0.0)


def in_force(w: World) -> Supervision | None:
    """The supervisor in force, or None when there is none (or ``mechanisms.supervision`` is off)."""
    sup = w.supervision
    return sup if sup.acts and w.scenario.mechanisms.supervision else None


def _dice(w: World, *occasion: int) -> Dice:
    return w.dice("supervision", *occasion)


def watch(w: World, level: int, open_selection: bool) -> Watch:
    """How this month's appointments to ``level`` are watched: an open selection is supervised
    with ``jpt_coverage`` (and then deterred fully), other appointments are deterred by
    ``deterrence`` x ``agency_coverage``."""
    sup = in_force(w)
    if sup is None:
        return UNWATCHED
    if not open_selection:
        return Watch(False, sup.deterrence * sup.agency_coverage)
    covered = bool(_dice(w, SELECTION, level).uniform(np.zeros(1, np.uint32))[0] < sup.jpt_coverage)
    if not covered:
        return UNWATCHED
    w.recorder.add("supervised_selections")
    return Watch(True, sup.deterrence)


def review_selection(w: World, level: int, rows: np.ndarray, irregular: np.ndarray) -> None:
    """A supervised selection's irregular appointees (``rows[irregular]``) are pursued."""
    sup = in_force(w)
    if sup is not None:
        pursue(w, sup, rows[irregular], sup.detection, SELECTION, level)


def yearly_review(w: World, already: np.ndarray | None) -> None:
    """The yearly review of irregular post holders in the units it watches (those kkn's
    detection found this year, ``already``, excepted); its recommendations add to ``detected``."""
    sup = in_force(w)
    if sup is None:
        return
    wf = w.wf
    reach = wf.active & wf.irregular
    if already is not None:
        reach[already] = False
    if not w.scenario.mechanisms.detection:  # else kkn's detection has counted them
        w.recorder.add("irregular_checked", int(np.count_nonzero(reach)))
    units = np.arange(w.est.units, dtype=np.uint32)
    watched = _dice(w, UNITS).uniform(units) < sup.agency_coverage
    w.recorder.add("detected", pursue(w, sup, where(reach & watched[wf.unit]), sup.yearly_detection, REVIEW))


def pursue(w: World, sup: Supervision, rows: np.ndarray, chance: float, *occasion: int) -> int:
    """Irregular ``rows`` within reach: found with ``chance``, shielded by interference, else a
    recommendation to annul, followed with ``compliance`` (the appointee is dismissed). Returns
    the number of recommendations."""
    if rows.size == 0:
        return 0
    dice = _dice(w, *occasion)
    found = rows[dice.uniform(w.wf.key[rows], DETECT) < chance]
    listed = found[dice.uniform(w.wf.key[found], SHIELD) >= sup.shielding]
    followed = listed[dice.uniform(w.wf.key[listed], FOLLOW) < sup.compliance]
    rec = w.recorder
    rec.add("supervision_shielded", found.size - listed.size)
    rec.add("recommendations", listed.size)
    rec.add("recommendations_followed", followed.size)
    w.leave(followed, SANCTION)
    return int(listed.size)


def ever_acts(scenario: Scenario) -> bool:
    """Whether a supervisor acts at any time of the scenario (at the start or from an event)."""
    events = [e.supervision for e in scenario.timeline.events if e.supervision is not None]
    return any(s.acts for s in (scenario.supervision, *events))
