"""The scenario: the schema (one module per section), YAML files with ``extends:`` and dotted
overrides, and errors that name the file and field."""

from meritsim.model.scenario.errors import Problem, ScenarioError
from meritsim.model.scenario.files import bundled_names, read_scenario, scenario_hash, to_yaml
from meritsim.model.scenario.schema import Level, Organisation, PolicySpec, Scenario

__all__ = [
    "Level",
    "Organisation",
    "PolicySpec",
    "Problem",
    "Scenario",
    "ScenarioError",
    "bundled_names",
    "read_scenario",
    "scenario_hash",
    "to_yaml",
]
