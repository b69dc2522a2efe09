"""Checks of notebook parameters, run by `meritsim report` before the kernel starts and by each
notebook's first code cell: every message names the parameter, what is allowed and how to write
it on the command line (``-p policies "[merit, lottery]"``)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from meritsim.model.load import load_scenario
from meritsim.model.scenario import Scenario, ScenarioError
from meritsim.model.scenario.yaml_io import shorten
from meritsim.workbench.paths import PathError, locate
from meritsim.workbench.vocabulary import LANGS

#: name -> (lowest, highest, whole number, example)
NUMBERS: dict[str, tuple[float, float, bool, str]] = {
    "replications": (1, 10_000, True, "4"),
    "years": (1, 200, True, "15"),
    "seed": (0, 2**63 - 1, True, "20261123"),
    "warmup": (0, 199, True, "0"),
    "scale": (1e-6, 10.0, False, "0.1"),
    "stationary_from": (0, 199, True, "60"),
    "robustness_samples": (1, 256, True, "4"),
    "robustness_replications": (1, 1_000, True, "2"),
    "robustness_years": (1, 200, True, "5"),
    "decompose_replications": (1, 1_000, True, "3"),
    "decompose_years": (1, 200, True, "5"),
}
LISTS = {
    "scenarios": "[provinces/banten]",
    "policies": "[merit, lottery]",
    "robustness_policies": "[seniority, lottery]",
    "overrides": "[kkn.enforcement=0.5]",
    "hypotheses": "[peter, common_sense]",
    "strategies": "[best, random]",
    "exports": "[a.csv, b.csv]",
    "dates": "[2023-12-31, 2024-12-31]",
}
FILES = {"spec": "sweep spec", "mapping": "column mapping", "truth": "scenario of true parameters"}
HYPOTHESES = ("peter", "common_sense")


class ParameterError(ValueError):
    """A notebook parameter that is not allowed."""


def _fail(name: str, value: Any, allowed: str, example: str = "") -> None:
    how = f"; write it like -p {name} {example}" if example else ""
    raise ParameterError(f"parameter {name} = {shorten(repr(value))} is not allowed; {allowed}{how}")


def _suggest(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    return f" Did you mean {close[0]!r}?" if close else ""


def _number(name: str, value: Any) -> None:
    low, high, whole, example = NUMBERS[name]
    kinds = (int,) if whole else (int, float)
    ok = isinstance(value, kinds) and not isinstance(value, bool) and low <= value <= high
    if not ok:
        what = "a whole number" if whole else "a number"
        bounds = f"from {low:g} to {high:g}" if low >= 1 or whole else f"above 0 and at most {high:g}"
        _fail(name, value, f"use {what} {bounds}", example)


def _strings(name: str, value: Any) -> list[str]:
    if not (isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)):
        _fail(name, value, "give a list of strings", f'"{LISTS[name]}"')
    return list(value)


def check_values(params: dict[str, Any]) -> None:
    """Check each known parameter alone and against the others (warm-up and stationary window
    inside the run, Peter hypotheses and strategies, files that exist)."""
    from meritsim.model.policies import available

    if "lang" in params and params["lang"] not in LANGS:
        _fail("lang", params["lang"], f"use one of {', '.join(LANGS)}", "en")
    for name in NUMBERS.keys() & params.keys():
        _number(name, params[name])
    for name in LISTS.keys() & params.keys():
        _strings(name, params[name])
    years = params.get("years")
    for name in ("warmup", "stationary_from"):
        if name in params and years is not None and params[name] >= years:
            _fail(name, params[name], f"it must be below years ({years})", str(max(0, years // 2)))
    for h in params.get("hypotheses", []):
        if h not in HYPOTHESES:
            _fail(
                "hypotheses", h, f"use {', '.join(HYPOTHESES)}.{_suggest(h, list(HYPOTHESES))}", '"[peter]"'
            )
    policies = sorted(available())
    for name in ("strategies", "policies", "robustness_policies"):
        for p in params.get(name, []):
            if p not in policies:
                _fail(
                    name, p, f"policies are {', '.join(policies)}.{_suggest(p, policies)}", f'"{LISTS[name]}"'
                )
    for name, what in FILES.items():
        if params.get(name):
            _located(name, params[name], what)
    if params.get("sweep_dir"):
        _located("sweep_dir", params["sweep_dir"], "sweep folder", folder=True)
    for path in params.get("exports", []):
        _located("exports", path, "export")
    if "exports" in params and "dates" in params and (len(params["exports"]) != len(params["dates"]) or
                                                       len(params["exports"]) < 2):  # fmt: skip
        _fail("dates", params["dates"], "give at least two exports, each with its date")


def _located(name: str, value: Any, what: str, folder: bool = False) -> Path:
    if not isinstance(value, str):
        _fail(name, value, "give a path as text")
    try:
        return locate(value, what, folder=folder)
    except PathError as exc:
        raise ParameterError(f"parameter {name}: {exc}") from None


def runs(params: dict[str, Any]) -> list[Scenario]:
    """The runs the parameters ask for, loaded through the scenario schema: each of
    ``scenarios`` (or ``scenario``) with each of ``policies``, named by the policy (one scenario)
    or ``scenario/policy``; ``scale`` applied to every run. Checks ``baseline`` against them."""
    scenarios = params.get("scenarios") or ([params["scenario"]] if params.get("scenario") else [])
    overrides = list(params.get("overrides", []))
    if "scale" in params:
        overrides = [f"organisation.scale={params['scale']}", *overrides]
    policies = params.get("policies") or []
    loaded = []
    for s in scenarios:
        for p in policies or [None]:
            extra = (
                []
                if p is None
                else [f"policy.name={p}", f"name={p if len(scenarios) == 1 else f'{Path(s).stem}/{p}'}"]
            )
            try:
                loaded.append(load_scenario(s, [*overrides, *extra]))
            except ScenarioError as exc:
                problems = "\n".join(f"  {q}".replace("--set ", "overrides: ") for q in exc.problems)
                raise ParameterError(f"scenario {s!r} is not valid:\n" + problems) from None
    baseline = params.get("baseline")
    if baseline and loaded:
        names = [r.name for r in loaded]
        stems = {n.rsplit("/", 1)[-1] for n in names}
        if baseline not in names and baseline not in stems:
            _fail(
                "baseline",
                baseline,
                f"it must be one of the runs: {', '.join(names)}.{_suggest(baseline, names)}",
                names[0],
            )
    return loaded


def check(**params: Any) -> list[Scenario]:
    """Check notebook parameters (see :func:`check_values`) and return the runs they ask for
    (see :func:`runs`)."""
    check_values(params)
    return runs(params)
