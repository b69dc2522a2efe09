"""Statistics that settle arguments: means with CIs, paired differences against a baseline under
common random numbers, regression across a sweep (statsmodels)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


def mean_ci(values: np.ndarray | pd.Series, alpha: float = 0.05) -> tuple[float, float, float]:
    """Mean and its (1 - alpha) t confidence interval; NaN bounds with fewer than 2 values."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.nan, np.nan, np.nan
    mean = float(x.mean())
    if x.size < 2:
        return mean, np.nan, np.nan
    if np.ptp(x) == 0:
        return mean, mean, mean
    from statsmodels.stats.weightstats import DescrStatsW

    low, high = DescrStatsW(x).tconfint_mean(alpha=alpha)
    return mean, float(low), float(high)


def half_width(values: np.ndarray | pd.Series, alpha: float = 0.05) -> float:
    """Half the width of the mean's confidence interval (inf with fewer than 2 values)."""
    _, low, high = mean_ci(values, alpha)
    return float((high - low) / 2) if np.isfinite(low) else np.inf


def paired_difference(diff: np.ndarray, alpha: float = 0.05) -> dict[str, float]:
    """Mean paired difference, its CI, the paired t-test p-value and Cohen's d_z (mean / sd)."""
    d = np.asarray(diff, dtype=float)
    d = d[np.isfinite(d)]
    mean, low, high = mean_ci(d, alpha)
    out = {"diff": mean, "diff_ci_low": low, "diff_ci_high": high, "p_value": np.nan, "cohen_dz": np.nan}
    if d.size >= 2:
        sd = d.std(ddof=1)
        if sd > 0:
            from statsmodels.stats.weightstats import DescrStatsW

            out["p_value"] = float(DescrStatsW(d).ttest_mean(0.0)[1])
            out["cohen_dz"] = float(d.mean() / sd)
        else:
            out["p_value"] = 1.0 if d.mean() == 0 else 0.0
    return out


DIFFERENCE_COLUMNS = (
    "diff", "diff_ci_low", "diff_ci_high", "diff_pct", "diff_pct_ci_low", "diff_pct_ci_high",
    "p_value", "cohen_dz",
)  # fmt: skip


def relative_difference(row: dict[str, float], base_mean: float) -> dict[str, float]:
    """The paired difference and its CI in % of the baseline's mean (NaN when that mean is 0)."""
    keys = ("diff", "diff_ci_low", "diff_ci_high")
    if not np.isfinite(base_mean) or base_mean == 0:
        return {k.replace("diff", "diff_pct"): np.nan for k in keys}
    scale = 100.0 / abs(base_mean)
    return {k.replace("diff", "diff_pct"): row[k] * scale for k in keys}


def compare_outcomes(
    table: pd.DataFrame, outcomes: list[str], baseline: str, alpha: float = 0.05
) -> pd.DataFrame:
    """For each outcome and scenario: mean with CI; against ``baseline``: the paired difference
    (replication r with replication r, which share their random numbers) with CI, p-value and
    effect size. ``table`` has one row per scenario x replication."""
    scenarios = list(dict.fromkeys(table.scenario))
    if baseline not in scenarios:
        raise ValueError(f"baseline {baseline!r} is not one of the scenarios: {', '.join(scenarios)}")
    wide = {s: table[table.scenario == s].set_index("replication") for s in scenarios}
    rows = []
    for outcome in outcomes:
        base = wide[baseline][outcome]
        for s in scenarios:
            x = wide[s][outcome]
            mean, low, high = mean_ci(x, alpha)
            row = {
                "outcome": outcome,
                "scenario": s,
                "baseline": baseline,
                "n": int(x.notna().sum()),
                "mean": mean,
                "ci_low": low,
                "ci_high": high,
                "sd": float(x.std(ddof=1)),
            }
            if s == baseline:
                row |= dict.fromkeys(DIFFERENCE_COLUMNS, np.nan)
            else:
                paired = x.to_frame("x").join(base.to_frame("b"), how="inner")
                d = paired_difference((paired.x - paired.b).to_numpy(), alpha)
                d |= relative_difference(d, float(base.mean()))
                row |= {k: d[k] for k in DIFFERENCE_COLUMNS}
            rows.append(row)
    return pd.DataFrame(rows)


