"""The phases of the organisation's year, in the order they run within a month.

Each phase is a function of the :class:`~meritsim.model.world.World`, run in the months the
scenario gives it; filling posts (staffing, open selections) lives in the calendar, which starts
SimPy processes for open selections.
"""

from __future__ import annotations

import math

import numpy as np

from meritsim.model import kernels, pppk, split, timeline
from meritsim.model.population import recruits
from meritsim.model.ranking import where
from meritsim.model.rules import assessment, kkn, supervision, talent, training, transfers
from meritsim.model.rules.appraisal import accurate, appraise, record
from meritsim.model.rules.exits import CONTRACT_END, DISMISSAL, SANCTION, due_exits
from meritsim.model.rules.rank_promotion import due_rank_promotions
from meritsim.model.scenario.domain import NEXT_DEGREE, PREDIKAT, PREDIKAT_INDEX
from meritsim.model.streams import mix
from meritsim.model.workforce import PNS
from meritsim.model.world import World

COMPACT_AT = 0.1  # drop the rows of those who left once they are this share of all rows


def potential_effect(s) -> float:
    """How much potential speeds up growth (0 when the potential mechanism is off)."""
    return s.traits.potential_effect if s.mechanisms.potential else 0.0


def exits(w: World) -> None:
    """Retirements at BUP, quits and competence dismissals due by the end of the month; PPPK
    contracts that end are renewed or end."""
    due = due_exits(w.wf, w.est, w.date, w.scenario.rules.exits)
    contracts = due.pop(CONTRACT_END)
    for reason, rows in due.items():
        w.leave(rows, reason)
    pppk.contracts_due(w, contracts)


def appraisal(w: World, dismiss: bool = True, occasion: int = 0, rows: np.ndarray | None = None) -> None:
    """The SKP appraisal closes: predikat recorded, dismissals for a poor record, every 9-box
    placed, a year of learning on the job, and the integrity review (detection of irregular
    appointments, quits of the demotivated). ``dismiss=False``: only the record (of everyone, or
    of ``rows``), as for the appraisals before the start."""
    wf, s = w.wf, w.scenario
    some = rows
    rows = where(wf.active) if some is None else some
    favouritism = s.rules.appraisal.favouritism if s.mechanisms.favouritism else 0.0
    result = appraise(wf, rows, s.rules.appraisal, w.dice("appraisal", occasion), favouritism)
    dismissed = close_records(w, rows, result)
    if not dismiss:
        w.score_merit() if some is None else w.score_merit(some)
        return
    assert some is None, "the yearly appraisal is of everyone"
    w.recorder.appraisals(result)
    w.recorder.add("appraisals", rows.size)
    w.recorder.add("appraisals_accurate", accurate(wf, rows, result, s.rules.appraisal))
    w.leave(dismissed, DISMISSAL)
    talent.place(wf, where(wf.active), s.talent)
    if s.mechanisms.learning:
        training.learn_on_the_job(wf, s.training, s.traits.competence, potential_effect(s))
    found = None
    if s.mechanisms.detection:
        w.recorder.add("irregular_checked", int(np.count_nonzero(wf.irregular & wf.active)))
        found = kkn.detected(wf, s.kkn, w.dice("detection"))
        w.recorder.add("detected", found.size)
        if s.kkn.sanction == "dismissal":
            w.leave(found, SANCTION)
    supervision.yearly_review(w, found)
    if s.mechanisms.demotivation:
        kkn.demotivated_quits(wf, w.date, s.kkn, w.dice("attrition"))
    w.score_merit()


def close_records(w: World, rows: np.ndarray, result: np.ndarray) -> np.ndarray:
    """This year's predikat of ``rows`` enter their record: the history, whether it meets what
    promotions need, the year's credit points; returns the rows now due for dismissal."""
    wf, est, exits = w.wf, w.est, w.scenario.rules.exits
    if not kernels.enabled(len(wf)):
        dismissed = record(wf, rows, result, exits)
        wf.good_record[rows] = est.record_ok(wf, rows)
        earn_credits(w, rows, result)
        return dismissed
    from meritsim.model.kernels.record import close_records as closed

    dismissal = exits.dismissal_predikat is not None
    poor = -1 if exits.dismissal_predikat is None else PREDIKAT_INDEX[exits.dismissal_predikat]
    earn = bool(est.credits_per_year.any())  # (numpy: any of the rows' levels; the same credits)
    conversion = credit_conversion(w)

    def close(s: slice) -> np.ndarray:
        return closed(
            rows[s], result[s], wf.skp, wf.poor_streak, dismissal, poor, wf.good_record,
            int(est.min_predikat), int(est.record_years), wf.level, wf.credits, earn, est.credits_per_year,
            conversion,
        )  # fmt: skip

    streaks = split.joined_spans(close, rows.size)
    return rows[streaks >= exits.dismissal_years] if dismissal else rows[:0]


def credit_conversion(w: World) -> np.ndarray:
    """The share of a level's yearly credit points earned at each predikat."""
    conversion = np.zeros(len(PREDIKAT), np.float32)
    for name, share in w.scenario.rules.appraisal.credit_conversion.items():
        conversion[PREDIKAT_INDEX[name]] = share
    return conversion


def earn_credits(w: World, rows: np.ndarray, result: np.ndarray) -> None:
    """Functional staff earn their level's yearly credit points, converted by their predikat."""
    per_year = w.est.credits_per_year[w.wf.level[rows]]
    if per_year.any():
        w.wf.credits[rows] += per_year * credit_conversion(w)[result]


