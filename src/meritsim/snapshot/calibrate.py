"""Calibration from two or more yearly snapshots of the same agency (linked by pseudonym):
attrition and retirement, recruitment volume and entry profile, and a promotion logit that says
how far past promotions followed performance rather than seniority."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from meritsim.analysis import coefficients, mean_ci
from meritsim.organisation import Organisation
from meritsim.params.domain import BAIK

Snapshot = tuple[pd.Timestamp, pd.DataFrame]


@dataclass
class Calibration:
    """Estimates with 95 % CIs (tables have columns estimate, ci_low, ci_high, n)."""

    transitions: pd.DataFrame  # one row per person x year they could leave or be promoted
    rates: pd.DataFrame  # attrition (non-retirement exit) rate and retirement ages
    recruitment: pd.DataFrame  # hires per year and the entry profile
    promotion: pd.DataFrame  # logit coefficients (standardised covariates)
    merit_coefficient: dict[str, float]  # performance minus seniority (logit), with CI and p


def _age(table: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    return (day - table["birth_date"]).dt.days / 365.25


def link(snapshots: list[Snapshot], org: Organisation) -> pd.DataFrame:
    """Each person at each snapshot but the last, with what became of them by the next one:
    stayed, promoted (to a higher level), or exited; and their covariates at the start."""
    rows = []
    tier = dict(zip(org.keys, org.tier, strict=True))
    for (day, now), (_, later) in itertools.pairwise(snapshots):
        nxt = later.set_index("pseudonym")
        t = now.copy()
        t["age"] = _age(t, day)
        t["years_in_rank"] = (day - t["rank_date"]).dt.days / 365.25
        record = t[[c for c in t.columns if c.startswith("predikat_")]].replace(-1, np.nan)
        t["appraisal_record"] = record.mean(axis=1)
        t["good_record"] = (record >= BAIK).all(axis=1).astype(float)
        t["exited"] = ~t["pseudonym"].isin(nxt.index)
        next_level = t["pseudonym"].map(nxt["level"])
        t["promoted"] = (~t["exited"]) & (next_level.map(tier) > t["level"].map(tier))
        t["year"] = day.year
        rows.append(t)
    return pd.concat(rows, ignore_index=True)


def exit_rates(transitions: pd.DataFrame, retirement_age: dict[str, float]) -> pd.DataFrame:
    """Yearly attrition (exits before the level's retirement age, over person-years at risk) with
    a Wilson CI, and the mean age at exit of those who left at or past it, per level."""
    bup = transitions["level"].map(retirement_age)
    retiring = transitions["age"] + 1 >= bup  # reaches BUP within the year
    at_risk = transitions[~retiring]
    quits = int(at_risk["exited"].sum())
    low, high = proportion_confint(quits, len(at_risk), method="wilson")
    rows = [
        {
            "parameter": "attrition_rate",
            "group": "all",
            "estimate": quits / len(at_risk),
            "ci_low": low,
            "ci_high": high,
            "n": len(at_risk),
        }
    ]
    bands = pd.cut(at_risk["age"], [0, 30, 40, 50, 100], right=False, labels=["<30", "30-39", "40-49", "50+"])
    groups = [
        ("age " + bands.astype(str), "attrition_by_age"),
        (at_risk["rank"].str.split("/").str[0], "attrition_by_golongan"),
    ]
    for keys, name in groups:
        for key, g in at_risk.groupby(keys, observed=True):
            k = int(g["exited"].sum())
            low, high = proportion_confint(k, len(g), method="wilson")
            rows.append(
                {
                    "parameter": name,
                    "group": str(key),
                    "estimate": k / len(g),
                    "ci_low": low,
                    "ci_high": high,
                    "n": len(g),
                }
            )
    retired = transitions[retiring & transitions["exited"]]
    for level, g in retired.groupby("level"):
        mean, lo, hi = mean_ci(g["age"] + 0.5)
        rows.append(
            {
                "parameter": "retirement_age",
                "group": level,
                "estimate": mean,
                "ci_low": lo,
                "ci_high": hi,
                "n": len(g),
            }
        )
    return pd.DataFrame(rows)


def recruitment(snapshots: list[Snapshot], entry_levels: list[str]) -> pd.DataFrame:
    """Hires per year (new pseudonyms at entry levels) and their entry profile: age and the
    share of each education level (Wilson CIs)."""
    hires = []
    for (_, before), (day, after) in itertools.pairwise(snapshots):
        new = after[~after["pseudonym"].isin(before["pseudonym"]) & after["level"].isin(entry_levels)].copy()
        new["age"] = _age(new, day)
        hires.append(new)
    counts = np.array([len(h) for h in hires], dtype=float)
    mean, low, high = mean_ci(counts)
    rows = [
        {
            "parameter": "hires_per_year",
            "group": "all",
            "estimate": mean,
            "ci_low": low,
            "ci_high": high,
            "n": len(counts),
        }
    ]
    new = pd.concat(hires, ignore_index=True)
    for level, g in new.groupby("level"):
        mean, low, high = mean_ci(g["age"] - 0.5)  # hired on average half a year before the export
        rows.append(
            {
                "parameter": "entry_age",
                "group": level,
                "estimate": mean,
                "ci_low": low,
                "ci_high": high,
                "n": len(g),
            }
        )
        for edu, k in g["education"].value_counts().items():
            low, high = proportion_confint(int(k), len(g), method="wilson")
            rows.append(
                {
                    "parameter": f"entry_education_{edu}",
                    "group": level,
                    "estimate": k / len(g),
                    "ci_low": low,
                    "ci_high": high,
                    "n": len(g),
                }
            )
    return pd.DataFrame(rows)


def promotion_model(transitions: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, float]]:
    """Logit of being promoted within the year, among staff who stayed, on standardised appraisal
    record, assessed competence and an affinity proxy (if exported), years in rank and age.
    Returns the coefficient
    table and the merit coefficient: (appraisal record + assessment) - years in rank, with its
    95 % CI and p-value (a linear contrast of the fit)."""
    import statsmodels.formula.api as smf

    data = transitions[~transitions["exited"]].copy()
    covariates = ["appraisal_record", "years_in_rank", "age"]
    if "assessment" in data and data["assessment"].notna().mean() > 0.5:
        covariates.insert(1, "assessment")
    if "affinity_proxy" in data and data["affinity_proxy"].notna().mean() > 0.5:
        covariates.append("affinity_proxy")
    data = data.dropna(subset=covariates)
    for c in covariates:
        data[c] = (data[c] - data[c].mean()) / (data[c].std() or 1.0)
    data["promoted"] = data["promoted"].astype(int)
    fit = smf.logit(f"promoted ~ {' + '.join(covariates)}", data).fit(disp=False)
    table = coefficients(fit)
    performance = " + ".join(c for c in covariates if c in ("appraisal_record", "assessment"))
    contrast = fit.t_test(f"{performance} - years_in_rank = 0")
    low, high = np.asarray(contrast.conf_int()).ravel()
    merit = {
        "estimate": float(np.asarray(contrast.effect).ravel()[0]),
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float(np.asarray(contrast.pvalue).ravel()[0]),
    }
    return table, merit


def calibrate(snapshots: list[Snapshot], org: Organisation, retirement_age: dict[str, float]) -> Calibration:
    """All estimates from the snapshots (at least two, in date order)."""
    if len(snapshots) < 2:
        raise ValueError("calibration needs at least two snapshots")
    snapshots = sorted(snapshots, key=lambda s: s[0])
    entry = [org.keys[i] for i in org.entry]
    transitions = link(snapshots, org)
    promotion, merit = promotion_model(transitions)
    rates = exit_rates(transitions, retirement_age)
    return Calibration(transitions, rates, recruitment(snapshots, entry), promotion, merit)


def calibrated_overrides(cal: Calibration) -> dict:
    """Scenario values estimated from the data: attrition, and each entry level's recruit
    education shares and mean age."""
    rates = cal.rates.set_index(["parameter", "group"])
    out: dict = {
        "rules": {
            "exits": {"attrition_rate": round(float(rates.loc[("attrition_rate", "all"), "estimate"]), 5)}
        }
    }
    levels: dict = {}
    rec = cal.recruitment
    for level, g in rec[rec.parameter.str.startswith("entry_")].groupby("group"):
        shares = g[g.parameter.str.startswith("entry_education_")]
        education = {
            p.removeprefix("entry_education_"): round(float(v), 4)
            for p, v in zip(shares.parameter, shares.estimate, strict=True)
        }
        total = sum(education.values())
        education = {k: v / total for k, v in education.items()}
        age = g[g.parameter == "entry_age"].estimate
        recruit: dict = {"education": education}
        if len(age):
            recruit["age"] = {"mean": round(float(age.iloc[0]), 2)}
        levels[level] = {"recruit": recruit}
    if levels:
        out["organisation"] = {"levels": levels}
    return out