def _safe(name: str) -> str:
    return "x_" + re.sub(r"\W", "_", name)


def regress(
    data: pd.DataFrame, outcome: str, predictors: list[str], kind: str = "ols", alpha: float = 0.05
) -> pd.DataFrame:
    """Fit ``outcome ~ predictors`` by OLS (or logit for a 0/1 outcome) with statsmodels; returns a
    tidy table: term, coef, std_err, ci_low, ci_high, p_value, n. Text predictors become
    categorical (treatment-coded)."""
    import statsmodels.formula.api as smf

    if kind not in ("ols", "logit"):
        raise ValueError(f"kind must be 'ols' or 'logit', not {kind!r}")
    missing = [c for c in (outcome, *predictors) if c not in data.columns]
    if missing:
        raise ValueError(f"columns not in the data: {', '.join(missing)}")
    names = {c: _safe(c) for c in (outcome, *predictors)}
    df = data[list(names)].rename(columns=names).dropna()
    terms = [
        f"C({names[p]})"
        if df[names[p]].dtype == object or isinstance(df[names[p]].dtype, pd.StringDtype)
        else names[p]
        for p in predictors
    ]
    formula = f"{names[outcome]} ~ {' + '.join(terms) if terms else '1'}"
    model = smf.ols(formula, df) if kind == "ols" else smf.logit(formula, df)
    fit = model.fit() if kind == "ols" else model.fit(disp=False)
    back = {v: k for k, v in names.items()}
    table = coefficients(fit, alpha)
    table["term"] = [_readable(t, back) for t in table["term"]]
    return table


def coefficients(fit, alpha: float = 0.05) -> pd.DataFrame:
    """A fitted statsmodels model's tidy coefficient table: term, coef, std_err, ci_low, ci_high,
    p_value, n."""
    ci = fit.conf_int(alpha)
    return pd.DataFrame(
        {
            "term": list(fit.params.index),
            "coef": fit.params.to_numpy(),
            "std_err": fit.bse.to_numpy(),
            "ci_low": ci[0].to_numpy(),
            "ci_high": ci[1].to_numpy(),
            "p_value": fit.pvalues.to_numpy(),
            "n": int(fit.nobs),
        }
    )


def _readable(term: str, back: dict[str, str]) -> str:
    for safe, name in sorted(back.items(), key=lambda kv: -len(kv[0])):
        term = term.replace(safe, name)
    return term


def sensitivity(
    method: str,
    names: list[str],
    bounds: list[list[float]],
    x: np.ndarray,
    y: np.ndarray,
    *,
    levels: int = 4,
    seed: int = 0,
) -> pd.DataFrame:
    """Sobol (first-order and total indices) or Morris (mu*, sigma) indices with their 95 %
    confidence intervals, computed by SALib from design ``x`` and outcome ``y`` (one per point,
    in design order). Returns one row per parameter."""
    problem = {"num_vars": len(names), "names": names, "bounds": bounds}
    if method in ("sobol", "morris") and np.ptp(y) == 0:  # a constant outcome: nothing to explain
        keys = (
            ("S1", "S1_conf", "ST", "ST_conf")
            if method == "sobol"
            else ("mu_star", "mu_star_conf", "sigma", "mu")
        )
        return pd.DataFrame({"method": method, "parameter": names, **dict.fromkeys(keys, 0.0)})
    if method == "sobol":
        from SALib.analyze import sobol

        res = sobol.analyze(problem, y, calc_second_order=False, seed=seed)
        cols = {"S1": "S1", "S1_conf": "S1_conf", "ST": "ST", "ST_conf": "ST_conf"}
    elif method == "morris":
        from SALib.analyze import morris

        res = morris.analyze(problem, x, y, num_levels=levels, seed=seed)
        cols = {"mu_star": "mu_star", "mu_star_conf": "mu_star_conf", "sigma": "sigma", "mu": "mu"}
    else:
        raise ValueError(f"sensitivity indices need a sobol or morris design, not {method!r}")
    out = pd.DataFrame({"parameter": names})
    for key, col in cols.items():
        out[col] = np.asarray(res[key], dtype=float)
    out.insert(0, "method", method)
    return out
