"""Loading a scenario for a run: the schema's checks (:func:`read_scenario`) plus those that need
the engine: registered policy names, and an imported snapshot that fits."""

from __future__ import annotations

from pathlib import Path

from meritsim.model.policies import UnknownPolicyError, check_name
from meritsim.model.scenario import Problem, Scenario, ScenarioError, read_scenario


def load_scenario(ref: str | Path = "default", overrides: list[str] | tuple[str, ...] = ()) -> Scenario:
    """Load a bundled scenario by name (``"merit"``) or a YAML file, with dotted overrides
    (``["policy.name=seniority"]``), fully validated, policy names included.

    Raises:
        ScenarioError: every problem, with file, field path, bad value and what is allowed.
    """
    scenario = read_scenario(ref, overrides)
    specs = [("policy.name", scenario.policy), ("history.policy.name", scenario.history.policy)]
    if scenario.policy_change is not None:
        specs.append(("policy_change.policy.name", scenario.policy_change.policy))
    problems = []
    for path, spec in specs:
        try:
            check_name(spec.name)
        except UnknownPolicyError as exc:
            problems.append(Problem(str(ref), path, str(exc), spec.name, True))
    if scenario.workforce is not None:
        problems += _snapshot_problems(str(ref), scenario)
    if problems:
        raise ScenarioError(problems)
    return scenario


def _snapshot_problems(ref: str, scenario: Scenario) -> list[Problem]:
    """The snapshot must exist, and fit the scenario's levels and posts."""
    import pandas as pd

    assert scenario.workforce is not None, "only called for a scenario with a snapshot"
    path = scenario.workforce.snapshot
    try:
        levels = pd.read_parquet(path, columns=["level"])["level"].value_counts()
    except (OSError, ValueError, KeyError) as exc:
        return [Problem(ref, "workforce.snapshot", f"cannot be read: {exc}", path, True)]
    org = scenario.organisation
    found = []
    for level, count in levels.items():
        if level not in org.levels:
            found.append(
                Problem(
                    ref,
                    "workforce.snapshot",
                    f"has staff in level {level!r}, which the "
                    f"scenario lacks; levels: {', '.join(org.levels)}",
                )
            )
        elif org.posts(level) < count:
            found.append(
                Problem(
                    ref,
                    f"organisation.levels.{level}.posts",
                    f"{org.posts(level)} posts cannot hold the snapshot's {count} staff",
                    org.posts(level),
                    True,
                )
            )
    return found