def study(w: World) -> None:
    """In-service study (izin/tugas belajar): at each level, ``study_rate`` of the staff gain the
    next degree this year (each person's own draw)."""
    wf, dice = w.wf, w.dice("study")
    if kernels.enabled(len(wf)):
        from meritsim.model.kernels.phases import studied

        rate, salt = w.est.study_rate, mix(dice.salt, 0)

        def done_in(s: slice) -> np.ndarray:
            return studied(wf.level[s], wf.education[s], wf.key[s], rate, NEXT_DEGREE, salt)

        done = where(split.joined_spans(done_in, len(wf)))
    else:
        rate = w.est.study_rate[wf.level]
        rows = where(wf.active & (rate > 0) & (NEXT_DEGREE[wf.education] != wf.education))
        if rows.size == 0:
            return
        done = rows[dice.uniform(wf.key[rows]) < rate[rows]]
    w.wf.education[done] = NEXT_DEGREE[w.wf.education[done]]
    w.recorder.add("degrees", int(done.size))


def start_assessments(w: World) -> None:
    """The state at date 0: the assessments of the last cycle (as many as the centre's capacity
    allowed, dated within it) and everyone's 9-box."""
    wf, cfg = w.wf, w.scenario.assessment
    dice = w.dice("assessment", -1)
    rows = where(wf.active)
    keys = wf.key[rows]
    rows = rows[dice.uniform(keys, 100) < min(cfg.capacity_share * cfg.frequency_years, 1.0)]
    assessment.assess(wf, rows, w.date, cfg, w.scenario.traits.competence, dice)
    wf.assessed_at[rows] = w.date - dice.uniform(wf.key[rows], 101) * cfg.frequency_years
    talent.place(wf, where(wf.active), w.scenario.talent)
    w.score_merit()


def assessment_round(w: World) -> None:
    """The assessment centre's yearly round."""
    cfg = w.scenario.assessment
    rows = assessment.due(w.wf, w.date, cfg)
    assessment.assess(w.wf, rows, w.date, cfg, w.scenario.traits.competence, w.dice("assessment"))
    w.score_merit(rows)
    w.recorder.add("assessed", rows.size)


def training_round(w: World) -> None:
    """The training centre's yearly courses, by assessed gap within budget and seats."""
    s = w.scenario
    w.recorder.add("with_gap", training.with_gap(w.wf, w.est, s.training))
    if not s.mechanisms.training:
        return
    rows = training.train(
        w.wf, w.est, s.training, s.organisation.scale, s.traits.competence, potential_effect(s)
    )
    assessment.update_fit_gap(w.wf, w.est, rows)
    w.recorder.add("trained", rows.size)
    w.recorder.add("training_cost", rows.size * s.training.cost_million_rp)


def transfer_round(w: World) -> None:
    """Transfers (mutasi) towards the units' workloads."""
    share = w.scenario.transfers.share_per_year
    if share > 0:
        org = w.scenario.organisation
        moved = transfers.rebalance(w.wf, org.units, org.unit_workload_cv, share, w.dice("transfers"))
        w.recorder.add("transfers", moved)


def rank_promotion(w: World) -> None:
    """Regular rank promotions due on this promotion date."""
    rows = due_rank_promotions(w.wf, w.est, w.date, w.scenario.rules.rank_promotion)
    w.wf.rank[rows] += 1
    w.wf.rank_since[rows] = w.date
    w.recorder.add("rank_promotions", rows.size)


def recruitment(w: World) -> None:
    """CPNS (and PPPK) recruitment into the entry levels' vacancies (a share of them, or the
    year's formation from the timeline)."""
    share = w.scenario.rules.recruitment.fill_share
    counts = {}
    for level in w.est.entry:
        vacant = w.est.posts[level] - w.headcount[level]
        w.recorder.add("entry_vacancies", max(int(vacant), 0))
        n = math.floor(vacant * share + 1e-9)
        if int(level) in w.formations:  # the timeline's formation for this year
            n = timeline.recruits(w, int(level), vacant)
        if n > 0:
            counts[int(level)] = n
    if not counts:
        return
    new = recruits(w.scenario, w.est, counts, w.month, w.next_id, w.draws)
    w.next_id += len(new)
    rows = w.wf.append(new)
    if w.est.pppk:
        pppk.hire(w, rows)
    w.wf.good_record[rows] = w.est.record_ok(w.wf, rows)
    assessment.update_fit_gap(w.wf, w.est, rows)
    w.score_merit(rows)
    w.recorder.flow("hires", w.wf.level[rows], w.wf.female[rows], w.wf.employment[rows] != PNS)
    w.headcount += np.bincount(w.wf.level[rows], minlength=w.est.n_levels)


def observation(w: World) -> None:
    """The year end: the state is recorded (after a spin-up, its last year is recorded as year 0);
    the rows of leavers are dropped when they are many."""
    if w.month > 0:
        w.recorder.observe(w.wf, w.year, w.policy_spec.name, w.date)
    elif w.month < 0:  # a spin-up year: its counts are not kept (the last one's become year 0's)
        w.recorder.start_year()
    if np.count_nonzero(~w.wf.active) > COMPACT_AT * len(w.wf):
        w.wf.keep(w.wf.active)
