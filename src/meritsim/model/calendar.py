"""The SimPy calendar of the organisation's year.

Time is counted in whole months. One SimPy process ticks month by month and runs the year's
phases in order: the timeline's events (January), exits, appraisal, assessment, training,
transfers, rank promotion, policy change, selections, staffing, recruitment, observation, each in
the months the scenario gives it. An open selection for a senior post is a SimPy process of its
own: announced in a staffing round, it appoints in the selections phase ``selection_months``
later. Observers (callables of an event name and the world) are called after every phase and
every appointment, so tests and tools can watch the engine without touching it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import pandas as pd
import simpy

from meritsim.model import appointments, heap, phases, pppk, spinup, timeline
from meritsim.model.establishment import Establishment, compile_establishment
from meritsim.model.population import imported_workforce, initial_workforce
from meritsim.model.record import Recorder
from meritsim.model.rules import talent
from meritsim.model.scenario.schema import Scenario
from meritsim.model.streams import Draws
from meritsim.model.world import World

Observer = Callable[[str, World], None]
ALL_MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class Phase:
    """A step of the organisation's year: its name, the months it runs in, and what it does."""

    name: str
    months: tuple[int, ...]
    action: Callable[[], None]


@dataclass
class RunResult:
    """The tables of one replication."""

    yearly: pd.DataFrame
    org: pd.DataFrame


