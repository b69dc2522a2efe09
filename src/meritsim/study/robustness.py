"""How robust the headline is: merit against each other policy over the space of the model's
unmeasured assumptions.

The assumptions nobody has measured for an Indonesian agency (how competence carries over on
promotion, on-the-job learning, demotivation of those passed over, assessment error, appraisal
favouritism) are sampled over stated ranges with a Sobol design (SALib). At every design point
each policy runs on the same replications (common random numbers) as merit. For each policy the
result says in what share of the assumption space merit does better, by how much (in points and
in % of the other policy's value), and which assumption decides it (Sobol first-order and total
indices of merit's advantage).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from meritsim.model.outcomes import ROBUST_OUTCOMES, outcomes
from meritsim.model.scenario.files import scenario_hash
from meritsim.study.design import Design, Range, SweepSpec, design_points, point_scenarios
from meritsim.study.options import RunOptions
from meritsim.study.provenance import manifest
from meritsim.study.results import Results
from meritsim.study.runner import run_tasks
from meritsim.study.simulate import tasks_for
from meritsim.study.statistics import sensitivity

#: the unmeasured assumptions and their ranges (each end a defensible reading of the literature)
ASSUMPTIONS: dict[str, Range] = {
    # 0: competence carries over to the new post (common sense); 1: redrawn (Pluchino's Peter)
    "rules.carryover.redraw_share": Range(min=0.0, max=1.0),
    # share of the gap to maximum competence closed per year at work
    "training.on_job_learning": Range(min=0.0, max=0.03),
    # work lost by a high performer who is passed over
    "kkn.motivation_loss": Range(min=0.0, max=0.6),
    # sd of the assessment centre's error (competence points)
    "assessment.error_sd": Range(min=0.25, max=3.0),
    # how far supervisors bend appraisals by affinity
    "rules.appraisal.favouritism": Range(min=0.0, max=1.0),
}
BASELINE = "merit"


def check_request(policies: list[str], outcomes_: list[str], samples: int) -> None:
    """Raise ValueError naming what is wrong with a robustness request."""
    others = [p for p in policies if p != BASELINE]
    if not others:
        raise ValueError(f"policies: name at least one policy to set against {BASELINE}")
    bad = [o for o in outcomes_ if o not in ROBUST_OUTCOMES]
    if bad:
        raise ValueError(f"outcome {', '.join(bad)}: choose from {', '.join(ROBUST_OUTCOMES)}")
    if samples < 1:
        raise ValueError("samples must be at least 1")


def robustness(
    scenario: str,
    policies: list[str],
    overrides: list[str] | tuple[str, ...] = (),
    samples: int = 8,
    outcomes_: list[str] | None = None,
    design_seed: int = 0,
    options: RunOptions | None = None,
) -> Results:
    """Run ``policies`` and merit at every point of a Sobol design over :data:`ASSUMPTIONS`
    (``samples`` x (assumptions + 2) points). Returns :class:`Results` with ``robustness`` (one
    row per policy x outcome), ``indices`` (Sobol indices of merit's advantage), ``points`` and
    the per-replication ``outcomes``."""
    chosen = list(outcomes_ or ["effectiveness_mean"])
    check_request(policies, chosen, samples)
    others = [p for p in dict.fromkeys(policies) if p != BASELINE]
    spec = SweepSpec(
        name="robustness", base=scenario, set=list(overrides), uncertainties=ASSUMPTIONS,
        design=Design(method="sobol", samples=samples, seed=design_seed),
    )  # fmt: skip
    points = design_points(spec)
    scenarios = {
        p: point_scenarios(
            spec.model_copy(update={"name": f"robustness-{p}", "set": [*spec.set, _policy(p)]}), points
        )
        for p in [BASELINE, *others]
    }
    first = scenarios[BASELINE][0]
    o = (options or RunOptions()).resolved(first)
    every = [s for group in scenarios.values() for s in group]
    o.check(every, len(every) * o.replications)
    tasks = [
        t
        for i in range(len(points))
        for p in [BASELINE, *others]  # the policies of a point share its spin-up: run them together
        for t in tasks_for(scenarios[p][i], range(o.replications), o.years, o.seed, {"point": i})
    ]
    run = run_tasks(tasks, o, description="robustness")
    table = outcomes(run.yearly, run.org, o.warmup) if len(run.org) else pd.DataFrame()
    if len(table):
        table.insert(0, "point", table.scenario.str.rsplit("/p", n=1).str[1].astype(int))
    summary, indices = (pd.DataFrame(), pd.DataFrame())
    if len(table) and not run.failures:
        summary, indices = analyse(table, points, others, chosen, design_seed)
    meta = manifest(first, o.seed, o.replications, o.years, run.timings(o))
    for key in ("parameters", "parameters_hash", "scenario"):
        meta.pop(key)
    meta |= {
        "robustness": {
            "scenario": scenario, "overrides": list(overrides), "policies": [BASELINE, *others],
            "outcomes": chosen, "samples": samples, "design_seed": design_seed,
            "assumptions": {k: [r.min, r.max] for k, r in ASSUMPTIONS.items()},
        },
        "points": len(points),
        "parameters_hash": {s.name: scenario_hash(s) for s in every},
        "base_parameters": first.model_dump(mode="json"),
        "failures": [{k: f[k] for k in ("scenario", "replication", "seed", "error")} for f in run.failures],
    }  # fmt: skip
    return Results(
        run.yearly, run.org, table, meta, run.failures,
        points=points.reset_index(), indices=indices, robustness=summary,
    )  # fmt: skip


def _policy(name: str) -> str:
    return f"policy.name={name}"


def advantages(table: pd.DataFrame, policy: str, outcome: str) -> pd.DataFrame:
    """Per design point: merit's mean value, the policy's, and merit's paired advantage (merit -
    policy, replication r against replication r) with its 95 % t interval over replications."""
    values = table.pivot_table(index=["point", "replication"], columns="policy", values=outcome)
    diff = (values[BASELINE] - values[policy]).groupby("point")
    n, mean, sd = diff.count(), diff.mean(), diff.std()
    half = stats.t.ppf(0.975, np.maximum(n - 1, 1)) * sd / np.sqrt(n)
    half[n < 2] = np.nan
    by_point = values.groupby("point").mean()
    return pd.DataFrame(
        {
            "merit": by_point[BASELINE],
            "other": by_point[policy],
            "advantage": mean,
            "ci_low": mean - half,
            "ci_high": mean + half,
        }
    )


def _share(hits: pd.Series, bound: pd.Series) -> float:
    """Share of points where ``hits`` (a CI excludes 0); NaN without CIs (one replication)."""
    return float(hits.mean()) if bound.notna().any() else np.nan


def analyse(
    table: pd.DataFrame, points: pd.DataFrame, others: list[str], chosen: list[str], seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The robustness summary (one row per policy x outcome) and the Sobol indices of merit's
    advantage (one row per policy x outcome x assumption)."""
    names = list(ASSUMPTIONS)
    bounds = [list(r.interval()) for r in ASSUMPTIONS.values()]
    rows, indices = [], []
    for policy in others:
        for outcome in chosen:
            a = advantages(table, policy, outcome).reindex(points.index)
            pct = 100 * a.advantage / a.other.where(a.other != 0)
            rows.append(
                {
                    "policy": policy,
                    "outcome": outcome,
                    "points": len(a),
                    "share_merit_wins": float((a.advantage > 0).mean()),
                    "share_merit_wins_clearly": _share(a.ci_low > 0, a.ci_low),
                    "share_policy_wins_clearly": _share(a.ci_high < 0, a.ci_high),
                    "mean_advantage": float(a.advantage.mean()),
                    "advantage_p05": float(a.advantage.quantile(0.05)),
                    "advantage_p50": float(a.advantage.median()),
                    "advantage_p95": float(a.advantage.quantile(0.95)),
                    "mean_advantage_pct": float(pct.mean()),
                    "decided_by": "",
                }
            )  # fmt: skip
            idx = sensitivity(
                "sobol", names, bounds, points[names].to_numpy(float), a.advantage.to_numpy(float), seed=seed
            )
            idx = idx.assign(policy=policy, outcome=outcome)
            rows[-1]["decided_by"] = str(idx.sort_values("ST", ascending=False).parameter.iloc[0])
            indices.append(idx)
    summary = pd.DataFrame(rows)
    return summary, pd.concat(indices, ignore_index=True)[
        ["policy", "outcome", "method", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    ]
