"""Headline outcomes of each replication, measured over a window of years (warm-up discarded).

With ``warmup=K`` the window is years K+1 .. Y: flows (promotions, exits, first posts) and means
over time are taken over the window; "initial" values are those of year K; "final" values those
of year Y.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KEYS = ["scenario", "replication"]

#: Outcomes compared between scenarios: name -> description.
OUTCOMES: dict[str, str] = {
    "effectiveness_final": "Effectiveness at the last year (%)",
    "effectiveness_mean": "Effectiveness, mean over the window (%)",
    "effectiveness_gain": "Effectiveness at the end minus at the start of the window (points)",
    "senior_competence_final": "Mean competence in the top two levels at the end",
    "senior_competence_mean": "Mean competence in the top two levels over the window",
    "mean_competence_final": "Mean competence of all staff at the end",
    "promotions_per_year": "Promotions to posts per year",
    "rank_promotions_per_year": "Rank promotions per year",
    "exits_per_year": "Exits per year",
    "mean_years_to_first_post": "Years of service at first promotion to a post",
    "mean_years_to_first_structural_post": "Years of service at first structural post",
    "equity_gap_sex": "Promotions per 100 staff per year, women minus men",
    "female_senior_gap": "Share of women in the top two levels minus overall, at the end (points)",
    "vacancy_rate_final": "Share of posts vacant at the end",
    "irregular_share": "Share of appointments obtained irregularly (bribe or nepotism)",
    "detected_per_year": "Irregular appointments detected per year",
    "passed_over_per_year": "High performers passed over per year",
    "training_cost_per_year": "Training spend per year (million Rp)",
    "talent_pool_share_final": "Share of staff in the talent pool (boxes 7-9) at the end",
    "merit_index_final": "Merit-system index estimate (0-400) at the end",
    "merit_index_mean": "Merit-system index estimate, mean over the window",
    "workload_balance_final": "Workload balance across units at the end (1 = even)",
}


def _per_100(promotions: float, headcount: float) -> float:
    return 100 * promotions / headcount if headcount else np.nan


def outcomes(yearly: pd.DataFrame, org: pd.DataFrame, warmup: int = 0) -> pd.DataFrame:
    """One row per scenario x replication with identity columns and every outcome of OUTCOMES."""
    flows = yearly.groupby([*KEYS, "year"], sort=True)[
        ["promotions_in", "promotions_in_female", "headcount", "headcount_female"]
    ].sum()
    rows = []
    for (scenario, rep), g in org.groupby(KEYS, sort=False):
        g = g.sort_values("year")
        last_year = int(g.year.max())
        if warmup >= last_year:
            raise ValueError(f"warm-up of {warmup} years leaves no years to measure ({last_year})")
        start, last = g[g.year == warmup].iloc[0], g.iloc[-1]
        win = g[g.year > warmup]
        n = len(win)
        f = flows.loc[(scenario, rep)].loc[win.year]
        women = _per_100(f.promotions_in_female.sum(), f.headcount_female.sum())
        men = _per_100(
            (f.promotions_in - f.promotions_in_female).sum(), (f.headcount - f.headcount_female).sum()
        )
        first, first_s = win.first_posts.sum(), win.first_structural_posts.sum()
        rows.append(
            {
                "scenario": scenario,
                "replication": int(rep),
                "policy": g.policy.iloc[0],
                "policy_final": last.policy,
                "years": last_year,
                "warmup": warmup,
                "effectiveness_initial": start.effectiveness,
                "effectiveness_final": last.effectiveness,
                "effectiveness_mean": win.effectiveness.mean(),
                "effectiveness_gain": last.effectiveness - start.effectiveness,
                "senior_competence_initial": start.senior_competence,
                "senior_competence_final": last.senior_competence,
                "senior_competence_mean": win.senior_competence.mean(),
                "mean_competence_final": last.mean_competence,
                "promotions_per_year": win.promotions.sum() / n,
                "rank_promotions_per_year": win.rank_promotions.sum() / n,
                "exits_per_year": win.exits.sum() / n,
                "hires_per_year": win.hires.sum() / n,
                "mean_years_to_first_post": win.years_to_first_post_sum.sum() / first if first else np.nan,
                "mean_years_to_first_structural_post": win.years_to_first_structural_sum.sum() / first_s
                if first_s
                else np.nan,
                "equity_gap_sex": women - men,
                "female_senior_gap": 100 * (last.female_share_senior - last.female_share),
                "vacancy_rate_final": last.vacancies / last.posts,
                "irregular_share": win.irregular_appointments.sum() / win.appointments.sum()
                if win.appointments.sum()
                else np.nan,
                "detected_per_year": win.detected.sum() / n,
                "passed_over_per_year": win.passed_over.sum() / n,
                "training_cost_per_year": win.training_cost.sum() / n,
                "talent_pool_share_final": last.talent_pool / last.headcount if last.headcount else np.nan,
                "merit_index_final": last.merit_index,
                "merit_index_mean": win.merit_index.mean(),
                "workload_balance_final": last.workload_balance,
                "bribes_paid_per_year": win.bribes_paid.sum() / n,
                "sanctions_per_year": win.sanctions.sum() / n,
                "headcount_final": int(last.headcount),
                "female_share_final": last.female_share,
                "female_share_senior_final": last.female_share_senior,
            }
        )
    return pd.DataFrame(rows)
