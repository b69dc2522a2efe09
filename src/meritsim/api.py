"""The analyst's surface: load scenarios, simulate, compare, sweep; results as pandas DataFrames.

Everything runs in-process by default (``jobs=1``), which is what notebooks should use; the
command line runs big studies in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from meritsim.engine import Simulation
from meritsim.experiments import SimulationResult
from meritsim.experiments import simulate as _simulate
from meritsim.experiments.scenarios import load_scenario
from meritsim.experiments.sweep import SweepSpec, load_spec
from meritsim.observe import people
from meritsim.params import Scenario
from meritsim.studies import Comparison, Precision, Sweep
from meritsim.studies import compare as _compare
from meritsim.studies import sweep as _sweep

ScenarioRef = Scenario | str | Path


def _scenario(ref: ScenarioRef, overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    if isinstance(ref, Scenario):
        if overrides:
            raise ValueError("overrides apply when loading; pass a scenario name or file instead")
        return ref
    return load_scenario(ref, overrides)


def simulate(
    scenario: ScenarioRef = "default",
    *,
    overrides: list[str] | tuple[str, ...] = (),
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    warmup: int = 0,
    jobs: int = 1,
    scheduler: str | None = None,
    out: str | Path | None = None,
    progress: bool = False,
) -> SimulationResult:
    """Simulate a scenario (object, bundled name or file); returns ``.yearly``, ``.org`` and
    ``.summary`` DataFrames and the ``.manifest`` dict. Defaults come from the scenario."""
    return _simulate(
        _scenario(scenario, overrides),
        replications=replications,
        years=years,
        seed=seed,
        warmup=warmup,
        jobs=jobs,
        scheduler=scheduler,
        out=out,
        progress=progress,
    )


def compare(
    scenarios: list[ScenarioRef],
    *,
    overrides: list[str] | tuple[str, ...] = (),
    baseline: str | None = None,
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    warmup: int = 0,
    precision: Precision | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    out: str | Path | None = None,
    progress: bool = False,
) -> Comparison:
    """Compare scenarios on the same replications (common random numbers); ``overrides`` apply
    to every scenario. Returns tables, ``.comparison`` (means, paired differences with CIs,
    p-values, effect sizes) and ``.table()`` as text."""
    loaded = [_scenario(s, overrides) for s in scenarios]
    return _compare(
        loaded,
        baseline=baseline,
        replications=replications,
        years=years,
        seed=seed,
        warmup=warmup,
        precision=precision,
        jobs=jobs,
        scheduler=scheduler,
        out=out,
        progress=progress,
    )


def sweep(
    spec: SweepSpec | str | Path,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    out: str | Path | None = None,
    progress: bool = False,
) -> Sweep:
    """Run a sweep spec (object or YAML file): design points x replications, with sensitivity
    indices (Sobol/Morris) and a regression of each outcome on the varied parameters."""
    if not isinstance(spec, SweepSpec):
        spec = load_spec(spec)
    return _sweep(spec, jobs=jobs, scheduler=scheduler, out=out, progress=progress)


@dataclass
class Exploration:
    """One run of one scenario in detail: who is in service at the start and at the end."""

    start: pd.DataFrame  # meritsim.observe.people at year 0
    end: pd.DataFrame  # ... at the last year
    yearly: pd.DataFrame
    org: pd.DataFrame


def explore(
    scenario: ScenarioRef = "default",
    *,
    overrides: list[str] | tuple[str, ...] = (),
    years: int | None = None,
    replication: int = 0,
    seed: int | None = None,
) -> Exploration:
    """Run one replication and keep the staff at the start and at the end (rank, age, sex, post)."""
    sim = Simulation(_scenario(scenario, overrides), replication, years=years, seed=seed)
    start = people(sim.wf, sim.org, 0.0)
    result = sim.run()
    end = people(sim.wf, sim.org, float(sim.years))
    return Exploration(start, end, result.yearly, result.org)
