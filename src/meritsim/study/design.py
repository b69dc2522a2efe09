"""Sweep specifications and experimental designs over levers and uncertainties.

A spec (YAML) names a base scenario, the parameters to vary (levers, the analyst's choices, and
uncertainties of the world) with their ranges, a design, replications per point and outcomes.
Every design point is validated as a scenario before anything runs.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field, ValidationError, field_validator, model_validator

from meritsim.model.load import load_scenario
from meritsim.model.outcomes import OUTCOMES
from meritsim.model.scenario.errors import Problem, ScenarioError, problems_from_validation, suggestion
from meritsim.model.scenario.files import locate
from meritsim.model.scenario.schema import Scenario, Strict
from meritsim.model.scenario.yaml_io import YamlError, read_yaml_file

Value = float | int | str | bool


class Range(Strict):
    """Either a numeric interval ``min``..``max`` or a list of ``values``."""

    min: float | None = Field(None, description="Lowest value of a numeric range.")
    max: float | None = Field(None, description="Highest value of a numeric range.")
    values: list[Value] | None = Field(None, description="Explicit values (categorical or numeric).")
    integer: bool = Field(False, description="Round sampled values to whole numbers.")

    @model_validator(mode="after")
    def _one_kind(self) -> Range:
        if self.values is not None:
            if not self.values:
                raise ValueError("values: the list is empty; give at least one value")
            if self.min is not None or self.max is not None:
                raise ValueError("give either values or min and max, not both")
        elif self.min is None or self.max is None:
            raise ValueError("give min and max (a numeric range) or values (a list)")
        elif not self.min < self.max:
            raise ValueError(f"empty range: min ({self.min:g}) must be below max ({self.max:g})")
        return self

    def interval(self) -> tuple[float, float]:
        """``(min, max)`` of a numeric range (both set whenever ``values`` is not, see the check above)."""
        assert self.min is not None and self.max is not None, "a range of values has no interval"
        return self.min, self.max


class Design(Strict):
    """How points are chosen."""

    method: Literal["factorial", "lhs", "sobol", "morris"] = Field(
        "lhs", description="Full factorial, Latin hypercube, or Sobol / Morris (SALib)."
    )
    samples: int = Field(
        8,
        ge=1,
        le=100_000,
        description="lhs: points; sobol: base samples N (N x (D + 2) points); morris: "
        "trajectories (N x (D + 1) points).",
    )
    levels: int = Field(3, ge=2, le=100, description="factorial: points per range; morris: grid levels.")
    seed: int = Field(0, ge=0, description="Seed of the design's sampling.")


class SweepSpec(Strict):
    """A sweep: base scenario, what varies, design, replications, outcomes."""

    name: str = Field("sweep", description="Name of the sweep.")
    base: str = Field("default", description="Base scenario: bundled name or file (relative to the spec).")
    set: list[str] = Field(default_factory=list, description="Fixed dotted overrides of the base.")
    levers: dict[str, Range] = Field(default_factory=dict, description="Policy levers to vary.")
    uncertainties: dict[str, Range] = Field(default_factory=dict, description="Uncertainties to vary.")
    design: Design = Field(default_factory=Design, description="The experimental design.")
    replications: int | None = Field(
        None, ge=1, le=10_000, description="Replications per point (default: the base scenario's)."
    )
    years: int | None = Field(None, ge=1, le=200, description="Simulated years (default: base's).")
    seed: int | None = Field(None, ge=0, description="Master seed (default: base's).")
    warmup: int = Field(0, ge=0, description="Years discarded before measuring outcomes.")
    outcomes: list[str] = Field(
        default_factory=lambda: ["effectiveness_mean", "senior_competence_final"],
        description="Outcomes of interest (see meritsim.model.outcomes.OUTCOMES).",
    )

    @field_validator("outcomes")
    @classmethod
    def _known_outcomes(cls, outcomes: list[str]) -> list[str]:
        for o in outcomes:
            if o not in OUTCOMES:
                hint = suggestion(o, list(OUTCOMES))
                raise ValueError(f"unknown outcome {o!r}.{hint} Choose from {', '.join(OUTCOMES)}")
        return outcomes

    @model_validator(mode="after")
    def _check(self) -> SweepSpec:
        both = set(self.levers) & set(self.uncertainties)
        if both:
            raise ValueError(f"a parameter is both a lever and an uncertainty: {', '.join(both)}")
        if not self.parameters:
            raise ValueError("levers/uncertainties: give at least one parameter to vary")
        if self.design.method in ("sobol", "morris"):
            categorical = [p for p, r in self.parameters.items() if r.values is not None]
            if categorical:
                raise ValueError(
                    f"design.method: {self.design.method} needs numeric ranges (min/max), "
                    f"not values, for {', '.join(categorical)}"
                )
        return self

    @property
    def parameters(self) -> dict[str, Range]:
        """Levers then uncertainties, in the order given."""
        return {**self.levers, **self.uncertainties}


def load_spec(path: str | Path) -> SweepSpec:
    """Read and validate a sweep spec; ScenarioError names the file and field of each problem."""
    path = Path(path)
    try:
        data = read_yaml_file(path, "sweep spec") or {}
    except YamlError as exc:
        raise ScenarioError([Problem(str(path), "", str(exc).removeprefix(f"{path}: "))]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(str(path), "", "must be a YAML mapping of keys to values")])
    try:
        spec = SweepSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, SweepSpec, lambda loc: str(path))) from None
    try:
        base = locate(spec.base, relative_to=path.parent)
    except ScenarioError as exc:
        raise ScenarioError([Problem(str(path), "base", p.message) for p in exc.problems]) from None
    return spec.model_copy(update={"base": str(base)})


def _problem(spec: SweepSpec) -> dict:
    names = list(spec.parameters)
    return {
        "num_vars": len(names),
        "names": names,
        "bounds": [[r.min, r.max] for r in spec.parameters.values()],
    }


def design_points(spec: SweepSpec) -> pd.DataFrame:
    """The design: one row per point, one column per varied parameter."""
    params, d = spec.parameters, spec.design
    if d.method == "factorial":
        axes = [
            r.values if r.values is not None else list(np.linspace(*r.interval(), d.levels))
            for r in params.values()
        ]
        points = pd.DataFrame(list(itertools.product(*axes)), columns=list(params))
    elif d.method == "lhs":
        from scipy.stats import qmc

        u = qmc.LatinHypercube(d=len(params), seed=d.seed).random(d.samples)
        points = pd.DataFrame({name: _scale(u[:, i], r) for i, (name, r) in enumerate(params.items())})
    elif d.method == "sobol":
        from SALib.sample import sobol

        x = sobol.sample(_problem(spec), d.samples, calc_second_order=False, seed=d.seed)
        points = pd.DataFrame(x, columns=list(params))
    else:
        from SALib.sample import morris

        x = morris.sample(_problem(spec), d.samples, num_levels=d.levels, seed=d.seed)
        points = pd.DataFrame(x, columns=list(params))
    for name, r in params.items():
        if r.integer:
            points[name] = points[name].round().astype(int)
    points.index.name = "point"
    return points


def _scale(u: np.ndarray, r: Range) -> list:
    if r.values is not None:
        return [r.values[i] for i in np.minimum((u * len(r.values)).astype(int), len(r.values) - 1)]
    low, high = r.interval()
    return list(low + u * (high - low))


def point_scenarios(spec: SweepSpec, points: pd.DataFrame) -> list[Scenario]:
    """A validated scenario per design point; every problem of every point is raised at once."""
    scenarios, problems = [], []
    for i, row in points.iterrows():
        overrides = [*spec.set, *(f"{k}={json.dumps(_plain(v))}" for k, v in row.items())]
        overrides.append(f"name={json.dumps(f'{spec.name}/p{i:04d}')}")
        try:
            scenarios.append(load_scenario(spec.base, overrides))
        except ScenarioError as exc:
            problems += [p for p in exc.problems if p not in problems]
    if problems:
        raise ScenarioError(problems)
    return scenarios


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value
