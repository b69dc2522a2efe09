"""Headline outcomes of each replication, from its yearly and org tables."""

from __future__ import annotations

import numpy as np
import pandas as pd

KEYS = ["scenario", "replication"]


def summarise(yearly: pd.DataFrame, org: pd.DataFrame) -> pd.DataFrame:
    """One row per scenario x replication (see the README's column reference)."""
    rows = []
    for (scenario, rep), g in org.groupby(KEYS, sort=True):
        g = g.sort_values("year")
        first, last, steps = g.iloc[0], g.iloc[-1], g[g.year > 0]
        years = max(len(steps), 1)
        y_last = yearly[
            (yearly.scenario == scenario) & (yearly.replication == rep) & (yearly.year == last.year)
        ]
        first_posts = steps.first_posts.sum()
        rows.append(
            {
                "scenario": scenario,
                "replication": int(rep),
                "policy": first.policy,
                "policy_final": last.policy,
                "years": int(last.year),
                "effectiveness_initial": first.effectiveness,
                "effectiveness_final": last.effectiveness,
                "effectiveness_mean": steps.effectiveness.mean(),
                "effectiveness_gain": last.effectiveness - first.effectiveness,
                "mean_competence_final": last.mean_competence,
                "senior_competence_initial": first.senior_competence,
                "senior_competence_final": last.senior_competence,
                "promotions_per_year": steps.promotions.sum() / years,
                "rank_promotions_per_year": steps.rank_promotions.sum() / years,
                "exits_per_year": steps.exits.sum() / years,
                "hires_per_year": steps.hires.sum() / years,
                "mean_years_to_first_post": steps.years_to_first_post_sum.sum() / first_posts
                if first_posts
                else np.nan,
                "vacancy_rate_final": last.vacancies / last.posts,
                "headcount_final": int(last.headcount),
                "female_share_senior_final": last.female_share_senior,
                "female_share_final": last.female_share,
                "top_level_competence_final": _top_competence(y_last),
            }
        )
    return pd.DataFrame(rows)


def _top_competence(y: pd.DataFrame) -> float:
    top = y[y.level_rank == y.level_rank.max()]
    head = top.headcount.sum()
    return float((top.mean_competence.fillna(0) * top.headcount).sum() / head) if head else np.nan
