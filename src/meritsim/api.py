"""The analyst's surface: load scenarios, simulate, compare, sweep; results as pandas DataFrames.

Everything runs in-process by default (``jobs=1``), which is what notebooks should use; the
command line runs big studies in parallel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from meritsim.model.calendar import Simulation
from meritsim.model.load import load_scenario
from meritsim.model.record import people
from meritsim.model.scenario import Scenario
from meritsim.study import compare as _compare
from meritsim.study import decompose as _decompose
from meritsim.study import robustness as _robustness
from meritsim.study import simulate as _simulate
from meritsim.study import sweep as _sweep  # modules: compare.compare, simulate.simulate, ...
from meritsim.study.compare import Precision
from meritsim.study.design import SweepSpec, load_spec
from meritsim.study.options import RunOptions
from meritsim.study.results import Results

ScenarioRef = Scenario | str | Path
Overrides = list[str] | tuple[str, ...]


def _scenario(ref: ScenarioRef, overrides: Overrides = ()) -> Scenario:
    if isinstance(ref, Scenario):
        if overrides:
            raise ValueError("overrides apply when loading; pass a scenario name or file instead")
        return ref
    return load_scenario(ref, overrides)


def _options(options: RunOptions | None, **given) -> RunOptions:
    """``options`` with the keyword arguments that were given (not None) laid over them."""
    base = options or RunOptions()
    return RunOptions(**{**base.__dict__, **{k: v for k, v in given.items() if v is not None}})


def simulate(
    scenario: ScenarioRef = "default", *, overrides: Overrides = (), options: RunOptions | None = None,
    replications: int | None = None, years: int | None = None, seed: int | None = None,
    warmup: int | None = None, jobs: int | None = None, scheduler: str | None = None,
    out: str | Path | None = None, progress: bool | None = None,
) -> Results:  # fmt: skip
    """Simulate a scenario (object, bundled name or file); returns :class:`Results` (``.yearly``,
    ``.org``, ``.outcomes``, ``.manifest``). Unset options come from the scenario."""
    o = _options(options, replications=replications, years=years, seed=seed, warmup=warmup, jobs=jobs,
                 scheduler=scheduler, out=out, progress=progress)  # fmt: skip
    return _simulate.simulate(_scenario(scenario, overrides), o)


def compare(
    scenarios: list[ScenarioRef], *, overrides: Overrides = (), baseline: str | None = None,
    precision: Precision | None = None, options: RunOptions | None = None,
    replications: int | None = None, years: int | None = None, seed: int | None = None,
    warmup: int | None = None, jobs: int | None = None, scheduler: str | None = None,
    out: str | Path | None = None, progress: bool | None = None,
) -> Results:  # fmt: skip
    """Compare scenarios on the same replications (common random numbers); ``overrides`` apply
    to every scenario. Returns :class:`Results` with ``.comparison`` (means, paired differences
    with CIs, p-values, effect sizes) and ``.table()`` as text."""
    o = _options(options, replications=replications, years=years, seed=seed, warmup=warmup, jobs=jobs,
                 scheduler=scheduler, out=out, progress=progress)  # fmt: skip
    loaded = [_scenario(s, overrides) for s in scenarios]
    return _compare.compare(loaded, o, baseline=baseline, precision=precision)


def sweep(
    spec: SweepSpec | str | Path, *, options: RunOptions | None = None, jobs: int | None = None,
    scheduler: str | None = None, out: str | Path | None = None, progress: bool | None = None,
) -> Results:  # fmt: skip
    """Run a sweep spec (object or YAML file): design points x replications, with sensitivity
    indices (Sobol/Morris) and a regression of each outcome on the varied parameters."""
    if not isinstance(spec, SweepSpec):
        spec = load_spec(spec)
    return _sweep.sweep(spec, _options(options, jobs=jobs, scheduler=scheduler, out=out, progress=progress))


def robustness(
    scenario: str | Path = "default", policies: list[str] | None = None, *, overrides: Overrides = (),
    samples: int = 8, outcomes: list[str] | None = None, design_seed: int = 0,
    options: RunOptions | None = None, replications: int | None = None, years: int | None = None,
    seed: int | None = None, warmup: int | None = None, jobs: int | None = None,
    scheduler: str | None = None, out: str | Path | None = None, progress: bool | None = None,
) -> Results:  # fmt: skip
    """How robust merit's advantage is: each of ``policies`` (default seniority, patronage,
    lottery) against merit at every point of a Sobol design over the unmeasured assumptions
    (:data:`meritsim.study.robustness.ASSUMPTIONS`). ``.robustness`` says in what share of the
    space merit wins and by how much (points, % of the other policy), ``.indices`` which
    assumption decides it (Sobol S1/ST)."""
    o = _options(options, replications=replications, years=years, seed=seed, warmup=warmup, jobs=jobs,
                 scheduler=scheduler, out=out, progress=progress)  # fmt: skip
    chosen = policies or ["seniority", "patronage", "lottery"]
    return _robustness.robustness(
        str(scenario), ["merit", *chosen], list(overrides), samples, outcomes, design_seed, o
    )


def decompose(
    scenario: str | Path = "default", policy: str = "merit", against: str = "seniority", *,
    switches: list[str] | None = None, overrides: Overrides = (), outcome: str = "effectiveness_mean",
    options: RunOptions | None = None, replications: int | None = None, years: int | None = None,
    seed: int | None = None, warmup: int | None = None, jobs: int | None = None,
    scheduler: str | None = None, out: str | Path | None = None, progress: bool | None = None,
) -> Results:  # fmt: skip
    """Where ``policy``'s advantage over ``against`` comes from: the comparison with every
    mechanism on and with each of ``switches`` (default: all of ``mechanisms``) off, paired on
    the same replications; ``.decomposition`` has each mechanism's contribution with its CI."""
    o = _options(options, replications=replications, years=years, seed=seed, warmup=warmup, jobs=jobs,
                 scheduler=scheduler, out=out, progress=progress)  # fmt: skip
    return _decompose.decompose(str(scenario), policy, against, switches, list(overrides), outcome, o)


@dataclass
class Exploration:
    """One run of one scenario in detail: who is in service at the start and at the end."""

    start: pd.DataFrame  # meritsim.model.record.people at year 0
    end: pd.DataFrame  # ... at the last year
    yearly: pd.DataFrame
    org: pd.DataFrame


def explore(
    scenario: ScenarioRef = "default", *, overrides: Overrides = (), years: int | None = None,
    replication: int = 0, seed: int | None = None,
) -> Exploration:  # fmt: skip
    """Run one replication and keep the staff at the start and at the end (rank, age, sex, post)."""
    sim = Simulation(_scenario(scenario, overrides), replication, years=years, seed=seed)
    start = people(sim.wf, sim.est, 0.0)
    result = sim.run()
    end = people(sim.wf, sim.est, float(sim.years))
    return Exploration(start, end, result.yearly, result.org)
