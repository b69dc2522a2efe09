"""Scenario parameters: the schema, YAML loading with ``extends:`` and overrides, domain tables."""

from meritsim.params.errors import Problem, ScenarioError
from meritsim.params.loading import (
    bundled_names,
    load_scenario,
    scenario_hash,
    to_yaml,
)
from meritsim.params.schema import Level, Organisation, PolicySpec, Scenario

__all__ = [
    "Level",
    "Organisation",
    "PolicySpec",
    "Problem",
    "Scenario",
    "ScenarioError",
    "bundled_names",
    "load_scenario",
    "scenario_hash",
    "to_yaml",
]
