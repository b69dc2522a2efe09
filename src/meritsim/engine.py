"""The SimPy calendar of the organisation, acting on the whole workforce arrays.

Time is counted in months. Each rhythm of the organisation is one SimPy process: exit checks,
the appraisal cycle, rank-promotion dates, staffing rounds, recruitment waves, a policy change, the
year-end observation; an open selection for a senior post is a process of its own, from vacancy to
appointment. Everything that happens in month ``m`` of year ``y`` is dated at the end of that month
(``12 y + m`` months); within a month the rhythms run in a fixed order, by ``PHASE``.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import simpy

from meritsim.institutions import Institutions
from meritsim.observe import Recorder
from meritsim.organisation import Organisation, compile_organisation
from meritsim.params.schema import PolicySpec, Scenario
from meritsim.policies import Policy, make_policy
from meritsim.population import initial_workforce, recruits, snapshot_workforce
from meritsim.rules.appraisal import appraise, record
from meritsim.rules.carryover import carry_over
from meritsim.rules.exits import DISMISSAL, SANCTION, due_exits, update_exit_dates
from meritsim.rules.rank_promotion import due_rank_promotions
from meritsim.streams import replication_streams
from meritsim.workforce import LEFT, Workforce

PHASE = {
    "exits": 0,
    "appraisal": 1,
    "assessment": 2,
    "training": 3,
    "transfers": 4,
    "rank_promotion": 5,
    "policy_change": 6,
    "staffing": 7,
    "recruitment": 8,
    "observe": 19,
}
PHASES_PER_MONTH = 20
COMPACT_AT = 0.1  # drop the rows of those who left once they are this share of all rows


@dataclass
class RunResult:
    """The tables of one replication."""

    yearly: pd.DataFrame
    org: pd.DataFrame


class Simulation:
    """One replication of a scenario: the workforce, its calendar, and what was observed."""

    def __init__(
        self, scenario: Scenario, replication: int = 0, *, years: int | None = None,
        seed: int | None = None, audit: bool = False,
    ):  # fmt: skip
        self.scenario = scenario
        self.years = scenario.years if years is None else years
        self.audit = audit
        self.org: Organisation = compile_organisation(scenario)
        self.rngs = replication_streams(scenario.seed if seed is None else seed, replication)
        self.env = simpy.Environment()
        start = snapshot_workforce if scenario.workforce is not None else initial_workforce
        self.wf: Workforce = start(scenario, self.org, self.rngs)
        self.next_id = len(self.wf)
        self.headcount = np.bincount(self.wf.level, minlength=self.org.n_levels)
        self.in_selection = np.zeros(self.org.n_levels, np.int64)
        self._set_policy(scenario.policy)
        self.institutions = Institutions(scenario, self.org, self.rngs)
        self.recorder = Recorder(self.org, scenario, replication)
        if scenario.workforce is None:  # a snapshot brings its own appraisal record
            for _ in range(scenario.rules.appraisal.record_years):
                self._appraise(dismiss=False)
        self.institutions.start(self.wf)

    # -- calendar -------------------------------------------------------------------------

    @property
    def date(self) -> float:
        """Today in years: the end of the current month."""
        return math.floor(self.env.now + 1e-9) / 12.0

    def _rhythm(self, months: list[int], phase: str, action: Callable[[], None]) -> Generator:
        for year in range(self.years):
            for month in sorted(set(months)):
                yield self.env.timeout(12 * year + month + PHASE[phase] / PHASES_PER_MONTH - self.env.now)
                action()

    def run(self) -> RunResult:
        """Simulate all years; returns the yearly and org tables."""
        for _ in self.years_run():
            pass
        return RunResult(*self.recorder.tables())

    def years_run(self) -> Iterator[int]:
        """Simulate year by year, yielding each year just after its observation (when the
        workforce can be looked at, e.g. exported); the tables are complete at the end."""
        self._start()
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for year in range(1, self.years + 1):
                self.env.run(until=12 * year + (PHASE["observe"] + 0.5) / PHASES_PER_MONTH)
                yield year
        finally:
            if gc_was_enabled:
                gc.enable()

    def _start(self) -> None:
        r = self.scenario.rules
        self.recorder.snapshot(
            self.wf,
            0,
            self.policy_spec.name,
            0.0,
            extra_org=self.institutions.year_columns(self.wf, self.policy),
            extra_levels=self.institutions.level_columns(self.wf, self.date),
        )
        for months, phase, action in (
            (r.exits.check_months, "exits", self._exits),
            ([r.appraisal.month], "appraisal", self._appraise),
            (
                [self.scenario.assessment.month],
                "assessment",
                lambda: self.institutions.assess(self.wf, self.date),
            ),
            ([self.scenario.training.month], "training", lambda: self.institutions.train(self.wf)),
            ([self.scenario.transfers.month], "transfers", lambda: self.institutions.transfer(self.wf)),
            (r.rank_promotion.months, "rank_promotion", self._rank_promotion),
            (r.staffing.months, "staffing", self._staffing_round),
            (r.recruitment.months, "recruitment", self._recruit),
            ([12], "observe", self._year_end),
        ):
            self.env.process(self._rhythm(months, phase, action))
        if self.scenario.policy_change is not None:
            self.env.process(self._policy_change())

    def _policy_change(self) -> Generator:
        change = self.scenario.policy_change
        yield self.env.timeout(12 * (change.year - 1) + 1 + PHASE["policy_change"] / PHASES_PER_MONTH)
        self._set_policy(change.policy)

    def _set_policy(self, spec: PolicySpec) -> None:
        self.policy_spec = spec
        self.policy: Policy = make_policy(spec)

    # -- rhythms ----------------------------------------------------------------------------

    def _leave(self, rows: np.ndarray, reason: str) -> None:
        if rows.size:
            self.recorder.exits(self.wf, rows, reason)
            self.headcount -= np.bincount(self.wf.level[rows], minlength=self.org.n_levels)
            self.wf.level[rows] = LEFT

    def _exits(self) -> None:
        for reason, rows in due_exits(self.wf, self.org, self.date, self.scenario.rules.exits).items():
            self._leave(rows, reason)
        self._check()
        if self.audit:
            act = self.wf.active
            due = self.wf.born[act] + self.org.retirement_age[self.wf.level[act]]
            assert (due > self.date + 1e-9).all(), "someone is past retirement age after exits"

    def _appraise(self, dismiss: bool = True) -> None:
        rows = np.flatnonzero(self.wf.active)
        rules = self.scenario.rules
        result = appraise(self.wf, rows, rules.appraisal, self.rngs["appraisal"])
        dismissed = record(self.wf, rows, result, rules.exits)
        if dismiss:
            self._leave(dismissed, DISMISSAL)
            self.institutions.review_talent(self.wf)
            self._leave(self.institutions.integrity_review(self.wf, self.date), SANCTION)

    def _rank_promotion(self) -> None:
        rows = due_rank_promotions(self.wf, self.org, self.date, self.scenario.rules.rank_promotion)
        self.wf.rank[rows] += 1
        self.wf.rank_since[rows] = self.date
        self.recorder.rank_promotions += rows.size

    def _staffing_round(self) -> None:
        """Fill vacancies top level first, so each promotion's vacancy cascades down in the same
        round; at levels with ``selection_months`` the round's vacancies go to an open selection."""
        org = self.org
        by_level = None  # rows of each level, grouped once per round: nobody joins a source level
        for level in org.top_down:  # until it is itself filled, lower down, later in the round
            if org.sources[level].size == 0:
                continue
            vacant = org.posts[level] - self.headcount[level] - self.in_selection[level]
            if vacant <= 0:
                continue
            if org.selection_months[level] > 0:
                self.env.process(self._open_selection(level, int(vacant)))
            else:
                by_level = by_level if by_level is not None else org.rows_by_level(self.wf)
                self._appoint(level, vacant, by_level)

    def _open_selection(self, level: int, vacant: int) -> Generator:
        """Vacancies announced together -> assessment, interview -> appointment, months later."""
        self.in_selection[level] += vacant
        yield self.env.timeout(int(self.org.selection_months[level]))
        self.in_selection[level] -= vacant
        self._appoint(level, vacant)

    def _appoint(self, level: int, vacant: int, by_level: list[np.ndarray] | None = None) -> None:
        """Promote up to ``vacant`` eligible people into ``level`` as the policy chooses."""
        wf, date = self.wf, self.date
        pool = self.org.eligible(wf, level, date, by_level)
        n = int(min(vacant, pool.size, self.org.posts[level] - self.headcount[level]))
        if n <= 0:
            return
        open_selection = bool(self.org.selection_months[level] > 0)
        chosen, irregular = self.institutions.fill(wf, self.policy, pool, n, level, date, open_selection)
        wf.irregular[chosen] = irregular
        old = wf.level[chosen]
        self.recorder.count("promotions_out", old, wf.female[chosen])
        self.recorder.count("promotions_in", np.full(n, level), wf.female[chosen])
        self.headcount -= np.bincount(old, minlength=self.org.n_levels)
        self.headcount[level] += n
        for first_at, structural in ((wf.first_post_at, False), (wf.first_structural_at, True)):
            if structural and not self.org.structural[level]:
                continue
            first = chosen[np.isnan(first_at[chosen])]
            self.recorder.first_promotions(date - wf.service_since[first], structural)
            first_at[first] = date
        wf.level[chosen] = level
        wf.post_since[chosen] = date
        rules, traits = self.scenario.rules, self.scenario.traits
        wf.competence[chosen] = carry_over(
            wf.competence[chosen], rules.carryover, traits.competence, self.rngs["carryover"]
        )
        update_exit_dates(wf, self.org, chosen)

    def _recruit(self) -> None:
        share = self.scenario.rules.recruitment.fill_share
        counts = {}
        for level in self.org.entry:
            vacant = self.org.posts[level] - self.headcount[level]
            n = math.floor(vacant * share + 1e-9)
            if n > 0:
                counts[int(level)] = n
        if not counts:
            return
        new = recruits(self.scenario, self.org, counts, self.date, self.next_id, self.rngs)
        self.next_id += len(new)
        rows = self.wf.append(new)
        self.recorder.count("hires", self.wf.level[rows], self.wf.female[rows])
        self.headcount += np.bincount(self.wf.level[rows], minlength=self.org.n_levels)

    def _year_end(self) -> None:
        year = round(self.env.now) // 12
        self._check()
        self.recorder.snapshot(
            self.wf,
            year,
            self.policy_spec.name,
            self.date,
            extra_org=self.institutions.year_columns(self.wf, self.policy),
            extra_levels=self.institutions.level_columns(self.wf, self.date),
        )
        if np.count_nonzero(~self.wf.active) > COMPACT_AT * len(self.wf):
            self.wf.keep(self.wf.active)

    # -- audit ------------------------------------------------------------------------------

    def _check(self) -> None:
        """With ``audit=True``: verify the invariants the engine relies on."""
        if not self.audit:
            return
        wf, org = self.wf, self.org
        act = wf.active
        counted = np.bincount(wf.level[act], minlength=org.n_levels)
        assert (counted == self.headcount).all(), "headcount bookkeeping drifted"
        assert (counted <= org.posts).all(), "a level holds more people than posts"
        assert np.unique(wf.id).size == len(wf), "an employee appears twice"


def simulate_replication(
    scenario: Scenario, replication: int, *, years: int | None = None, seed: int | None = None,
    audit: bool = False,
) -> RunResult:  # fmt: skip
    """Run one replication and return its tables."""
    return Simulation(scenario, replication, years=years, seed=seed, audit=audit).run()
