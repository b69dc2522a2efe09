"""What is recorded each simulated year, as tidy rows (one per level, and one for the organisation)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from meritsim.organisation import Organisation
from meritsim.rules.exits import REASONS
from meritsim.workforce import Workforce

FLOWS = ("promotions_in", "promotions_out", "exits", "hires")
QUANTILES = {"competence_p10": 10, "competence_p50": 50, "competence_p90": 90}


def effectiveness(org: Organisation, competence_sum: np.ndarray, competence_max: float) -> float:
    """Pluchino et al. (2010) global efficiency, in percent: weighted summed competence over its
    maximum, ``100 * sum_l w_l * C_l / (c_max * sum_l w_l * posts_l)``; vacant posts count 0."""
    return float(100 * (org.weight @ competence_sum) / (competence_max * (org.weight @ org.posts)))


class Recorder:
    """Counts the flows of the current year and takes a snapshot at each year end."""

    def __init__(
        self, org: Organisation, scenario: str, replication: int, competence_max: float, high: float
    ):
        self.org = org
        self.high = high  # latent competence at or above which a holder counts as a high performer
        self.scenario = scenario
        self.replication = replication
        self.competence_max = competence_max
        self.senior = org.tier >= np.sort(np.unique(org.tier))[-2:].min()
        self._yearly: list[pd.DataFrame] = []
        self._org: list[dict] = []
        self._reset()

    def _reset(self) -> None:
        n = self.org.n_levels
        self.flows = {f: np.zeros(n, np.int64) for f in FLOWS}
        self.flows_female = {f: np.zeros(n, np.int64) for f in FLOWS}
        self.exit_reasons = dict.fromkeys(REASONS, 0)
        self.rank_promotions = 0
        self.first_posts = 0
        self.years_to_first_post = 0.0
        self.first_structural = 0
        self.years_to_first_structural = 0.0

    def count(self, flow: str, levels: np.ndarray, female: np.ndarray) -> None:
        """Add one to ``flow`` of each level in ``levels`` (and of women's flow where female)."""
        n = self.org.n_levels
        self.flows[flow] += np.bincount(levels, minlength=n)
        self.flows_female[flow] += np.bincount(levels[female], minlength=n)

    def exits(self, wf: Workforce, rows: np.ndarray, reason: str) -> None:
        self.count("exits", wf.level[rows], wf.female[rows])
        self.exit_reasons[reason] += rows.size

    def first_promotions(self, years_in_service: np.ndarray, structural: bool) -> None:
        """Years of service of people promoted to a (structural) post for the first time."""
        if structural:
            self.first_structural += years_in_service.size
            self.years_to_first_structural += float(years_in_service.sum())
        else:
            self.first_posts += years_in_service.size
            self.years_to_first_post += float(years_in_service.sum())

    def snapshot(self, wf: Workforce, year: int, policy: str, date: float) -> None:
        """Record the state at the end of ``year`` (0 = the start) and reset the flows."""
        org, n = self.org, self.org.n_levels
        act = wf.active
        level, comp, female = wf.level[act], wf.competence[act], wf.female[act]
        head = np.bincount(level, minlength=n)
        head_f = np.bincount(level[female], minlength=n)
        comp_sum = np.bincount(level, weights=comp, minlength=n)
        comp_sum_f = np.bincount(level[female], weights=comp[female], minlength=n)
        high = np.bincount(level[comp >= self.high], minlength=n)
        age_sum = np.bincount(level, weights=date - wf.born[act], minlength=n)
        post_sum = np.bincount(level, weights=date - wf.post_since[act], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            rows = {
                "scenario": self.scenario,
                "policy": policy,
                "replication": self.replication,
                "year": year,
                "level": list(org.keys),
                "level_label": list(org.labels),
                "track": list(org.tracks),
                "level_rank": org.tier,
                "headcount": head,
                "posts": org.posts,
                "vacancies": np.maximum(org.posts - head, 0),
                **self.flows,
                "mean_competence": comp_sum / head,
                "high_performers": high,
                **_quantiles(level, comp, n),
                "mean_age": age_sum / head,
                "mean_years_in_post": post_sum / head,
                "headcount_female": head_f,
                **{f"{k}_female": v for k, v in self.flows_female.items()},
                "mean_competence_female": comp_sum_f / head_f,
            }
        self._yearly.append(pd.DataFrame(rows))
        senior_head = head[self.senior].sum()
        self._org.append(
            {
                "scenario": self.scenario,
                "policy": policy,
                "replication": self.replication,
                "year": year,
                "effectiveness": effectiveness(org, comp_sum, self.competence_max),
                "headcount": int(head.sum()),
                "posts": int(org.posts.sum()),
                "vacancies": int(np.maximum(org.posts - head, 0).sum()),
                "promotions": int(self.flows["promotions_in"].sum()),
                "rank_promotions": self.rank_promotions,
                "exits": int(self.flows["exits"].sum()),
                **{f"{r}s": c for r, c in self.exit_reasons.items()},
                "hires": int(self.flows["hires"].sum()),
                "mean_competence": float(comp.mean()) if comp.size else np.nan,
                "senior_competence": float(comp_sum[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
                "first_posts": self.first_posts,
                "years_to_first_post_sum": self.years_to_first_post,
                "first_structural_posts": self.first_structural,
                "years_to_first_structural_sum": self.years_to_first_structural,
                "female_share": float(female.mean()) if female.size else np.nan,
                "female_share_senior": float(head_f[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
            }
        )
        self._reset()

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The yearly (per level) and org (per year) tables recorded so far."""
        return pd.concat(self._yearly, ignore_index=True), pd.DataFrame(self._org)


def _quantiles(level: np.ndarray, comp: np.ndarray, n: int) -> dict[str, np.ndarray]:
    out = {k: np.full(n, np.nan) for k in QUANTILES}
    order = np.argsort(level, kind="stable")
    bounds = np.searchsorted(level[order], np.arange(n + 1))
    for i in range(n):
        values = comp[order[bounds[i] : bounds[i + 1]]]
        if values.size:
            for k, v in zip(QUANTILES, np.percentile(values, list(QUANTILES.values())), strict=True):
                out[k][i] = v
    return out


def people(wf: Workforce, org: Organisation, date: float) -> pd.DataFrame:
    """One row per employee in service at ``date``: age, sex, education, rank, post, competence.

    Rows carry no identifier: this is a snapshot for pyramids and "who holds the senior posts".
    """
    from meritsim.params.domain import EDUCATION, RANKS, golongan

    act = wf.active
    level = wf.level[act]
    ranks = np.array(RANKS)[wf.rank[act]]
    return pd.DataFrame(
        {
            "age": date - wf.born[act],
            "female": wf.female[act],
            "education": np.array(EDUCATION)[wf.education[act]],
            "rank": ranks,
            "golongan": [golongan(r) for r in ranks],
            "level": np.array(org.keys)[level],
            "level_label": np.array(org.labels)[level],
            "level_rank": org.tier[level],
            "years_of_service": date - wf.service_since[act],
            "years_in_post": date - wf.post_since[act],
            "competence": wf.competence[act],
            "potential": wf.potential[act],
        }
    )
