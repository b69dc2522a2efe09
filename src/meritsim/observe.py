"""What is recorded each simulated year, as tidy rows (one per level, and one for the organisation)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from meritsim.organisation import Organisation
from meritsim.params.schema import Scenario
from meritsim.rules.exits import REASONS
from meritsim.rules.kkn import working_competence
from meritsim.workforce import Workforce

FLOWS = ("promotions_in", "promotions_out", "exits", "hires")
QUANTILES = {"competence_p10": 10, "competence_p50": 50, "competence_p90": 90}


def effectiveness(org: Organisation, competence_sum: np.ndarray, competence_max: float) -> float:
    """Pluchino et al. (2010) global efficiency, in percent: weighted summed competence over its
    maximum, ``100 * sum_l w_l * C_l / (c_max * sum_l w_l * posts_l)``. ``competence_sum`` is the
    competence put to work per level (see :meth:`Recorder.snapshot`)."""
    return float(100 * (org.weight @ competence_sum) / (competence_max * (org.weight @ org.posts)))


class Recorder:
    """Counts the flows of the current year and takes a snapshot at each year end."""

    def __init__(self, org: Organisation, scenario: Scenario, replication: int):
        self.org = org
        self.config = scenario
        # latent competence at or above which a holder counts as a high performer
        self.high = scenario.rules.appraisal.results_above
        self.scenario = scenario.name
        self.replication = replication
        self.competence_max = scenario.traits.competence.max
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

    def _working_sum(
        self, wf: Workforce, bins: np.ndarray, head: np.ndarray, comp_sum: np.ndarray
    ) -> np.ndarray:
        """Competence put to work per level: holders' competence lowered by low motivation, plus
        acting officials (plt) in the vacant posts of open-selection levels, each at
        ``acting_factor`` x the mean competence of the levels below."""
        org, n = self.org, self.org.n_levels
        working = np.bincount(
            bins, weights=working_competence(wf, slice(None), self.config.kkn), minlength=n + 1
        )[:n]
        factor = self.config.open_selection.acting_factor
        for i in np.flatnonzero(org.selection_months > 0):
            vacant = max(org.posts[i] - head[i], 0)
            below = org.sources[i]
            if vacant and below.size and head[below].sum():
                working[i] += vacant * factor * comp_sum[below].sum() / head[below].sum()
        return working

    def snapshot(
        self, wf: Workforce, year: int, policy: str, date: float,
        extra_org: dict | None = None, extra_levels: dict | None = None,
    ) -> None:  # fmt: skip
        """Record the state at the end of ``year`` (0 = the start) and reset the flows."""
        org, n = self.org, self.org.n_levels
        # one bin per level plus a last bin for those who have left: no gathering of columns
        bins = np.where(wf.active, wf.level, n).astype(np.intp)

        def per_level(weights: np.ndarray | None = None) -> np.ndarray:
            return np.bincount(bins, weights=weights, minlength=n + 1)[:n]

        comp, female = wf.competence, wf.female
        head = per_level().astype(np.int64)
        head_f = per_level(female.astype(np.float64)).astype(np.int64)
        comp_sum = per_level(comp)
        comp_sum_f = per_level(comp * female)
        high = per_level((comp >= self.high).astype(np.float64)).astype(np.int64)
        age_sum = date * head - per_level(wf.born)
        post_sum = date * head - per_level(wf.post_since)
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
                **_quantiles(org.rows_by_level(wf), wf.competence, n),
                "mean_age": age_sum / head,
                "mean_years_in_post": post_sum / head,
                "headcount_female": head_f,
                **{f"{k}_female": v for k, v in self.flows_female.items()},
                "mean_competence_female": comp_sum_f / head_f,
                **(extra_levels or {}),
            }
        self._yearly.append(pd.DataFrame(rows))
        senior_head = head[self.senior].sum()
        self._org.append(
            {
                "scenario": self.scenario,
                "policy": policy,
                "replication": self.replication,
                "year": year,
                "effectiveness": effectiveness(
                    org, self._working_sum(wf, bins, head, comp_sum), self.competence_max
                ),
                "headcount": int(head.sum()),
                "posts": int(org.posts.sum()),
                "vacancies": int(np.maximum(org.posts - head, 0).sum()),
                "promotions": int(self.flows["promotions_in"].sum()),
                "rank_promotions": self.rank_promotions,
                "exits": int(self.flows["exits"].sum()),
                **{f"{r}s": c for r, c in self.exit_reasons.items()},
                "hires": int(self.flows["hires"].sum()),
                "mean_competence": float(comp_sum.sum() / head.sum()) if head.sum() else np.nan,
                "senior_competence": float(comp_sum[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
                "first_posts": self.first_posts,
                "years_to_first_post_sum": self.years_to_first_post,
                "first_structural_posts": self.first_structural,
                "years_to_first_structural_sum": self.years_to_first_structural,
                "female_share": float(head_f.sum() / head.sum()) if head.sum() else np.nan,
                "female_share_senior": float(head_f[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
                **(extra_org or {}),
            }
        )
        self._reset()

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The yearly (per level) and org (per year) tables recorded so far."""
        return pd.concat(self._yearly, ignore_index=True), pd.DataFrame(self._org)


def _quantiles(by_level: list[np.ndarray], competence: np.ndarray, n: int) -> dict[str, np.ndarray]:
    out = {k: np.full(n, np.nan) for k in QUANTILES}
    for i, rows in enumerate(by_level):
        if rows.size:
            values = np.percentile(competence[rows], list(QUANTILES.values()))
            for k, v in zip(QUANTILES, values, strict=True):
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
