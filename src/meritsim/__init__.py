"""meritsim: simulate civil-service careers under merit and non-merit promotion policies.

The package is a thin facade: ``import meritsim`` loads no heavy library (statsmodels, scipy,
dask, altair, papermill); each name below is imported the first time it is used.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> module that defines it
_EXPORTS = {
    "Exploration": "meritsim.api",
    "compare": "meritsim.api",
    "decompose": "meritsim.api",
    "robustness": "meritsim.api",
    "explore": "meritsim.api",
    "simulate": "meritsim.api",
    "sweep": "meritsim.api",
    "load_scenario": "meritsim.model.load",
    "Scenario": "meritsim.model.scenario",
    "ScenarioError": "meritsim.model.scenario",
    "bundled_names": "meritsim.model.scenario",
    "scenario_hash": "meritsim.model.scenario",
    "to_yaml": "meritsim.model.scenario",
    "OUTCOMES": "meritsim.model.outcomes",
    "Outcome": "meritsim.model.outcomes",
    "Policy": "meritsim.model.policies",
    "ScoredPolicy": "meritsim.model.policies",
    "Selection": "meritsim.model.policies",
    "available": "meritsim.model.policies",
    "register": "meritsim.model.policies",
    "Simulation": "meritsim.model.calendar",
    "Precision": "meritsim.study.compare",
    "RunOptions": "meritsim.study.options",
    "Results": "meritsim.study.results",
    "write_outputs": "meritsim.study.results",
    "SweepSpec": "meritsim.study.design",
    "load_spec": "meritsim.study.design",
    "compare_outcomes": "meritsim.study.statistics",
    "mean_ci": "meritsim.study.statistics",
    "regress": "meritsim.study.statistics",
    "sensitivity": "meritsim.study.statistics",
}
__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from meritsim.study.provenance import meritsim_version

        return meritsim_version()
    if name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'meritsim' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
