"""meritsim: simulate civil-service careers under merit and non-merit promotion policies."""

from meritsim.api import load_scenario, simulate
from meritsim.experiments import SimulationResult, write_outputs
from meritsim.experiments.provenance import meritsim_version
from meritsim.params import Scenario, ScenarioError, bundled_names, scenario_hash, to_yaml
from meritsim.policies import Policy, ScoredPolicy, Selection, available, register

__version__ = meritsim_version()

__all__ = [
    "Policy",
    "Scenario",
    "ScenarioError",
    "ScoredPolicy",
    "Selection",
    "SimulationResult",
    "__version__",
    "available",
    "bundled_names",
    "load_scenario",
    "register",
    "scenario_hash",
    "simulate",
    "to_yaml",
    "write_outputs",
]
