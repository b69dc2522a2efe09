"""PPPK at work (scenario section ``pppk``): who of a wave's recruits is PPPK, contracts that end
or are renewed on performance, and the conversion of honorary staff (tenaga honorer) to PPPK.

A PPPK's contract ends ``contract_years`` after it starts (``Workforce.contract_end``, in months);
their exit date is the earliest of that, their retirement and their quit date, so the month's exit
check finds them (:func:`meritsim.model.rules.exits.due_exits`) and :func:`contracts_due` renews
the contract or lets them go (exit reason ``contract_end``). Every draw is the person's own, of
the ``pppk`` mechanism.
"""

from __future__ import annotations

import numpy as np

from meritsim.model.population import recruits
from meritsim.model.rules import assessment
from meritsim.model.rules.exits import CONTRACT_END, update_exit_dates
from meritsim.model.scenario.domain import PREDIKAT_INDEX
from meritsim.model.scenario.pppk import JoiningPppk
from meritsim.model.scenario.timeline import TimelineEvent
from meritsim.model.workforce import NO_PREDIKAT, PPPK, PPPK_PART_TIME
from meritsim.model.world import World

HONORER = 4  # the first number of a converted honorer's identity (population: 1-3)
STOCK = 5  # ... and of a PPPK employed at the start
RENEWAL = 1  # occasion tags of the pppk draws: a renewal's chance, the part-time order,
PART_TIME = 2
CONTRACT_STARTED = 3  # ... and how long ago the contract of a PPPK at the start began


def contract_months(years: float) -> int:
    """A contract's length in whole months."""
    return max(1, round(12 * years))


def start_contracts(w: World, rows: np.ndarray, employment: np.ndarray | int) -> None:
    """``rows`` become PPPK (full-time or part-time) on a contract starting this month."""
    wf = w.wf
    wf.employment[rows] = employment
    wf.contract_end[rows] = w.month + contract_months(w.scenario.pppk.contract_years)
    update_exit_dates(wf, w.est, rows)


def recruit_shares(w: World) -> np.ndarray:
    """This year's PPPK share of each entry level's recruits: ``pppk.recruitment_share`` from
    ``first_year``, replaced where the timeline's formation of the year gives a ``pppk_share``."""
    year = w.scenario.timeline.start_year + w.year
    shares = w.est.pppk_share if year >= w.scenario.pppk.first_year else np.zeros(w.est.n_levels)
    if w.pppk_share:
        shares = shares.copy()
        for level, share in w.pppk_share.items():
            shares[level] = share
    return shares


def hire(w: World, rows: np.ndarray) -> None:
    """Of a recruitment wave's ``rows``, those whose own draw falls below their level's PPPK share
    are PPPK; the others CPNS."""
    share = recruit_shares(w)[w.wf.level[rows]]
    if rows.size and share.any():
        chosen = rows[w.dice("pppk").uniform(w.wf.key[rows]) < share]
        start_contracts(w, chosen, PPPK)


def renewable(w: World, rows: np.ndarray) -> np.ndarray:
    """Whether each PPPK of ``rows``, whose contract ends now, has it renewed: each of the last
    ``renewal_years`` appraisals at least ``renewal_predikat`` (a year without one does not count
    against it), then the ``renewal_probability`` (each person's own draw)."""
    cfg, wf = w.scenario.pppk, w.wf
    ok = np.ones(rows.size, bool)
    if not w.scenario.mechanisms.contract_renewal:
        return ok
    record = wf.skp[rows, : cfg.renewal_years]
    ok = ((record >= PREDIKAT_INDEX[cfg.renewal_predikat]) | (record == NO_PREDIKAT)).all(axis=1)
    if cfg.renewal_probability < 1:
        ok &= w.dice("pppk", RENEWAL).uniform(wf.key[rows]) < cfg.renewal_probability
    return ok