@contextmanager
def _engine_running(rows: int) -> Iterator[None]:
    """No cyclic garbage collection while the engine runs (it only allocates arrays), and for a
    workforce of ``rows`` at national scale freed memory kept for its next temporaries
    (:mod:`meritsim.model.heap`; smaller temporaries come from the heap anyway)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with heap.kept() if rows >= heap.MIN_ROWS else nullcontext():
            yield
    finally:
        if was_enabled:
            gc.enable()


class Simulation:
    """One replication of a scenario: the world, its calendar, and what was observed."""

    def __init__(
        self, scenario: Scenario, replication: int = 0, *, years: int | None = None,
        seed: int | None = None, observers: Sequence[Observer] = (),
    ):  # fmt: skip
        self.scenario = scenario
        self.years = scenario.years if years is None else years
        self.observers = tuple(observers)
        seed = scenario.seed if seed is None else seed
        self.spinup_years = 0 if scenario.workforce is not None else scenario.history.years
        self._cache_key = spinup.key(scenario, seed, replication) if self.spinup_years else None
        self._waiting: dict[tuple[int, str], simpy.Event] = {}
        self._selections: dict[int, tuple[int, int, int]] = {}  # under way: (level, vacancies, month)
        spun = spinup.recall(self._cache_key, scenario) if self._cache_key else None
        org = scenario.organisation
        with _engine_running(round(sum(org.posts(k) for k in org.levels))):  # (about the rows)
            self.world = spun.world if spun is not None else self._start(scenario, seed, replication)
        self.env = simpy.Environment(initial_time=self.world.month)
        self.phases = self._phases()
        if spun is not None:
            for level, vacant, month in spun.selections:
                self.env.process(self._open_selection(level, vacant, month, announced=True))
        self.env.process(self._months())
        if self.world.month < 0:
            self._spin_up()
        if self.world.policy_spec != scenario.policy:
            self.world.set_policy(scenario.policy)
        with _engine_running(len(self.wf)):
            self._pppk_at_start()  # (a cached spin-up is kept without them)
            self.world.recorder.observe(self.wf, 0, scenario.policy.name, self.world.date)

    def _pppk_at_start(self) -> None:
        """The PPPK employed at year 0 (``pppk.initial``; after a spin-up, which is PNS only) join
        with an appraisal record on the start's occasions and their 9-box."""
        w = self.world
        rows = pppk.start_stock(w)
        if rows.size:
            for k in range(self.scenario.rules.appraisal.record_years):
                phases.appraisal(w, dismiss=False, occasion=-1 - k, rows=rows)
            talent.place(w.wf, rows, self.scenario.talent)

    def _spin_up(self) -> None:
        """Run the status quo until year 0 (whose record is the spin-up's last year) and keep
        the spun-up world for the other policies of the study."""
        with _engine_running(len(self.wf)):
            self.env.run(until=1)
        assert self._cache_key is not None, "a spin-up runs only with spinup_years > 0, which sets the key"
        spinup.remember(self._cache_key, spinup.SpunUp(self.world, list(self._selections.values())))

    def _start(self, scenario: Scenario, seed: int, replication: int) -> World:
        """The world at the start: the initial (or imported) workforce, its appraisal record and
        assessments; before a spin-up, dated that many years before 0, under the status quo."""
        est: Establishment = compile_establishment(scenario)
        draws = Draws(seed, replication)
        if scenario.workforce is not None:
            wf = imported_workforce(scenario, est, draws)
        else:
            wf = initial_workforce(scenario, est, draws, even_ages=self.spinup_years > 0)
        policy = scenario.history.policy if self.spinup_years else scenario.policy
        if self.spinup_years:
            spinup.shift_dates(wf, -self.spinup_years)
        recorder = Recorder(est, scenario, replication)
        world = World(scenario, est, wf, draws, recorder, policy, month=-12 * self.spinup_years)
        if scenario.workforce is None:  # a snapshot brings its own appraisal record
            for k in range(scenario.rules.appraisal.record_years):
                phases.appraisal(world, dismiss=False, occasion=-1 - k)
        phases.start_assessments(world)
        return world

    # the world's parts, for convenience
    @property
    def wf(self):
        return self.world.wf

    @property
    def est(self) -> Establishment:
        return self.world.est

    def _phases(self) -> list[Phase]:
        s, w = self.scenario, self.world
        r = s.rules
        change = s.policy_change
        return [
            Phase("timeline", (1,) if s.timeline.events else (), lambda: timeline.january(w)),
            Phase("exits", tuple(r.exits.check_months), lambda: phases.exits(w)),
            Phase("appraisal", (r.appraisal.month,), lambda: phases.appraisal(w)),
            Phase("assessment", (s.assessment.month,), lambda: phases.assessment_round(w)),
            Phase("training", (s.training.month,), lambda: phases.training_round(w)),
            Phase("transfers", (s.transfers.month,), lambda: phases.transfer_round(w)),
            Phase("study", (8,) if s.mechanisms.study else (), lambda: phases.study(w)),
            Phase("rank_promotion", tuple(r.rank_promotion.months), lambda: phases.rank_promotion(w)),
            Phase("policy_change", (1,) if change else (), self._policy_change),
            Phase("selections", ALL_MONTHS, lambda: None),
            Phase("staffing", tuple(r.staffing.months), self._staffing_round),
            Phase("recruitment", tuple(r.recruitment.months), lambda: phases.recruitment(w)),
            Phase("observation", (12,), lambda: phases.observation(w)),
        ]

    # -- the calendar ----------------------------------------------------------------------

    def run(self) -> RunResult:
        """Simulate all years; returns the yearly and org tables."""
        for _ in self.years_run():
            pass
        return RunResult(*self.world.recorder.tables())

    def years_run(self) -> Iterator[int]:
        """Simulate year by year, yielding each year just after its observation (when the
        workforce can be looked at, e.g. exported); the tables are complete at the end."""
        for year in range(1, self.years + 1):
            with _engine_running(len(self.wf)):
                self.env.run(until=12 * year + 1)
            yield year

    def _months(self) -> Generator:
        for month in range(self.world.month + 1, 12 * self.years + 1):
            yield self.env.timeout(1)
            self.world.month = month
            month_of_year = (month - 1) % 12 + 1
            for phase in self.phases:
                if month_of_year not in phase.months:
                    continue
                waiting = self._waiting.pop((month, phase.name), None)
                if waiting is not None:  # processes waiting for this phase run first
                    waiting.succeed()
                    yield waiting
                phase.action()
                self._notify(phase.name)

    def at_phase(self, name: str, month: int) -> simpy.Event:
        """An event that fires when phase ``name`` runs in ``month``."""
        key = (month, name)
        if key not in self._waiting:
            self._waiting[key] = self.env.event()
        return self._waiting[key]

    def _notify(self, event: str) -> None:
        for observer in self.observers:
            observer(event, self.world)

    # -- filling posts ---------------------------------------------------------------------

    def _policy_change(self) -> None:
        change = self.scenario.policy_change
        if change is not None and self.world.year == change.year:
            self.world.set_policy(change.policy)

    def _staffing_round(self) -> None:
        """Fill vacancies top level first, so each promotion's vacancy cascades down in the same
        round; at levels with ``selection_months`` the round's vacancies go to an open selection."""
        w, est = self.world, self.world.est
        by_level = None  # rows of each level, grouped once per round: nobody joins a source level
        for level in est.top_down:  # until it is itself filled, lower down, later in the round
            if est.sources[level].size == 0:
                continue
            vacant = int(est.posts[level] - w.headcount[level] - w.in_selection[level])
            if vacant <= 0:
                continue
            if est.selection_months[level] > 0:
                due = w.month + int(est.selection_months[level])
                self.env.process(self._open_selection(int(level), vacant, due))
            else:
                by_level = by_level if by_level is not None else est.rows_by_level(w.wf)
                appointments.fill(w, int(level), vacant, by_level)
                self._notify("appointment")

    def _open_selection(self, level: int, vacant: int, month: int, announced: bool = False) -> Generator:
        """Vacancies announced together -> assessment, interview -> appointment in ``month``
        (``announced``: carried over from a spin-up, already counted)."""
        w = self.world
        if not announced:
            w.in_selection[level] += vacant
        token = max(self._selections, default=0) + 1
        self._selections[token] = (level, vacant, month)
        yield self.at_phase("selections", month)
        del self._selections[token]
        w.in_selection[level] -= vacant
        appointments.fill(w, level, vacant)
        self._notify("appointment")


def simulate_replication(
    scenario: Scenario, replication: int, *, years: int | None = None, seed: int | None = None,
    observers: Sequence[Observer] = (),
) -> RunResult:  # fmt: skip
    """Run one replication and return its tables."""
    return Simulation(scenario, replication, years=years, seed=seed, observers=observers).run()
