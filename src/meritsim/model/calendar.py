"""The SimPy calendar of the organisation's year.

Time is counted in whole months. One SimPy process ticks month by month and runs the year's
phases in order: exits, appraisal, assessment, training, transfers, rank promotion, policy change,
selections, staffing, recruitment, observation, each in the months the scenario gives it. An open
selection for a senior post is a SimPy process of its own: announced in a staffing round, it
appoints in the selections phase ``selection_months`` later. Observers (callables of an event
name and the world) are called after every phase and every appointment, so tests and tools can
watch the engine without touching it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
import simpy

from meritsim.model import appointments, phases
from meritsim.model.establishment import Establishment, compile_establishment
from meritsim.model.population import imported_workforce, initial_workforce
from meritsim.model.record import Recorder
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


class Simulation:
    """One replication of a scenario: the world, its calendar, and what was observed."""

    def __init__(
        self, scenario: Scenario, replication: int = 0, *, years: int | None = None,
        seed: int | None = None, observers: Sequence[Observer] = (),
    ):  # fmt: skip
        self.scenario = scenario
        self.years = scenario.years if years is None else years
        self.observers = tuple(observers)
        est: Establishment = compile_establishment(scenario)
        draws = Draws(scenario.seed if seed is None else seed, replication)
        start = imported_workforce if scenario.workforce is not None else initial_workforce
        wf = start(scenario, est, draws)
        self.world = World(scenario, est, wf, draws, Recorder(est, scenario, replication), scenario.policy)
        if scenario.workforce is None:  # a snapshot brings its own appraisal record
            for k in range(scenario.rules.appraisal.record_years):
                phases.appraisal(self.world, dismiss=False, occasion=-1 - k)
        phases.start_assessments(self.world)
        self.env = simpy.Environment()
        self._waiting: dict[tuple[int, str], simpy.Event] = {}
        self.phases = self._phases()

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
            Phase("exits", tuple(r.exits.check_months), lambda: phases.exits(w)),
            Phase("appraisal", (r.appraisal.month,), lambda: phases.appraisal(w)),
            Phase("assessment", (s.assessment.month,), lambda: phases.assessment_round(w)),
            Phase("training", (s.training.month,), lambda: phases.training_round(w)),
            Phase("transfers", (s.transfers.month,), lambda: phases.transfer_round(w)),
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
        w = self.world
        w.recorder.observe(w.wf, 0, w.policy_spec.name, 0.0)
        self.env.process(self._months())
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            for year in range(1, self.years + 1):
                self.env.run(until=12 * year + 1)
                yield year
        finally:
            if gc_was_enabled:
                gc.enable()

    def _months(self) -> Generator:
        for month in range(1, 12 * self.years + 1):
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

    def at_phase(self, name: str, months_ahead: int) -> simpy.Event:
        """An event that fires when phase ``name`` runs ``months_ahead`` months from now."""
        key = (self.world.month + months_ahead, name)
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
                self.env.process(self._open_selection(int(level), vacant))
            else:
                by_level = by_level if by_level is not None else est.rows_by_level(w.wf)
                appointments.fill(w, int(level), vacant, by_level)
                self._notify("appointment")

    def _open_selection(self, level: int, vacant: int) -> Generator:
        """Vacancies announced together -> assessment, interview -> appointment, months later."""
        w = self.world
        w.in_selection[level] += vacant
        yield self.at_phase("selections", int(w.est.selection_months[level]))
        w.in_selection[level] -= vacant
        appointments.fill(w, level, vacant)
        self._notify("appointment")


def simulate_replication(
    scenario: Scenario, replication: int, *, years: int | None = None, seed: int | None = None,
    observers: Sequence[Observer] = (),
) -> RunResult:  # fmt: skip
    """Run one replication and return its tables."""
    return Simulation(scenario, replication, years=years, seed=seed, observers=observers).run()