def contracts_due(w: World, rows: np.ndarray) -> None:
    """The contracts of ``rows`` end this month: renewed for another term, or they leave."""
    if rows.size == 0:
        return
    ok = renewable(w, rows)
    renewed, ended = rows[ok], rows[~ok]
    w.recorder.contract_flow("contract_renewals", w.wf.level[renewed])
    w.recorder.add("contract_renewals", renewed.size)
    start_contracts(w, renewed, w.wf.employment[renewed])
    w.recorder.contract_flow("contract_ends", w.wf.level[ended])
    w.leave(ended, CONTRACT_END)


def _join(w: World, counts: dict[int, int], origin: tuple[int, ...], c: JoiningPppk) -> np.ndarray:
    """``counts[level]`` new PPPK join each level, each with a post of their own (the level gains
    as many posts); ``c.part_time_share`` of each level's (by the ``pppk`` draws) are part-time.
    Returns their rows, on contracts starting this month."""
    est = w.est
    new = recruits(w.scenario, est, counts, w.month, w.next_id, w.draws, origin=origin, age=c.age)
    w.next_id += len(new)
    posts = est.posts.copy()
    for level, n in counts.items():
        posts[level] += n
    w.amend(posts=posts)
    rows = w.wf.append(new)
    kind = np.full(rows.size, PPPK, np.int8)
    dice, start = w.dice("pppk", PART_TIME, *origin[1:]), 0
    for n in counts.values():
        part = round(n * c.part_time_share)
        order = dice.order(w.wf.key[rows[start : start + n]])
        kind[start + order[:part]] = PPPK_PART_TIME
        start += n
    start_contracts(w, rows, kind)
    w.headcount += np.bincount(w.wf.level[rows], minlength=w.est.n_levels)
    return rows


def start_stock(w: World) -> np.ndarray:
    """The PPPK employed at the start (``pppk.initial``) join: each on a contract that began at an
    even point of the last ``contract_years`` (not before ``first_year``; their own draw), hired
    then. Returns their rows (their appraisal record is the calendar's to give)."""
    cfg, wf = w.scenario.pppk, w.wf
    none = np.empty(0, np.int64)
    if cfg.initial is None:
        return none
    scale = w.scenario.organisation.scale
    counts = {w.est.keys.index(k): round(n * scale) for k, n in cfg.initial.count.items()}
    counts = {level: n for level, n in counts.items() if n > 0}
    if not counts:
        return none
    rows = _join(w, counts, (STOCK,), cfg.initial)
    months = contract_months(cfg.contract_years)
    since_first = 12 * (w.scenario.timeline.start_year - cfg.first_year) + 6  # first_year's middle
    span = max(min(months, since_first), 1)
    elapsed = np.floor(w.dice("pppk", CONTRACT_STARTED).uniform(wf.key[rows]) * span).astype(np.int64)
    begun = (w.month - elapsed) / 12
    wf.service_since[rows] = wf.post_since[rows] = wf.rank_since[rows] = begun
    wf.contract_end[rows] -= elapsed
    update_exit_dates(wf, w.est, rows)
    assessment.update_fit_gap(wf, w.est, rows)
    return rows


def convert_honorers(w: World, index: int, event: TimelineEvent, year: int) -> None:
    """This year's part of an honorer conversion: honorary staff join each named entry level as
    PPPK, each with a post of their own (the level gains as many posts); ``part_time_share`` of
    each level's converts (by the ``pppk`` draws) are part-time."""
    c, est = event.honorer_conversion, w.est
    assert c is not None, "only called for an honorer conversion"
    scale = w.scenario.organisation.scale
    years, k = event.last - event.year + 1, year - event.year + 1
    counts = {}
    for key, count in c.count.items():
        total = round(count * scale)
        now = round(total * k / years) - round(total * (k - 1) / years)
        if now > 0:
            counts[est.keys.index(key)] = now
    if not counts:
        return
    rows = _join(w, counts, (HONORER, index), c)
    wf = w.wf
    wf.good_record[rows] = w.est.record_ok(wf, rows)
    assessment.update_fit_gap(wf, w.est, rows)
    w.score_merit(rows)
    w.recorder.contract_flow("honorer_converted", wf.level[rows])
    w.recorder.add("honorer_converted", rows.size)
    part_time = int(np.count_nonzero(wf.employment[rows] == PPPK_PART_TIME))
    w.recorder.add("honorer_converted_part_time", part_time)
