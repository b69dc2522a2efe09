"""Calibration from two or more snapshots of the same agency (linked by pseudonym): attrition
and retirement, recruitment volume and entry profile, and a promotion logit that says how far
past promotions followed performance rather than seniority.

Snapshots need not be a year apart: every rate is per year, from the true gap between dates
(attrition is a hazard, exits per person-year at risk, as the scenario's ``attrition_rate``)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from meritsim.model.establishment import Establishment
from meritsim.model.scenario.domain import BAIK
from meritsim.model.scenario.schema import Scenario
from meritsim.study.statistics import coefficients, mean_ci

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


def link(snapshots: list[Snapshot], org: Establishment) -> pd.DataFrame:
    """Each person at each snapshot but the last, with what became of them by the next one:
    stayed, promoted (to a higher level; ``promoted_structural``: to a structural post, which an
    official decides, unlike a functional rise by credit points), or exited; their covariates at
    the start; and ``gap``, the years until the next snapshot."""
    rows = []
    tier = dict(zip(org.keys, org.tier, strict=True))
    structural = dict(zip(org.keys, org.structural, strict=True))
    for (day, now), (next_day, later) in itertools.pairwise(snapshots):
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
        t["promoted_structural"] = t["promoted"] & next_level.map(structural).fillna(False).astype(bool)
        t["year"] = day.year
        t["gap"] = (next_day - day).days / 365.25
        rows.append(t)
    return pd.concat(rows, ignore_index=True)


def _hazard(events: int, exposure: float) -> tuple[float, float, float]:
    """Events per person-year with an exact (Garwood) Poisson 95 % CI."""
    from scipy.stats import chi2

    if exposure <= 0:
        return np.nan, np.nan, np.nan
    low = chi2.ppf(0.025, 2 * events) / 2 if events else 0.0
    high = chi2.ppf(0.975, 2 * events + 2) / 2
    return events / exposure, low / exposure, high / exposure


def _rate_row(parameter: str, group: str, g: pd.DataFrame) -> dict:
    """Attrition of ``g``: exits over person-years at risk (an exit counts half its interval)."""
    events = int(g["exited"].sum())
    exposure = float((g["gap"] * np.where(g["exited"], 0.5, 1.0)).sum())
    estimate, low, high = _hazard(events, exposure)
    return {"parameter": parameter, "group": group, "estimate": estimate, "ci_low": low, "ci_high": high,
            "n": len(g)}  # fmt: skip


def exit_rates(transitions: pd.DataFrame, retirement_age: dict[str, float]) -> pd.DataFrame:
    """Yearly attrition (exits before the level's retirement age, per person-year at risk, with
    an exact Poisson CI), overall, by age band and golongan, and the mean age at exit of those who
    left at or past it, per level."""
    bup = transitions["level"].map(retirement_age)
    retiring = transitions["age"] + transitions["gap"] >= bup  # reaches BUP before the next snapshot
    at_risk = transitions[~retiring]
    rows = [_rate_row("attrition_rate", "all", at_risk)]
    bands = pd.cut(at_risk["age"], [0, 30, 40, 50, 100], right=False, labels=["<30", "30-39", "40-49", "50+"])
    groups = [
        ("age " + bands.astype(str), "attrition_by_age"),
        (at_risk["rank"].str.split("/").str[0], "attrition_by_golongan"),
    ]
    for keys, name in groups:
        for key, g in at_risk.groupby(keys, observed=True):
            rows.append(_rate_row(name, str(key), g))
    retired = transitions[retiring & transitions["exited"]]
    for level, g in retired.groupby("level"):
        mean, lo, hi = mean_ci(g["age"] + g["gap"] / 2)  # left, on average, mid-interval
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
    """Hires per year (new pseudonyms at entry levels) and their entry profile: age at entry (at
    their TMT golongan, which for a new recruit is the date of appointment) and the share of each
    education level (Wilson CIs)."""
    hires, per_year = [], []
    for (start, before), (day, after) in itertools.pairwise(snapshots):
        new = after[~after["pseudonym"].isin(before["pseudonym"]) & after["level"].isin(entry_levels)].copy()
        gap = (day - start).days / 365.25
        new["age"] = (
            new["rank_date"] - new["birth_date"]
        ).dt.days / 365.25  # a recruit's TMT is the hire date
        hires.append(new)
        per_year.append(len(new) / gap)
    counts = np.array(per_year, dtype=float)
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
        mean, low, high = mean_ci(g["age"])
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
    """Logit of being promoted to a structural post (the appointments an official decides;
    functional rises follow credit points) before the next snapshot, among staff who stayed, on standardised
    appraisal record, assessed competence and an affinity proxy (if exported), years in rank, age
    (and the interval's length when intervals differ). Returns the coefficient table and the merit
    coefficient: (appraisal record + assessment) - years in rank, with its
    95 % CI and p-value (a linear contrast of the fit)."""
    import statsmodels.formula.api as smf

    data = transitions[~transitions["exited"]].copy()
    covariates = ["appraisal_record", "years_in_rank", "age"]
    if "assessment" in data and data["assessment"].notna().mean() > 0.5:
        covariates.insert(1, "assessment")
    if "affinity_proxy" in data and data["affinity_proxy"].notna().mean() > 0.5:
        covariates.append("affinity_proxy")
    if np.ptp(data["gap"]) > 0.1:  # unequal intervals (by over a month): more time to be promoted
        covariates.append("gap")
    data = data.dropna(subset=covariates)
    for c in covariates:
        data[c] = (data[c] - data[c].mean()) / (data[c].std() or 1.0)
    data["promoted"] = data["promoted_structural"].astype(int)
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


def calibrate(snapshots: list[Snapshot], org: Establishment, retirement_age: dict[str, float]) -> Calibration:
    """All estimates from the snapshots (at least two, with distinct dates; any order)."""
    if len(snapshots) < 2:
        raise ValueError("calibration needs at least two snapshots")
    snapshots = sorted(snapshots, key=lambda s: s[0])
    days = [d for d, _ in snapshots]
    if len(set(days)) < len(days):
        raise ValueError("two snapshots have the same date; give one snapshot per date")
    entry = [org.keys[i] for i in org.entry]
    transitions = link(snapshots, org)
    promotion, merit = promotion_model(transitions)
    rates = exit_rates(transitions, retirement_age)
    return Calibration(transitions, rates, recruitment(snapshots, entry), promotion, merit)


def calibrated_overrides(cal: Calibration, base: Scenario | None = None) -> dict:
    """Scenario values estimated from the data: attrition, and each entry level's recruit
    education shares and mean age. With the ``base`` scenario they extend, its education levels
    that no recruit had get a share of 0 (overrides merge into the base)."""
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
        base_recruit = base.organisation.levels[level].recruit if base is not None else None
        if base_recruit is not None:
            education = dict.fromkeys(base_recruit.education, 0.0) | education
        age = g[g.parameter == "entry_age"].estimate
        recruit: dict = {"education": education}
        if len(age):
            recruit["age"] = {"mean": round(float(age.iloc[0]), 2)}
        levels[level] = {"recruit": recruit}
    if levels:
        out["organisation"] = {"levels": levels}
    return out
