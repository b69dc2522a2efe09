"""Filling posts: a pipeline of small named steps, each a plain function.

candidates' assessment (open selection) -> bribes -> the committee's shortlist -> the policy's
pick -> consequences (irregular appointments, passed-over talent, counters) -> the move into the
post. The candidates' merit scores (kept up to date by :meth:`World.score_merit` whenever an
appraisal or assessment changes them) are taken once and passed along explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meritsim.model.policies.base import Selection, check_choice
from meritsim.model.ranking import top, where
from meritsim.model.rules import assessment, kkn, talent
from meritsim.model.rules.carryover import carry_over
from meritsim.model.rules.exits import update_exit_dates
from meritsim.model.world import World


@dataclass(frozen=True)
class Filled:
    """Who got the posts: rows of the workforce, and whether each got it irregularly."""

    rows: np.ndarray
    irregular: np.ndarray


def assess_candidates(w: World, pool: np.ndarray, level: int) -> None:
    """An open selection assesses every eligible candidate itself."""
    s = w.scenario
    assessment.assess(w.wf, pool, w.date, s.assessment, s.traits.competence, w.dice("assessment", level))
    w.score_merit(pool)


def bribes(w: World, pool: np.ndarray, n: int, level: int) -> np.ndarray:
    """Positions in ``pool`` of the candidates who buy a post."""
    return kkn.bought(w.wf, pool, n, w.scenario.kkn, w.dice("bribery", level))


def shortlist(w: World, merit: np.ndarray, buyers: np.ndarray, m: int, open_selection: bool) -> np.ndarray:
    """Positions of the candidates the policy may choose from: everyone who did not buy a post,
    or for an open selection the committee's shortlist of the best assessed, ``shortlist`` per
    remaining post."""
    if buyers.size:
        free = np.ones(merit.size, bool)
        free[buyers] = False
        candidates = where(free)
    else:
        candidates = np.arange(merit.size)
    per_post = w.scenario.open_selection.shortlist
    if open_selection and per_post > 0 and m > 0:
        candidates = np.sort(candidates[top(merit[candidates], per_post * m)])
    return candidates


def pick(
    w: World, pool: np.ndarray, merit: np.ndarray, candidates: np.ndarray, m: int, level: int
) -> np.ndarray:
    """Positions in ``pool`` of the ``m`` the policy chooses among ``candidates``."""
    if m <= 0:
        return candidates[:0]
    rows = pool[candidates]
    sel = Selection(w.wf, w.date, level, w.scenario, w.dice("policy", level), merit[candidates])
    chosen = w.policy.choose(sel, rows, m)
    return candidates[check_choice(w.policy.name, chosen, rows, m, w.est.keys[level])]


def consequences(
    w: World, pool: np.ndarray, merit: np.ndarray, chosen: np.ndarray, n_bought: int, level: int
) -> np.ndarray:
    """Record what the appointments mean; returns whether each of ``chosen`` was irregular.

    A bought post is irregular; under a policy that favours affinity, so is a pick that was not
    among the best by merit. High performers of the talent pool among the best who were not
    chosen lose motivation."""
    n = chosen.size
    is_best = np.zeros(pool.size, bool)
    is_best[top(merit, n)] = True
    irregular = np.arange(n) < n_bought
    if w.policy.favours_affinity:
        irregular |= ~is_best[chosen]
    consistent = is_best[chosen]
    is_best[chosen] = False
    passed = pool[is_best]
    passed = passed[talent.in_talent_pool(w.wf, passed)]
    kkn.pass_over(w.wf, passed, w.scenario.kkn)
    rec = w.recorder
    rec.add("appointments", n)
    rec.add("merit_consistent", int(consistent.sum()))
    rec.add("irregular_appointments", int(irregular.sum()))
    rec.add("irregular_merit", int((irregular & consistent).sum()))
    rec.add("passed_over", passed.size)
    rec.add("bribes_paid", n_bought * w.scenario.kkn.price_million_rp * float(w.est.tier[level]))
    return irregular


def move(w: World, rows: np.ndarray, irregular: np.ndarray, level: int) -> None:
    """``rows`` take up posts of ``level``: bookkeeping, first posts, competence carried over
    (each person's own draw on reaching this level, whenever that happens), and their new
    retirement date."""
    wf, est, date = w.wf, w.est, w.date
    n = rows.size
    old = wf.level[rows]
    female = wf.female[rows]
    left = np.bincount(old, minlength=est.n_levels)
    w.recorder.promotions(level, left, np.bincount(old[female], minlength=est.n_levels), n, int(female.sum()))
    w.headcount -= left
    w.headcount[level] += n
    for first_at, structural in ((wf.first_post_at, False), (wf.first_structural_at, True)):
        if structural and not est.structural[level]:
            continue
        first = rows[np.isnan(first_at[rows])]
        if first.size:
            w.recorder.first_promotions(date - wf.service_since[first], structural)
            first_at[first] = date
    wf.irregular[rows] = irregular
    wf.level[rows] = level
    wf.post_since[rows] = date
    s, dice = w.scenario, w.draws.at("carryover", level)
    wf.competence[rows] = carry_over(
        wf.competence[rows], wf.key[rows], s.rules.carryover, s.traits.competence, dice
    )
    update_exit_dates(wf, est, rows)
    assessment.update_fit_gap(wf, est, rows)


def fill(w: World, level: int, vacant: int, by_level: list[np.ndarray] | None = None) -> Filled:
    """Fill up to ``vacant`` posts of ``level`` from its eligible pool, step by step."""
    est = w.est
    pool = est.eligible(w.wf, level, w.date, by_level)
    n = int(min(vacant, pool.size, est.posts[level] - w.headcount[level]))
    if n <= 0:
        return Filled(pool[:0], np.zeros(0, bool))
    open_selection = bool(est.selection_months[level] > 0)
    if open_selection:
        assess_candidates(w, pool, level)
    merit = w.wf.merit[pool]
    buyers = bribes(w, pool, n, level)
    m = n - buyers.size
    candidates = shortlist(w, merit, buyers, m, open_selection)
    chosen = np.concatenate([buyers, pick(w, pool, merit, candidates, m, level)])
    irregular = consequences(w, pool, merit, chosen, buyers.size, level)
    move(w, pool[chosen], irregular, level)
    return Filled(pool[chosen], irregular)
