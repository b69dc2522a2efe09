"""The state of one replication that every phase of the calendar acts on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.establishment import Establishment
from meritsim.model.policies import Policy, make_policy
from meritsim.model.policies.scores import merit_score, merit_score_compiled
from meritsim.model.record import Recorder
from meritsim.model.rules.assessment import update_fit_gap
from meritsim.model.scenario.schema import PolicySpec, Scenario, Supervision
from meritsim.model.streams import Dice, Draws
from meritsim.model.workforce import LEFT, Workforce

SELF_ASSESSMENT = 7  # the occasion tag of the yearly self-assessments
ALL = slice(None)


@dataclass(eq=False)
class World:
    """The scenario, its establishment, the workforce, the random draws, the recorder and the
    bookkeeping of posts. ``month`` counts the months since the start: 12 y + m is the end of
    month m of year y + 1; dates (in years) are the ends of months."""

    scenario: Scenario
    est: Establishment
    wf: Workforce
    draws: Draws
    recorder: Recorder
    policy_spec: PolicySpec
    policy: Policy = field(init=False)
    headcount: np.ndarray = field(init=False)
    in_selection: np.ndarray = field(init=False)  # vacancies of each level in an open selection
    next_id: int = field(init=False)
    month: int = 0
    supervision: Supervision = field(init=False)  # the supervisor in force (timeline events change it)
    formations: dict[int, tuple[str, float]] = field(init=False)  # this year's: level -> (rule, value)
    conversions: dict[int, int] = field(init=False)  # posts each conversion event converts in all
    pppk_share: dict[int, float] = field(init=False)  # this year's PPPK formations: level -> share

    def __post_init__(self) -> None:
        self.supervision = self.scenario.supervision
        self.formations, self.conversions, self.pppk_share = {}, {}, {}
        self.set_policy(self.policy_spec)
        self.headcount = np.bincount(self.wf.level[self.wf.active], minlength=self.est.n_levels)
        self.in_selection = np.zeros(self.est.n_levels, np.int64)
        self.next_id = int(self.wf.id.max()) + 1 if len(self.wf) else 0
        self.wf.good_record[:] = self.est.record_ok(self.wf, np.arange(len(self.wf)))
        update_fit_gap(self.wf, self.est)
        self.score_merit()

    @property
    def date(self) -> float:
        """Today in years: the end of the current month."""
        return self.month / 12

    @property
    def year(self) -> int:
        """The simulated year of the current month (1 = the first; 0 before it)."""
        return (self.month + 11) // 12

    def dice(self, mechanism: str, *occasion: int) -> Dice:
        """The dice of ``mechanism`` this month (and any finer ``occasion``)."""
        return self.draws.at(mechanism, self.month, *occasion)

    def amend(self, *, posts: np.ndarray | None = None, retirement_age: np.ndarray | None = None) -> None:
        """Replace arrays of the establishment (a timeline event) by a new :class:`Establishment`,
        so that a world sharing the old one (a cached spin-up) keeps it."""
        est = self.est
        self.est = replace(
            est,
            posts=est.posts if posts is None else posts,
            retirement_age=est.retirement_age if retirement_age is None else retirement_age,
        )
        self.recorder.est = self.est

    def set_policy(self, spec: PolicySpec) -> None:
        self.policy_spec = spec
        self.policy = make_policy(spec)
        if hasattr(self, "headcount"):  # a reform: the new policy's merit weights apply
            self.score_merit()

    def score_merit(self, rows: np.ndarray | slice = ALL) -> None:
        """Update the merit score of ``rows`` (default: everyone) after an appraisal or an
        assessment changed what the organisation knows; those never assessed by the centre use
        this year's self-assessment (each person's own draw)."""
        dice = self.draws.at("assessment", SELF_ASSESSMENT, self.year)
        weights = self.policy.spec.merit_weights
        wf, date = self.wf, self.date
        if isinstance(rows, slice) and len(wf) >= split.MIN_ROWS:
            rows = np.arange(len(wf))[rows]
        if isinstance(rows, slice):
            wf.merit[rows] = merit_score(wf, rows, self.scenario, weights, dice, date)
            return

        compiled = kernels.enabled(len(wf))

        def score(part: np.ndarray) -> None:
            if compiled:
                merit_score_compiled(wf, part, self.scenario, weights, dice, date)
            else:
                wf.merit[part] = merit_score(wf, part, self.scenario, weights, dice, date)

        split.each(score, rows)

    def leave(self, rows: np.ndarray, reason: str) -> None:
        """``rows`` leave the service for ``reason``."""
        if rows.size:
            self.recorder.exits(self.wf, rows, reason)
            self.headcount -= np.bincount(self.wf.level[rows], minlength=self.est.n_levels)
            self.wf.level[rows] = LEFT
