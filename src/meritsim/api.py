"""The analyst's surface: load a scenario, simulate it, get pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

from meritsim.experiments import SimulationResult
from meritsim.experiments import simulate as _simulate
from meritsim.params import Problem, Scenario, ScenarioError
from meritsim.params import load_scenario as _load
from meritsim.policies import UnknownPolicyError, check_name


def load_scenario(ref: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    """Load a bundled scenario by name (``"merit"``) or a YAML file, with dotted overrides
    (``["policy.name=seniority"]``), fully validated, policy names included.

    Raises:
        ScenarioError: every problem, with file, field path, bad value and what is allowed.
    """
    scenario = _load(ref, overrides)
    problems = []
    specs = [("policy.name", scenario.policy)]
    if scenario.policy_change is not None:
        specs.append(("policy_change.policy.name", scenario.policy_change.policy))
    for path, spec in specs:
        try:
            check_name(spec.name)
        except UnknownPolicyError as exc:
            problems.append(Problem(str(ref), path, str(exc), spec.name, True))
    if problems:
        raise ScenarioError(problems)
    return scenario


def simulate(
    scenario: Scenario | str | Path = "default",
    *,
    overrides: list[str] | tuple[str, ...] = (),
    replications: int | None = None,
    years: int | None = None,
    seed: int | None = None,
    jobs: int = 1,
    progress: bool = False,
) -> SimulationResult:
    """Simulate a scenario (object, bundled name or file); returns ``.yearly``, ``.org`` and
    ``.summary`` DataFrames and the ``.manifest`` dict. Defaults come from the scenario."""
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario, overrides)
    elif overrides:
        raise ValueError("overrides apply when loading; pass a scenario name or file instead")
    return _simulate(
        scenario, replications=replications, years=years, seed=seed, jobs=jobs, progress=progress
    )
