"""The one recorder: every counter of the year, and what is observed at each year end.

Phases add to the recorder's flows (per level) and counters (for the organisation) as things
happen; at a year end :meth:`Recorder.observe` takes the state of the workforce into numpy rows
and starts the counters again. The tables are built once, at the end (one row per level and
year in ``yearly``, one per year in ``org``). Every count of people is also split by employment
type (PNS, PPPK): ``*_pns`` and ``*_pppk`` columns, added after the others.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from meritsim.model import tallies
from meritsim.model.establishment import Establishment
from meritsim.model.ranking import where
from meritsim.model.rules import talent, transfers
from meritsim.model.rules.exits import REASONS
from meritsim.model.rules.merit_index import merit_index
from meritsim.model.scenario.domain import PREDIKAT, RANKS
from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import PNS, Workforce

FLOWS = ("promotions_in", "promotions_out", "exits", "hires", "converted_in", "converted_out")
#: flows of PPPK only, per level: honorary staff converted, contracts ended and renewed
CONTRACT_FLOWS = ("honorer_converted", "contract_ends", "contract_renewals")
PPPK_COUNTERS = ("contract_ends", "contract_renewals", "honorer_converted", "honorer_converted_part_time")
#: the year's appraisal results: how many got each predikat
PREDIKAT_COUNTS = tuple("predikat_" + p.lower().replace(" ", "_") for p in PREDIKAT)
COUNTERS = (
    "rank_promotions",
    "first_posts",
    "years_to_first_post_sum",
    "first_structural_posts",
    "years_to_first_structural_sum",
    *(f"{r}s" for r in REASONS),
    "assessed",
    "trained",
    "transfers",
    "appointments",
    "merit_consistent",
    "irregular_appointments",
    "irregular_merit",
    "detected",
    "passed_over",
    "training_cost",
    "bribes_paid",
    "entry_vacancies",
    "senior_appointments",
    "senior_from_pool",
    "with_gap",
    "appraisals",
    "appraisals_accurate",
    "irregular_checked",
    "choices",
    "degrees",
    "credit_rises",
    *PREDIKAT_COUNTS,
    "supervised_selections",
    "supervision_shielded",
    "recommendations",
    "recommendations_followed",
    "posts_converted",
    "holders_converted",
    *PPPK_COUNTERS,
)
MOVES = ("promotions_in", "promotions_out", "converted_in", "converted_out")  # split: their _pppk part
#: per-level columns summed into the org table
ORG_SPLIT = ("headcount_pns", "headcount_pppk", "headcount_pppk_part_time", "hires_pns", "hires_pppk",
             "exits_pns", "exits_pppk")  # fmt: skip
QUANTILES = {"competence_p10": 10, "competence_p50": 50, "competence_p90": 90}


def effectiveness(est: Establishment, competence_sum: np.ndarray, competence_max: float) -> float:
    """Pluchino et al. (2010) global efficiency, in percent: weighted summed competence over its
    maximum, ``100 * sum_l w_l * C_l / (c_max * sum_l w_l * posts_l)``. ``competence_sum`` is the
    competence put to work per level (see :meth:`Recorder.observe`)."""
    return float(100 * (est.weight @ competence_sum) / (competence_max * (est.weight @ est.posts)))


class Recorder:
    """Counts the flows and events of the current year and observes each year end."""

    flows: dict[str, np.ndarray]  # the year's counts so far (set by start_year)
    flows_female: dict[str, np.ndarray]
    flows_pppk: dict[str, np.ndarray]  # PPPK's share of FLOWS, and CONTRACT_FLOWS
    counts: dict[str, float]

    def __init__(self, est: Establishment, scenario: Scenario, replication: int):
        self.est = est
        self.config = scenario
        self.high = scenario.rules.appraisal.results_above  # latent competence of a high performer
        self.scenario = scenario.name
        self.replication = replication
        self.competence_max = scenario.traits.competence.max
        self.year_zero = scenario.timeline.start_year  # the calendar year of year 0
        self.senior = est.tier >= np.sort(np.unique(est.tier))[-2:].min()
        self._levels: list[dict[str, np.ndarray]] = []
        self._org: list[dict] = []
        self.start_year()

    def carry_counts_from(self, other: Recorder) -> None:
        """Take over ``other``'s counts of the year so far (copies)."""
        self.flows = {k: v.copy() for k, v in other.flows.items()}
        self.flows_female = {k: v.copy() for k, v in other.flows_female.items()}
        self.flows_pppk = {k: v.copy() for k, v in other.flows_pppk.items()}
        self.counts = dict(other.counts)

    def start_year(self) -> None:
        """Start the counters of a new year."""
        n = self.est.n_levels
        self.flows = {f: np.zeros(n, np.int64) for f in FLOWS}
        self.flows_female = {f: np.zeros(n, np.int64) for f in FLOWS}
        self.flows_pppk = {f: np.zeros(n, np.int64) for f in (*FLOWS, *CONTRACT_FLOWS)}
        self.counts = dict.fromkeys(COUNTERS, 0)

    # -- what happens during the year --------------------------------------------------------

    def flow(self, name: str, levels: np.ndarray, female: np.ndarray, pppk: np.ndarray | None = None) -> None:
        """Add one to flow ``name`` of each level in ``levels`` (and of women's where female, of
        PPPK's where ``pppk``)."""
        n = self.est.n_levels
        self.flows[name] += np.bincount(levels, minlength=n)
        self.flows_female[name] += np.bincount(levels[female], minlength=n)
        if pppk is not None and pppk.any():
            self.flows_pppk[name] += np.bincount(levels[pppk], minlength=n)

    def contract_flow(self, name: str, levels: np.ndarray) -> None:
        """Add one to the PPPK flow ``name`` (:data:`CONTRACT_FLOWS`) of each level in ``levels``."""
        self.flows_pppk[name] += np.bincount(levels, minlength=self.est.n_levels)

    def promotions(self, level: int, out: np.ndarray, out_female: np.ndarray, n: int, n_female: int) -> None:
        """``n`` appointments into ``level`` (``n_female`` women), leaving the levels counted in
        ``out`` (per level; ``out_female`` the women)."""
        self.flows["promotions_in"][level] += n
        self.flows_female["promotions_in"][level] += n_female
        self.flows["promotions_out"] += out
        self.flows_female["promotions_out"] += out_female

    def promotions_pppk(self, level: int, out: np.ndarray) -> None:
        """PPPK among appointments into ``level``: ``out`` the levels they leave (one each)."""
        self.flows_pppk["promotions_in"][level] += out.size
        self.flows_pppk["promotions_out"] += np.bincount(out, minlength=self.est.n_levels)

    def add(self, counter: str, amount: float = 1) -> None:
        """Add ``amount`` to one of the year's counters (:data:`COUNTERS`)."""
        self.counts[counter] += amount

    def exits(self, wf: Workforce, rows: np.ndarray, reason: str) -> None:
        self.flow("exits", wf.level[rows], wf.female[rows], wf.employment[rows] != PNS)
        self.counts[f"{reason}s"] += rows.size

    def appraisals(self, result: np.ndarray) -> None:
        """Count the year's predikat (indices into domain.PREDIKAT)."""
        for name, n in zip(PREDIKAT_COUNTS, np.bincount(result, minlength=len(PREDIKAT_COUNTS)), strict=True):
            self.counts[name] += int(n)

    def first_promotions(self, years_in_service: np.ndarray, structural: bool) -> None:
        """Years of service of people promoted to a (structural) post for the first time."""
        kind = "first_structural_posts" if structural else "first_posts"
        total = "years_to_first_structural_sum" if structural else "years_to_first_post_sum"
        self.counts[kind] += years_in_service.size
        self.counts[total] += float(years_in_service.sum())

    # -- the year end ------------------------------------------------------------------------

    def _working_sum(self, working: np.ndarray, head: np.ndarray, comp_sum: np.ndarray) -> np.ndarray:
        """Competence put to work per level: the holders' (``working``, lowered by low motivation),
        plus acting officials (plt) in the vacant posts of open-selection levels, each at
        ``acting_factor`` x the mean competence of the levels below."""
        est = self.est
        working = working.copy()
        factor = self.config.open_selection.acting_factor if self.config.mechanisms.acting_officials else 0.0
        for i in where(est.selection_months > 0):
            vacant = max(est.posts[i] - head[i], 0)
            below = est.sources[i]
            if vacant and below.size and head[below].sum():
                working[i] += vacant * factor * comp_sum[below].sum() / head[below].sum()
        return working

    def observe(self, wf: Workforce, year: int, policy: str, date: float) -> None:
        """Record the state at the end of ``year`` (0 = the start) and start the counters again."""
        est, n, cfg, org = self.est, self.est.n_levels, self.config, self.config.organisation
        comp = wf.competence
        s = tallies.level_sums(wf, n, self.high)
        head, head_f, comp_sum, comp_sum_f = s["head"], s["head_f"], s["competence"], s["competence_f"]
        c = tallies.service_counts(wf, n, date, cfg, bool(est.pppk), org.units)
        by_level = est.rows_by_level(wf)
        with np.errstate(invalid="ignore", divide="ignore"):
            levels = {
                "headcount": head,
                "posts": est.posts,
                "vacancies": np.maximum(est.posts - head, 0),
                **{k: v.copy() for k, v in self.flows.items()},
                "mean_competence": comp_sum / head,
                "high_performers": s["high"],
                **_quantiles(by_level, comp, n),
                "mean_age": (date * head - s["born"]) / head,
                "mean_years_in_post": (date * head - s["post_since"]) / head,
                "headcount_female": head_f,
                **{f"{k}_female": v.copy() for k, v in self.flows_female.items()},
                "mean_competence_female": comp_sum_f / head_f,
                "job_fit_gap": s["fit_gap"] / np.maximum(head, 1),
                "talent_pool_holders": c.pool,
                "irregular_holders": c.irregular,
                "succession_candidates": self._succession(wf, date, by_level),
                **self._by_employment(s["pppk"], s["part_time"], head),
            }
        self._levels.append({"year": np.full(n, year), "policy": np.full(n, policy, dtype=object), **levels})
        split = {k: int(levels[k].sum()) for k in ORG_SPLIT}
        total, senior_head = int(head.sum()), int(head[self.senior].sum())
        boxes, assessed_valid = c.boxes, c.assessed_valid
        irregular_holders = int(c.irregular.sum())
        year_counts = {**self.counts, "headcount": total, "posts": int(est.posts.sum()),
                       "hires": int(self.flows["hires"].sum()), "assessed_valid": assessed_valid,
                       "irregular_holders": irregular_holders}  # fmt: skip
        index, scores = merit_index(cfg, year_counts)
        self._org.append(
            {
                "policy": policy,
                "year": year,
                "calendar_year": self.year_zero + year,
                "effectiveness": effectiveness(
                    est, self._working_sum(c.working, head, comp_sum), self.competence_max
                ),
                "headcount": total,
                "posts": int(est.posts.sum()),
                "vacancies": int(np.maximum(est.posts - head, 0).sum()),
                "promotions": int(self.flows["promotions_in"].sum()),
                "exits": int(self.flows["exits"].sum()),
                "hires": int(self.flows["hires"].sum()),
                "mean_competence": float(comp_sum.sum() / total) if total else np.nan,
                "senior_competence": float(comp_sum[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
                "female_share": float(head_f.sum() / total) if total else np.nan,
                "female_share_senior": float(head_f[self.senior].sum() / senior_head)
                if senior_head
                else np.nan,
                **{k: v for k, v in self.counts.items() if k not in PPPK_COUNTERS},
                "irregular_holders": irregular_holders,
                "talent_pool": int(boxes[talent.TALENT_POOL :].sum()),
                **{f"box_{b}": int(boxes[b]) for b in range(1, 10)},
                **profile_of(c.ranks, c.at_age),
                "assessed_share": assessed_valid / total if total else np.nan,
                "workload_balance": transfers.balance_of(c.per_unit, org.units, org.unit_workload_cv),
                "merit_index": index,
                **{f"mi_{k}": v for k, v in scores.items()},
                **split,
                **{k: self.counts[k] for k in PPPK_COUNTERS},
            }
        )
        self.start_year()

    def _by_employment(self, pppk: np.ndarray, part: np.ndarray, head: np.ndarray) -> dict[str, np.ndarray]:
        """Per level, the year-end headcount and the year's flows by employment type (PNS, PPPK, of
        them part-time), and the PPPK-only flows (honorary staff converted, contracts ended and
        renewed)."""
        if not self.est.pppk:
            pppk = part = np.zeros(self.est.n_levels, np.int64)
        f = self.flows_pppk
        return {
            "headcount_pns": head - pppk,
            "headcount_pppk": pppk,
            "headcount_pppk_part_time": part,
            "hires_pns": self.flows["hires"] - f["hires"],
            "hires_pppk": f["hires"].copy(),
            "exits_pns": self.flows["exits"] - f["exits"],
            "exits_pppk": f["exits"].copy(),
            **{f"{k}_pppk": f[k].copy() for k in MOVES},
            **{k: f[k].copy() for k in CONTRACT_FLOWS},
        }

    def _succession(self, wf: Workforce, date: float, by_level: list[np.ndarray]) -> np.ndarray:
        """Size of each senior level's succession list: talent-pool members eligible for it now."""
        out = np.zeros(self.est.n_levels, np.int64)
        for senior in where(self.est.selection_months > 0):
            pool = self.est.eligible(wf, senior, date, by_level)
            out[senior] = int(np.count_nonzero(talent.in_talent_pool(wf, pool)))
        return out

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The yearly (per level) and org (per year) tables recorded so far."""
        est, years = self.est, len(self._levels)
        columns = {k: np.concatenate([y[k] for y in self._levels]) for k in self._levels[0]}

        def tiled(values) -> np.ndarray:
            return np.tile(np.asarray(values, dtype=object if isinstance(values, tuple) else None), years)

        yearly = pd.DataFrame(
            {
                "scenario": self.scenario,
                "policy": columns.pop("policy"),
                "replication": self.replication,
                "year": columns["year"],
                "calendar_year": columns.pop("year") + self.year_zero,
                "level": tiled(est.keys),
                "level_label": tiled(est.labels),
                "track": tiled(est.tracks),
                "level_rank": tiled(est.tier),
                **columns,
            }
        )
        org = pd.DataFrame(self._org)
        org.insert(0, "scenario", self.scenario)
        org.insert(2, "replication", self.replication)
        return yearly, org


def _quantiles(by_level: list[np.ndarray], competence: np.ndarray, n: int) -> dict[str, np.ndarray]:
    """Per level, the 10th, 50th and 90th percentiles of competence (numpy's linear method)."""
    q = np.array(list(QUANTILES.values())) / 100
    out = np.full((len(q), n), np.nan)
    for i, rows in enumerate(by_level):
        if rows.size:
            pos = q * (rows.size - 1)
            low = np.floor(pos).astype(np.intp)
            high = np.minimum(low + 1, rows.size - 1)
            part = np.partition(competence[rows], np.unique(np.concatenate([low, high])))
            out[:, i] = part[low] + (pos - low) * (part[high] - part[low])
    return dict(zip(QUANTILES, out, strict=True))


def people(wf: Workforce, est: Establishment, date: float) -> pd.DataFrame:
    """One row per employee in service at ``date``: age, sex, education, rank, post, competence.

    Rows carry no identifier: this is a snapshot for pyramids and "who holds the senior posts".
    """
    from meritsim.model.scenario.domain import EDUCATION, RANKS, golongan

    def words(names: Sequence[str], codes: np.ndarray) -> np.ndarray:
        """The name of each code, every row sharing its one string (not a string per row)."""
        return np.array(names, dtype=object)[codes]

    act = wf.active
    level = wf.level[act]
    rank = wf.rank[act]
    return pd.DataFrame(
        {
            "age": date - wf.born[act],
            "female": wf.female[act],
            "education": words(EDUCATION, wf.education[act]),
            "rank": words(RANKS, rank),
            "golongan": words([golongan(r) for r in RANKS], rank),
            "level": words(est.keys, level),
            "level_label": words(est.labels, level),
            "level_rank": est.tier[level],
            "years_of_service": date - wf.service_since[act],
            "years_in_post": date - wf.post_since[act],
            "competence": wf.competence[act],
            "potential": wf.potential[act],
        }
    )


GOLONGAN_GROUP = np.array([["I", "II", "III", "IV"].index(r.split("/")[0]) for r in RANKS])
AGE_BANDS = ((0, 30, "age_upto_30"), (30, 40, "age_31_40"), (40, 50, "age_41_50"), (50, 60, "age_51_60"),
             (60, 200, "age_over_60"))  # fmt: skip


def profile_of(ranks: np.ndarray, at_age: np.ndarray) -> dict[str, int]:
    """Heads by golongan (I-IV) and by BKN's age bands (completed years: <=30, 31-40, ...), from
    the heads by rank and by completed years of age (:func:`meritsim.model.tallies.service_counts`)."""
    groups = np.bincount(GOLONGAN_GROUP, weights=ranks, minlength=4)
    bands = {name: int(at_age[lo + 1 : hi + 1].sum()) for lo, hi, name in AGE_BANDS}
    return {**{f"golongan_{g}": int(groups[i]) for i, g in enumerate(("i", "ii", "iii", "iv"))}, **bands}
