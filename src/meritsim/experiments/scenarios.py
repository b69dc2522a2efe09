"""Loading scenarios for a run: the schema's checks plus the names of registered policies."""

from __future__ import annotations

from pathlib import Path

from meritsim.params import Problem, Scenario, ScenarioError
from meritsim.params import load_scenario as load_unchecked
from meritsim.policies import UnknownPolicyError, check_name


def load_scenario(ref: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    """Load a bundled scenario by name (``"merit"``) or a YAML file, with dotted overrides
    (``["policy.name=seniority"]``), fully validated, policy names included.

    Raises:
        ScenarioError: every problem, with file, field path, bad value and what is allowed.
    """
    scenario = load_unchecked(ref, overrides)
    specs = [("policy.name", scenario.policy)]
    if scenario.policy_change is not None:
        specs.append(("policy_change.policy.name", scenario.policy_change.policy))
    problems = []
    for path, spec in specs:
        try:
            check_name(spec.name)
        except UnknownPolicyError as exc:
            problems.append(Problem(str(ref), path, str(exc), spec.name, True))
    if problems:
        raise ScenarioError(problems)
    return scenario
