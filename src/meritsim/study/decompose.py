"""Where merit's advantage comes from: the same comparison with one mechanism switched off at a
time, on the same replications (common random numbers), so that each mechanism's contribution is
a paired difference with a confidence interval."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from meritsim.model.load import load_scenario
from meritsim.model.outcomes import OUTCOMES, outcomes
from meritsim.model.rules.supervision import ever_acts
from meritsim.model.scenario.mechanisms import Mechanisms
from meritsim.model.scenario.pppk import can_exist
from meritsim.model.scenario.schema import Scenario
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.simulate import tasks_for

ALL_ON = "all mechanisms on"


def switch_path(name: str) -> str:
    """The dotted path of a switch: a field of ``mechanisms`` or a full dotted boolean path."""
    return f"mechanisms.{name}" if name in Mechanisms.model_fields else name


def acting_switches(scenario: Scenario) -> list[str]:
    """Every mechanism's switch but those of mechanisms that cannot act in ``scenario`` (a
    supervisor where there is none, contract renewal without PPPK), whose contribution would be 0
    by construction."""
    inert = set()
    if not ever_acts(scenario):
        inert.add("supervision")
    if not can_exist(scenario.pppk, scenario.timeline):
        inert.add("contract_renewal")
    return [m for m in Mechanisms.model_fields if m not in inert]


def variants(
    scenario: str, overrides: list[str], policy: str, against: str, switches: list[str]
) -> dict[tuple[str, str], Scenario]:
    """(variant, policy) -> scenario: everything on, then each switch off, for both policies."""
    out = {}
    for variant in [ALL_ON, *switches]:
        off = [] if variant == ALL_ON else [f"{switch_path(variant)}=false"]
        for p in (policy, against):
            name = f"decompose/{variant}/{p}"
            out[variant, p] = load_scenario(scenario, [*overrides, *off, f"policy.name={p}", f"name={name}"])
    return out


def _ci(values: pd.Series) -> tuple[float, float, float]:
    n, mean = values.count(), float(values.mean())
    if n < 2:
        return mean, np.nan, np.nan
    half = float(stats.t.ppf(0.975, n - 1) * values.std() / np.sqrt(n))
    return mean, mean - half, mean + half


def decompose(
    scenario: str = "default",
    policy: str = "merit",
    against: str = "seniority",
    switches: list[str] | None = None,
    overrides: list[str] | tuple[str, ...] = (),
    outcome: str = "effectiveness_mean",
    options: RunOptions | None = None,
) -> Results:
    """``policy``'s advantage over ``against`` on ``outcome`` with all mechanisms on and with each
    of ``switches`` (default: every mechanism) off. ``Results.decomposition`` has one row per variant:
    the advantage (points, and % of ``against``'s value) with its 95 % CI, and the contribution of
    the switched-off mechanism (advantage with everything on minus advantage without it). By
    default the switches of mechanisms that cannot act in the scenario are left out
    (:func:`acting_switches`)."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome {outcome!r}: choose one of {', '.join(OUTCOMES)}")
    if switches is None:
        switches = acting_switches(load_scenario(scenario, list(overrides)))
    chosen = list(switches)
    scenarios = variants(scenario, list(overrides), policy, against, chosen)
    first = scenarios[ALL_ON, policy]
    o = (options or RunOptions()).resolved(first)
    o.check(list(scenarios.values()), len(scenarios) * o.replications)
    tasks = [t for s in scenarios.values() for t in tasks_for(s, range(o.replications), o.years, o.seed)]
    run = run_tasks(tasks, o, description="decompose")
    table = outcomes(run.yearly, run.org, o.warmup) if len(run.org) else pd.DataFrame()
    summary = contributions(table, policy, against, outcome, [ALL_ON, *chosen]) if len(table) else None
    meta = manifest(first, o.seed, o.replications, o.years, run.timings(o))
    meta["decompose"] = {
        "scenario": scenario, "overrides": list(overrides), "policy": policy, "against": against,
        "outcome": outcome, "switches": {s: switch_path(s) for s in chosen},
    }  # fmt: skip
    return Results(run.yearly, run.org, table, meta, run.failures, decomposition=summary)


def contributions(
    table: pd.DataFrame, policy: str, against: str, outcome: str, order: list[str]
) -> pd.DataFrame:
    """One row per variant: the paired advantage and, for a switched-off mechanism, its
    contribution (paired over replications again)."""
    t = table.assign(variant=table.scenario.str.split("/").str[1])
    wide = t.pivot_table(index=["variant", "replication"], columns="policy", values=outcome)
    advantage = wide[policy] - wide[against]
    reference = wide[against].groupby("variant").mean()
    full = advantage.loc[ALL_ON]
    rows = []
    for variant in order:
        if variant not in advantage.index.get_level_values(0):
            continue
        adv = advantage.loc[variant]
        mean, low, high = _ci(adv)
        base = reference[variant]
        row = {"variant": variant, "outcome": outcome, "policy": policy, "against": against,
               "advantage": mean, "ci_low": low, "ci_high": high,
               "advantage_pct": 100 * mean / base if base else np.nan}  # fmt: skip
        if variant == ALL_ON:
            row |= {"contribution": np.nan, "contribution_ci_low": np.nan, "contribution_ci_high": np.nan}
        else:
            c, c_low, c_high = _ci(full - adv.reindex(full.index))
            row |= {"contribution": c, "contribution_ci_low": c_low, "contribution_ci_high": c_high}
        row["clear"] = bool(low > 0 or high < 0) if np.isfinite(low) else False
        rows.append(row)
    return pd.DataFrame(rows)
