"""The merit system's institutions around the career rules: the assessment centre, talent reviews,
the training centre, transfers, the way a post is filled (committee, bribes, the appointing
official's pick) and the yearly integrity review. The engine calls them from its calendar; each
keeps the counts the year's observation reports."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from meritsim.organisation import Organisation
from meritsim.params.schema import Scenario
from meritsim.policies import Policy, Selection
from meritsim.policies.base import check_choice, top
from meritsim.policies.scores import merit_score
from meritsim.rules import assessment, kkn, talent, training, transfers
from meritsim.rules.merit_index import merit_index
from meritsim.workforce import Workforce

COUNTS = (
    "assessed",
    "trained",
    "transfers",
    "appointments",
    "merit_consistent",
    "irregular_appointments",
    "irregular_merit",
    "detected",
    "passed_over",
)


@dataclass
class Institutions:
    """The merit-system machinery of one simulation, with this year's counts."""

    scenario: Scenario
    org: Organisation
    rngs: dict[str, np.random.Generator]
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    training_cost: float = 0.0
    bribes_paid: float = 0.0

    # -- yearly rounds -----------------------------------------------------------------------

    def start(self, wf: Workforce) -> None:
        """The state at date 0: the assessments of the last cycle (as many as the centre's
        capacity allowed, dated within it) and everyone's 9-box."""
        cfg = self.scenario.assessment
        rng = self.rngs["assessment"]
        past = cfg.capacity_share * cfg.frequency_years
        rows = np.flatnonzero(wf.active)
        rows = rows[rng.random(rows.size) < min(past, 1.0)]
        assessment.assess(wf, rows, 0.0, cfg, self.scenario.traits.competence, rng)
        wf.assessed_at[rows] = -rng.uniform(0, cfg.frequency_years, rows.size)
        talent.place(wf, np.flatnonzero(wf.active), self.scenario.talent)

    def assess(self, wf: Workforce, date: float) -> None:
        """The assessment centre's yearly round."""
        cfg = self.scenario.assessment
        rows = assessment.due(wf, date, cfg)
        assessment.assess(wf, rows, date, cfg, self.scenario.traits.competence, self.rngs["assessment"])
        self.counts["assessed"] += rows.size

    def review_talent(self, wf: Workforce) -> None:
        """After the appraisal: everyone's 9-box, and a year of learning on the job."""
        talent.place(wf, np.flatnonzero(wf.active), self.scenario.talent)
        training.learn_on_the_job(wf, self.scenario.training, self.scenario.traits.competence)

    def train(self, wf: Workforce) -> None:
        cfg = self.scenario.training
        rows = training.train(
            wf, self.org, cfg, self.scenario.organisation.scale, self.scenario.traits.competence
        )
        self.counts["trained"] += rows.size
        self.training_cost += rows.size * cfg.cost_million_rp

    def transfer(self, wf: Workforce) -> None:
        share = self.scenario.transfers.share_per_year
        if share > 0:
            org = self.scenario.organisation
            moved = transfers.rebalance(wf, org.units, org.unit_workload_cv, share, self.rngs["policy"])
            self.counts["transfers"] += moved

    def integrity_review(self, wf: Workforce, date: float) -> np.ndarray:
        """Detection of irregular appointments (returns the rows to sanction) and the quits of the
        demotivated."""
        cfg = self.scenario.kkn
        found = kkn.detected(wf, cfg, self.rngs["policy"])
        self.counts["detected"] += found.size
        kkn.demotivated_quits(wf, date, cfg, self.rngs["attrition"])
        return found if cfg.sanction == "dismissal" else found[:0]

    # -- filling posts -------------------------------------------------------------------------

    def fill(
        self,
        wf: Workforce,
        policy: Policy,
        pool: np.ndarray,
        n: int,
        level: int,
        date: float,
        open_selection: bool,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Who gets ``n`` posts of ``level`` from the eligible ``pool`` (sorted rows): bribes first,
        then (for an open selection) the committee's shortlist of the best assessed, then the
        policy's pick. Returns the chosen rows and whether each got the post irregularly."""
        s, rngs = self.scenario, self.rngs
        if open_selection:  # the selection's own competency assessment of every candidate
            assessment.assess(wf, pool, date, s.assessment, s.traits.competence, rngs["assessment"])
        sel = Selection(wf, date, level, s, rngs["policy"], rngs["assessment"])
        merit = merit_score(sel, pool, policy.spec.merit_weights)
        sel.merit_cache = (pool, policy.spec.merit_weights, merit)
        best = top(merit, n)
        buyers = kkn.bought(wf, pool, n, s.kkn, rngs["policy"])
        free = np.ones(pool.size, bool)
        free[buyers] = False
        candidates, m = np.flatnonzero(free), n - buyers.size
        if open_selection and s.open_selection.shortlist > 0 and m > 0:
            candidates = np.sort(candidates[top(merit[candidates], s.open_selection.shortlist * m)])
        picked = policy.choose(sel, pool[candidates], m) if m > 0 else candidates[:0]
        picked = candidates[check_choice(policy.name, picked, pool[candidates], m, self.org.keys[level])]
        chosen_pos = np.concatenate([buyers, picked])
        is_best = np.zeros(pool.size, bool)
        is_best[best] = True
        irregular = np.arange(chosen_pos.size) < buyers.size
        if policy.favours_affinity:  # nepotism: picked by affinity over a better candidate
            irregular |= ~is_best[chosen_pos]
        consistent = is_best[chosen_pos]
        is_best[chosen_pos] = False
        passed = pool[is_best]  # the best who were not chosen
        passed = passed[talent.in_talent_pool(wf, passed)]
        kkn.pass_over(wf, passed, s.kkn)
        self.counts["appointments"] += chosen_pos.size
        self.counts["merit_consistent"] += int(consistent.sum())
        self.counts["irregular_appointments"] += int(irregular.sum())
        self.counts["irregular_merit"] += int((irregular & consistent).sum())
        self.counts["passed_over"] += passed.size
        self.bribes_paid += buyers.size * s.kkn.price_million_rp * float(self.org.tier[level])
        return pool[chosen_pos], irregular

    # -- the year's observation ----------------------------------------------------------------

    def year_columns(self, wf: Workforce, policy: Policy) -> dict[str, float]:
        """Columns of the org table for the year, then the counts start again."""
        act = wf.active
        head, posts = int(act.sum()), int(self.org.posts.sum())
        boxes = np.bincount(wf.box[act], minlength=10)
        date_valid = ~np.isnan(wf.assessed_at[act])
        year = {
            **self.counts,
            "headcount": head,
            "posts": posts,
            "assessed_valid": int(date_valid.sum()),
            "irregular_holders": int((wf.irregular & act).sum()),
            "talent_in_use": self.scenario.talent.succession_first and policy.name == "merit",
        }
        index, scores = merit_index(self.scenario, year)
        org = self.scenario.organisation
        out = {
            **self.counts,
            "training_cost": self.training_cost,
            "bribes_paid": self.bribes_paid,
            "irregular_holders": year["irregular_holders"],
            "talent_pool": int(boxes[talent.TALENT_POOL :].sum()),
            **{f"box_{b}": int(boxes[b]) for b in range(1, 10)},
            "assessed_share": year["assessed_valid"] / head if head else np.nan,
            "workload_balance": transfers.balance(wf, org.units, org.unit_workload_cv),
            "merit_index": index,
            **{f"mi_{k}": v for k, v in scores.items()},
        }
        self.counts = dict.fromkeys(COUNTS, 0)
        self.training_cost = self.bribes_paid = 0.0
        return out

    def succession_list(self, wf: Workforce, level: int, date: float) -> np.ndarray:
        """The succession list of a senior level: talent-pool members eligible for it now, best
        talent score first (50 % performance axis, 50 % potential axis; DOMAIN.md §5)."""
        pool = self.org.eligible(wf, level, date)
        pool = pool[talent.in_talent_pool(wf, pool)]
        performance = talent.performance_axis(wf.skp[pool, 0]) / 2
        score = 0.5 * performance + 0.5 * talent.potential_axis(wf, pool, self.scenario.talent)
        return pool[top(score, pool.size)]

    def level_columns(self, wf: Workforce, date: float) -> dict[str, np.ndarray]:
        """Columns of the yearly (per level) table."""
        act = np.flatnonzero(wf.active)
        n = self.org.n_levels
        level = wf.level[act]
        head = np.maximum(np.bincount(level, minlength=n), 1)
        gap = assessment.job_fit_gap(wf, self.org)[act]
        succession = np.zeros(n, np.int64)
        for senior in np.flatnonzero(self.org.selection_months > 0):
            succession[senior] = self.succession_list(wf, senior, date).size
        return {
            "job_fit_gap": np.bincount(level, weights=gap, minlength=n) / head,
            "talent_pool_holders": np.bincount(level[talent.in_talent_pool(wf, act)], minlength=n),
            "irregular_holders": np.bincount(level[wf.irregular[act]], minlength=n),
            "succession_candidates": succession,
        }
