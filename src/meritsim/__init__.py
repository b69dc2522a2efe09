"""meritsim: simulate civil-service careers under merit and non-merit promotion policies."""

from meritsim.analysis import compare_outcomes, mean_ci, regress, sensitivity
from meritsim.api import Exploration, compare, explore, load_scenario, simulate, sweep
from meritsim.experiments import SimulationResult, write_outputs
from meritsim.experiments.outcomes import OUTCOMES
from meritsim.experiments.provenance import meritsim_version
from meritsim.experiments.sweep import SweepSpec, load_spec
from meritsim.params import Scenario, ScenarioError, bundled_names, scenario_hash, to_yaml
from meritsim.policies import Policy, ScoredPolicy, Selection, available, register
from meritsim.studies import Comparison, Precision, Sweep

__version__ = meritsim_version()

__all__ = [
    "OUTCOMES",
    "Comparison",
    "Exploration",
    "Policy",
    "Precision",
    "Scenario",
    "ScenarioError",
    "ScoredPolicy",
    "Selection",
    "SimulationResult",
    "Sweep",
    "SweepSpec",
    "__version__",
    "available",
    "bundled_names",
    "compare",
    "compare_outcomes",
    "explore",
    "load_scenario",
    "load_spec",
    "mean_ci",
    "register",
    "regress",
    "scenario_hash",
    "sensitivity",
    "simulate",
    "sweep",
    "to_yaml",
    "write_outputs",
]
