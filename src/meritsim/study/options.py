"""How a study runs: one set of options shared by simulate, compare and sweep (and the CLI)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from meritsim.model.scenario.schema import Scenario
from meritsim.study.executors import check_scheduler
from meritsim.study.resources import check_memory, check_replications


@dataclass(frozen=True)
class RunOptions:
    """Replications, years, seed and warm-up (None: the first scenario's), and where the
    replications run: ``jobs`` local processes (1 = in this process, what notebooks should use)
    or a Dask ``scheduler``; ``out`` streams every replication to ``out/chunks`` so that an
    interrupted study resumes; ``progress`` shows a progress bar."""

    replications: int | None = None
    years: int | None = None
    seed: int | None = None
    warmup: int = 0
    jobs: int = 1
    scheduler: str | None = None
    out: str | Path | None = None
    progress: bool = False

    def resolved(self, scenario: Scenario) -> ResolvedOptions:
        """These options with every unset value taken from ``scenario``."""
        return ResolvedOptions(
            **asdict(self)
            | {
                "replications": scenario.replications if self.replications is None else self.replications,
                "years": scenario.years if self.years is None else self.years,
                "seed": scenario.seed if self.seed is None else self.seed,
            }
        )

    def check(self, scenarios: list[Scenario], tasks: int) -> None:
        """Refuse, before anything runs, a warm-up as long as the run, more replications than the
        schema allows, a bad scheduler address, or ``tasks`` replications that would not fit in
        memory."""
        if self.years is not None and self.warmup >= self.years:
            raise ValueError(f"warm-up ({self.warmup}) must be shorter than the run ({self.years} years)")
        if self.replications is not None:
            check_replications(self.replications)
        check_scheduler(self.scheduler)
        if self.scheduler in (None, "local"):  # a remote cluster's memory is not this machine's
            check_memory(scenarios, self.jobs, tasks)


@dataclass(frozen=True)
class ResolvedOptions(RunOptions):
    """Run options with replications, years and seed known (:meth:`RunOptions.resolved`)."""

    replications: int = 0
    years: int = 0
    seed: int = 0
