"""Filling posts: a pipeline of small named steps, each a plain function.

candidates' assessment (open selection) -> bribes -> the committee's shortlist (which an
official who favours affinity may override) -> the policy's pick -> consequences (judged by an
independent yardstick) -> the move into the post -> the supervisor's review (of a supervised
selection; bribes and overrides are rarer where a supervisor watches). Irregular means an act
that breaks a rule: a bought post, or an appointment outside the shortlist; a lawful choice never
is. The candidates' merit scores (kept up to date by :meth:`World.score_merit` whenever an
appraisal or assessment changes them) are taken once and passed along explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meritsim.model.policies.base import Selection, check_choice
from meritsim.model.ranking import top, where
from meritsim.model.rules import assessment, kkn, supervision, talent
from meritsim.model.rules.carryover import carry_over
from meritsim.model.rules.exits import update_exit_dates
from meritsim.model.workforce import PNS
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


def bribes(w: World, pool: np.ndarray, n: int, level: int, deterrence: float = 0.0) -> np.ndarray:
    """Positions in ``pool`` of the candidates who buy a post (none when bribery is off; fewer
    when a supervisor deters)."""
    if not w.scenario.mechanisms.bribery:
        return np.empty(0, dtype=np.int64)
    return kkn.bought(w.wf, pool, n, w.scenario.kkn, w.dice("bribery", level), deterrence)


def shortlist(w: World, merit: np.ndarray, buyers: np.ndarray, m: int, open_selection: bool) -> np.ndarray:
    """Positions of the candidates the committee proposes: everyone who did not buy a post, or for
    an open selection the ``shortlist`` best assessed per remaining post."""
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


def overrides_shortlist(w: World, level: int, deterrence: float = 0.0) -> bool:
    """Whether the appointing official ignores the committee's shortlist this time: only one who
    favours affinity, with ``shortlist_override_probability`` x (1 - enforcement), x (1 -
    ``deterrence``) when a supervisor watches."""
    s = w.scenario
    if not (s.mechanisms.shortlist_override and w.policy.favours_affinity):
        return False
    p = s.kkn.shortlist_override_probability * (1 - s.kkn.enforcement)
    if deterrence:
        p *= 1 - deterrence
    return bool(w.dice("bribery", level, 1).uniform(np.zeros(1, np.uint32))[0] < p)


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


def yardstick(w: World, pool: np.ndarray, level: int) -> np.ndarray:
    """The independent yardstick of the candidates: their latent competence, or an independent
    panel's assessment of it (its own error, each candidate's own draw)."""
    y = w.scenario.yardstick
    truth = w.wf.competence[pool]
    if y.kind == "latent" or y.panel_error_sd == 0:
        return truth
    return truth + y.panel_error_sd * w.dice("assessment", level, 2).normal(w.wf.key[pool])


def consequences(w: World, pool: np.ndarray, chosen: np.ndarray, irregular: np.ndarray, level: int) -> None:
    """Record what the appointments mean, judged by the same yardstick for every policy: an
    appointment is merit-consistent when it went to one of the best ``best_per_post`` x n
    candidates by the yardstick; high performers among them who were not chosen are passed over
    (and lose motivation)."""
    n = chosen.size
    is_best = np.zeros(pool.size, bool)
    is_best[top(yardstick(w, pool, level), n * w.scenario.yardstick.best_per_post)] = True
    consistent = is_best[chosen]
    is_best[chosen] = False
    passed = pool[is_best]
    passed = passed[w.wf.competence[passed] >= w.scenario.rules.appraisal.results_above]
    if w.scenario.mechanisms.demotivation:
        kkn.pass_over(w.wf, passed, w.scenario.kkn)
    rec = w.recorder
    rec.add("appointments", n)
    rec.add("merit_consistent", int(consistent.sum()))
    rec.add("irregular_appointments", int(irregular.sum()))
    rec.add("irregular_merit", int((irregular & consistent).sum()))
    rec.add("passed_over", passed.size)
    if w.est.selection_months[level] > 0:  # a senior post: filled from the talent pool or not
        rec.add("senior_appointments", n)
        rec.add("senior_from_pool", int(np.count_nonzero(talent.in_talent_pool(w.wf, pool[chosen]))))


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
    if est.pppk:
        w.recorder.promotions_pppk(level, old[wf.employment[rows] != PNS])
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
    step = rows[wf.rank[rows] < est.min_rank[level]]  # kenaikan pangkat with kenaikan jenjang
    if est.pppk:
        step = step[wf.employment[step] == PNS]  # PPPK keep their grade
    wf.rank[step] = est.min_rank[level]
    wf.rank_since[step] = date
    wf.credits[rows] = np.maximum(wf.credits[rows] - est.credits_to_rise[old], 0)  # the excess carries over
    wf.level[rows] = level
    wf.post_since[rows] = date
    s, dice = w.scenario, w.draws.at("carryover", level)
    potential = wf.potential[rows] if s.mechanisms.potential else None
    wf.competence[rows] = carry_over(
        wf.competence[rows], wf.key[rows], s.rules.carryover, s.traits.competence, dice, potential
    )
    update_exit_dates(wf, est, rows)
    assessment.update_fit_gap(wf, est, rows)


def rise_by_credits(w: World, pool: np.ndarray, n: int, level: int) -> Filled:
    """A functional rise (kenaikan jenjang): the formation's ``n`` free places go to the eligible
    with most credit points (then the highest rank, then each person's key), a queue in which
    whoever qualified earliest has accumulated most; no policy, no bribe."""
    wf = w.wf
    credits = wf.credits[pool]
    if pool.size > 4 * n + 64:  # only those with at least the n-th most credits can be chosen
        pool = pool[credits >= -np.partition(-credits, n - 1)[n - 1]]
        credits = wf.credits[pool]
    rows = pool[np.lexsort((wf.key[pool], -wf.rank[pool], -credits))[:n]]
    irregular = np.zeros(n, bool)
    w.recorder.add("credit_rises", n)
    move(w, rows, irregular, level)
    return Filled(rows, irregular)


def fill(w: World, level: int, vacant: int, by_level: list[np.ndarray] | None = None) -> Filled:
    """Fill up to ``vacant`` posts of ``level`` from its eligible pool, step by step."""
    est = w.est
    pool = est.eligible(w.wf, level, w.date, by_level)
    n = int(min(vacant, pool.size, est.posts[level] - w.headcount[level]))
    if n <= 0:
        return Filled(pool[:0], np.zeros(0, bool))
    if est.by_credits[level] and w.scenario.mechanisms.credit_rises:
        return rise_by_credits(w, pool, n, level)
    open_selection = bool(est.selection_months[level] > 0)
    if open_selection:
        assess_candidates(w, pool, level)
    watched = supervision.watch(w, level, open_selection)
    merit = w.wf.merit[pool]
    buyers = bribes(w, pool, n, level, watched.deterrence)
    m = n - buyers.size
    if pool.size > n:  # more candidates than posts: the policy chooses
        w.recorder.add("choices", n)
    listed = shortlist(w, merit, buyers, m, open_selection)
    candidates = listed
    if open_selection and overrides_shortlist(w, level, watched.deterrence):
        candidates = shortlist(w, merit, buyers, m, open_selection=False)
    chosen = np.concatenate([buyers, pick(w, pool, merit, candidates, m, level)])
    irregular = np.arange(n) < buyers.size  # a bought post; or a pick outside the shortlist
    irregular |= ~np.isin(chosen, listed) & (np.arange(n) >= buyers.size)
    consequences(w, pool, chosen, irregular, level)
    w.recorder.add("bribes_paid", buyers.size * w.scenario.kkn.price_million_rp * float(est.tier[level]))
    move(w, pool[chosen], irregular, level)
    if watched.covered:  # the supervisor reviews the selection: irregular appointees pursued
        supervision.review_selection(w, level, pool[chosen], irregular)
    return Filled(pool[chosen], irregular)
