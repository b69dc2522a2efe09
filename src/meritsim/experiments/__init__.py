"""Running scenarios: replications, executors, summaries, outputs with provenance."""

from meritsim.experiments.outputs import write_outputs
from meritsim.experiments.replications import SimulationResult, simulate

__all__ = ["SimulationResult", "simulate", "write_outputs"]
