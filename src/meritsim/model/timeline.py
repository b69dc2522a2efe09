"""The timeline at work: in January of each calendar year (before the month's exits) the year's
events take effect (scenario section ``timeline``).

- a supervision event puts its supervisor in force;
- a BUP change sets a level's retirement age and recomputes its holders' exit dates, so whoever is
  past the new age retires that month;
- a conversion turns this year's part of its posts (the total spread evenly over its years) from
  a structural level into a functional one, and moves a proportional number of holders, chosen
  by the ``timeline`` mechanism's draws, with them;
- a formation sets the year's CPNS recruitment per entry level (:func:`recruits`), and the PPPK
  share of its recruits;
- an honorer conversion appoints honorary staff PPPK, with posts of their own
  (:func:`meritsim.model.pppk.convert_honorers`).

The establishment's arrays are replaced, never changed in place (:meth:`World.amend`), so a
spun-up world shared by the scenarios of a study stays as it was.
"""

from __future__ import annotations

import math

import numpy as np

from meritsim.model import pppk
from meritsim.model.ranking import where
from meritsim.model.rules import assessment
from meritsim.model.rules.exits import update_exit_dates
from meritsim.model.scenario.timeline import Formation, TimelineEvent
from meritsim.model.workforce import PNS
from meritsim.model.world import World


def calendar_year(w: World) -> int:
    """The calendar year of the current month."""
    return w.scenario.timeline.start_year + w.year


def january(w: World) -> None:
    """The events of this calendar year take effect, in the timeline's order."""
    year = calendar_year(w)
    w.formations, w.pppk_share = {}, {}
    for index, event in enumerate(w.scenario.timeline.events):
        if not event.year <= year <= event.last:
            continue
        if event.recruitment is not None:
            formation(w, event.recruitment)
        elif event.retirement_age is not None:
            retirement_age(w, event.retirement_age)
        elif event.conversion is not None:
            convert(w, index, event, year)
        elif event.supervision is not None:
            w.supervision = event.supervision
        elif event.honorer_conversion is not None:
            pppk.convert_honorers(w, index, event, year)


def formation(w: World, f: Formation) -> None:
    """This year's recruitment rule per entry level: a number of CPNS (scaled like posts), or a
    share of the vacancies; a moratorium is 0 CPNS everywhere; the PPPK share of the recruits."""
    keys, scale = w.est.keys, w.scenario.organisation.scale
    if f.moratorium:
        w.formations |= {int(level): ("cpns", 0.0) for level in w.est.entry}
    for key, n in f.cpns.items():
        w.formations[keys.index(key)] = ("cpns", float(round(n * scale)))
    for key, share in f.fill_share.items():
        w.formations[keys.index(key)] = ("share", share)
    for key, share in f.pppk_share.items():
        w.pppk_share[keys.index(key)] = share


def recruits(w: World, level: int, vacant: int) -> int:
    """CPNS to recruit into ``level`` in this wave under the year's formation: its share of the
    vacancies, or what is left of the year's number, at most the vacancies."""
    rule, value = w.formations[level]
    vacant = max(int(vacant), 0)
    if rule == "share":
        return math.floor(vacant * value + 1e-9)
    n = min(vacant, int(value))
    w.formations[level] = (rule, value - n)
    return n


def retirement_age(w: World, ages: dict[str, float]) -> None:
    """New BUP of levels from now on; their holders' exit dates recomputed."""
    bup = w.est.retirement_age.copy()
    changed = [w.est.keys.index(key) for key in ages]
    bup[changed] = list(ages.values())
    w.amend(retirement_age=bup)
    update_exit_dates(w.wf, w.est, where(np.isin(w.wf.level, changed)))


def convert(w: World, index: int, event: TimelineEvent, year: int) -> None:
    """This year's part of a conversion: posts move from the structural to the functional level,
    and holders with them in proportion (at least as many as the remaining posts cannot hold)."""
    c, est, wf = event.conversion, w.est, w.wf
    assert c is not None, "only called for a conversion event"
    src, dst = est.keys.index(c.from_level), est.keys.index(c.to_level)
    total = w.conversions.setdefault(index, round(c.share * int(est.posts[src])))
    years, k = event.last - event.year + 1, year - event.year + 1
    posts_before = int(est.posts[src])
    now = min(round(total * k / years) - round(total * (k - 1) / years), posts_before)
    if now <= 0:
        return
    head = int(w.headcount[src])
    moved = min(head, now, max(round(now * head / posts_before), head - (posts_before - now)))
    posts = est.posts.copy()
    posts[src] -= now
    posts[dst] += now
    w.amend(posts=posts)
    w.recorder.add("posts_converted", now)
    if moved <= 0:
        return
    rows = where(wf.level == src)
    rows = np.sort(rows[w.dice("timeline", index).order(wf.key[rows])[:moved]])
    contract = wf.employment[rows] != PNS
    w.recorder.flow("converted_out", wf.level[rows], wf.female[rows], contract)
    wf.level[rows] = dst
    w.recorder.flow("converted_in", wf.level[rows], wf.female[rows], contract)
    w.recorder.add("holders_converted", moved)
    w.headcount[src] -= moved
    w.headcount[dst] += moved
    wf.post_since[rows] = w.date
    wf.irregular[rows] = False  # a lawful move into a new post (penyetaraan)
    update_exit_dates(wf, w.est, rows)
    assessment.update_fit_gap(wf, w.est, rows)
