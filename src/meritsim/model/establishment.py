"""The establishment compiled to arrays: posts, weights, rank ranges, retirement ages, eligibility,
and where PPPK may work."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from meritsim.model import kernels, split
from meritsim.model.ranking import where
from meritsim.model.scenario.domain import (
    CEILING_BY_EDUCATION,
    EDUCATION_GRADE,
    EDUCATION_INDEX,
    PREDIKAT_INDEX,
    RANK_INDEX,
)
from meritsim.model.scenario.pppk import can_exist, open_levels
from meritsim.model.scenario.schema import Scenario
from meritsim.model.scenario.structure import level_tiers
from meritsim.model.workforce import PNS, Workforce

NO_LIMIT = np.inf


@dataclass(frozen=True)
class Establishment:
    """The establishment compiled for the engine: per-level arrays (index = position of the
    level in the scenario), plus the promotion graph."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    tracks: tuple[str, ...]
    tier: np.ndarray  # level_rank: 0 = entry level, else 1 + highest source tier
    posts: np.ndarray
    weight: np.ndarray
    min_rank: np.ndarray
    max_rank: np.ndarray  # -1 = education ceiling applies
    retirement_age: np.ndarray
    min_years_in_source: np.ndarray
    max_age: np.ndarray  # inf = no limit
    min_education_grade: np.ndarray  # -1 = none
    selection_months: np.ndarray
    required_competency: np.ndarray  # managerial level 1-5 each level's post requires
    sources: tuple[np.ndarray, ...]
    units: int
    min_predikat: int  # -1 = no appraisal requirement
    record_years: int
    credits_per_year: np.ndarray  # functional levels' credit points a year at Baik (0 = none)
    credits_to_rise: np.ndarray  # credit points needed to move up from the level (0 = none)
    rank_step: np.ndarray  # int8: 1 if an appointment lifts a rank one step below min_rank
    supervisor: np.ndarray  # int16 level of the direct superiors (-1 = none)
    study_rate: np.ndarray  # yearly share who gain the next degree
    pppk: bool = False  # whether anyone can be PPPK in this scenario (else every PPPK test is skipped)
    pppk_open: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # levels PPPK may hold
    pppk_share: np.ndarray = field(default_factory=lambda: np.zeros(0))  # PPPK share of recruits
    pppk_retirement_age: float = np.nan  # nan = the BUP of the level, as for PNS

    @property
    def n_levels(self) -> int:
        return len(self.keys)

    @cached_property
    def structural(self) -> np.ndarray:
        """Mask of structural levels: administrative posts above the entry level."""
        return np.array(
            [t == "administrative" and s.size > 0 for t, s in zip(self.tracks, self.sources, strict=True)]
        )

    @cached_property
    def by_credits(self) -> np.ndarray:
        """Mask of functional levels reached by credit points (a source needs credits to rise)."""
        return np.array(
            [
                t == "functional" and bool(self.credits_to_rise[s].any())
                for t, s in zip(self.tracks, self.sources, strict=True)
            ]
        )

    @cached_property
    def tracks_code(self) -> np.ndarray:
        """1 for functional levels, 0 for administrative."""
        return np.array([t == "functional" for t in self.tracks], dtype=np.int8)

    @cached_property
    def functional_sources(self) -> np.ndarray:
        """Whether each level promotes from a functional level."""
        return np.array([bool(self.tracks_code[s].any()) if s.size else False for s in self.sources])

    @cached_property
    def sources_count(self) -> np.ndarray:
        """Number of source levels of each level (0 = entry level)."""
        return np.array([s.size for s in self.sources], dtype=np.int64)

    @cached_property
    def is_source(self) -> np.ndarray:
        """``is_source[target, level]``: whether ``level`` promotes to ``target`` (a last column,
        always false, for those who left: level -1)."""
        out = np.zeros((self.n_levels, self.n_levels + 1), dtype=bool)
        for target, sources in enumerate(self.sources):
            out[target, sources] = True
        return out

    @cached_property
    def entry(self) -> np.ndarray:
        """Indices of entry levels (filled by recruitment)."""
        return where(np.array([s.size == 0 for s in self.sources], dtype=bool))

    @cached_property
    def top_down(self) -> np.ndarray:
        """Level indices from the highest tier down (stable within a tier)."""
        return np.argsort(-self.tier, kind="stable")

    def rank_ceiling(self, wf: Workforce, rows: np.ndarray) -> np.ndarray:
        """Highest rank each of ``rows`` can reach where they are now."""
        post_max = self.max_rank[wf.level[rows]]
        return np.where(post_max >= 0, post_max, CEILING_BY_EDUCATION[wf.education[rows]])

    def bup(self, wf: Workforce, rows: np.ndarray) -> np.ndarray:
        """Retirement age of each of ``rows`` where they are now: their level's BUP, or PPPK's own."""
        age = self.retirement_age[wf.level[rows]]
        if self.pppk and not np.isnan(self.pppk_retirement_age):
            age = np.where(wf.employment[rows] != PNS, self.pppk_retirement_age, age)
        return age

    def rows_by_level(self, wf: Workforce) -> list[np.ndarray]:
        """Rows of each level (sorted), in one pass over everyone (in parts, for very many)."""

        if kernels.enabled(len(wf)):
            from meritsim.model.kernels.rows import group_by_level

            order, bounds = group_by_level(wf.level, self.n_levels)
            return [order[bounds[i] : bounds[i + 1]] for i in range(self.n_levels)]

        def group(part: np.ndarray) -> list[np.ndarray]:
            start = int(part[0]) if part.size else 0
            level = wf.level[start : start + part.size].astype(np.int8)  # levels < 127: radix sort
            order = np.argsort(level, kind="stable")
            bounds = np.searchsorted(level[order], np.arange(self.n_levels + 1))
            order += start
            return [order[bounds[i] : bounds[i + 1]] for i in range(self.n_levels)]

        groups = split.each(group, np.arange(len(wf)))
        if len(groups) == 1:
            return groups[0]
        return [np.concatenate([g[i] for g in groups]) for i in range(self.n_levels)]

    def record_ok(self, wf: Workforce, rows: np.ndarray) -> np.ndarray:
        """Whether each row's last ``record_years`` appraisals all meet the required predikat."""
        if self.min_predikat < 0:
            return np.ones(rows.size, dtype=bool)
        ok = wf.skp[rows, 0] >= self.min_predikat
        for year in range(1, self.record_years):
            ok &= wf.skp[rows, year] >= self.min_predikat
        return ok

    def eligible(
        self, wf: Workforce, target: int, date: float, by_level: list[np.ndarray] | None = None
    ) -> np.ndarray:
        """Rows eligible for appointment to level ``target`` at ``date`` (years), sorted.

        ``by_level`` (rows of each level, from :meth:`rows_by_level`) spares a scan of everyone;
        rows that have since left a source level are dropped."""
        compiled = kernels.enabled(len(wf))
        if by_level is None:
            sources = self.sources[target]
            if sources.size <= 3:  # a comparison per source is quicker than a lookup per row
                mask = wf.level == sources[0]
                for source in sources[1:]:
                    mask |= wf.level == source
            else:
                mask = self.is_source[target][wf.level]
            rows = where(mask)
        elif compiled:  # still in a source and qualified, in one pass; then sorted
            rows = np.concatenate([by_level[s] for s in self.sources[target]])
            rows = split.joined(
                lambda part: part[self._qualified_compiled(wf, target, date, part, True)], rows
            )
            if self.sources[target].size > 1:
                rows.sort(kind="stable")
            return rows
        elif self.sources[target].size == 1:
            source = self.sources[target][0]
            rows = by_level[source]
            rows = rows[wf.level[rows] == source]
        else:
            rows = np.sort(np.concatenate([by_level[s] for s in self.sources[target]]), kind="stable")
            rows = rows[self.is_source[target][wf.level[rows]]]  # (timsort merges the sorted runs)
        if rows.size == 0:
            return rows
        if compiled:
            return split.joined(lambda part: part[self._qualified_compiled(wf, target, date, part)], rows)
        return split.joined(lambda part: self._qualified(wf, target, date, part), rows)

    def _qualified_compiled(
        self, wf: Workforce, target: int, date: float, rows: np.ndarray, check_source: bool = False
    ) -> np.ndarray:
        """:meth:`_qualified` as a compiled mask of ``rows`` (``check_source``: of those still in
        a source level)."""
        from meritsim.model.kernels.rows import qualified

        t = target
        years = float(self.min_years_in_source[t])
        functional = self.structural[t] and self.functional_sources[t]
        credit = not self.structural[t] and bool(self.credits_to_rise[self.sources[t]].any())
        return qualified(
            rows, wf.rank, wf.employment, wf.post_since, wf.good_record, wf.level,
            wf.structural_interest, wf.credits, wf.born, wf.education,
            int(self.min_rank[t] - self.rank_step[t]), bool(self.pppk and not self.pppk_open[t]),
            years > 0, years - 1e-9, float(date), bool(functional), self.tracks_code, credit,
            self.credits_to_rise, float(self.retirement_age[t]), bool(np.isfinite(self.max_age[t])),
            float(self.max_age[t]), int(self.min_education_grade[t]), EDUCATION_GRADE, check_source,
            self.is_source[t],
        )  # fmt: skip

    def _qualified(self, wf: Workforce, target: int, date: float, rows: np.ndarray) -> np.ndarray:
        """Those of ``rows`` (all in a source level of ``target``) who meet its requirements."""
        # each test narrows the rows before the next reads its columns (most fail the first ones)
        rows = rows[wf.rank[rows] >= self.min_rank[target] - self.rank_step[target]]
        if self.pppk and not self.pppk_open[target]:  # a post closed to PPPK: PNS only
            rows = rows[wf.employment[rows] == PNS]
        if self.min_years_in_source[target] > 0:
            rows = rows[date - wf.post_since[rows] >= self.min_years_in_source[target] - 1e-9]
        rows = rows[wf.good_record[rows]]
        if self.structural[target]:
            if self.functional_sources[target]:  # from a functional post only those who want to
                rows = rows[(self.tracks_code[wf.level[rows]] == 0) | wf.structural_interest[rows]]
        elif self.credits_to_rise[self.sources[target]].any():  # a functional rise: enough credits
            rows = rows[wf.credits[rows] >= self.credits_to_rise[wf.level[rows]]]
        age = date - wf.born[rows]
        ok = age < self.retirement_age[target]  # nobody is appointed past the post's BUP
        if np.isfinite(self.max_age[target]):
            ok &= age <= self.max_age[target]
        if self.min_education_grade[target] >= 0:
            ok &= EDUCATION_GRADE[wf.education[rows]] >= self.min_education_grade[target]
        return rows[ok]


def compile_establishment(scenario: Scenario) -> Establishment:
    """Turn the validated scenario's establishment into arrays."""
    org = scenario.organisation
    keys = tuple(org.levels)
    levels = [org.levels[k] for k in keys]
    tiers = level_tiers(org.levels)
    appraisal = scenario.rules.appraisal

    def arr(values, dtype):
        return np.array(values, dtype=dtype)

    return Establishment(
        keys=keys,
        labels=tuple(lv.label or k for k, lv in zip(keys, levels, strict=True)),
        tracks=tuple(lv.track for lv in levels),
        tier=arr([tiers[k] for k in keys], np.int16),
        posts=arr([org.posts(k) for k in keys], np.int64),
        weight=arr([lv.weight for lv in levels], np.float64),
        min_rank=arr([RANK_INDEX[lv.min_rank] for lv in levels], np.int8),
        max_rank=arr([RANK_INDEX[lv.max_rank] if lv.max_rank else -1 for lv in levels], np.int8),
        retirement_age=arr([lv.retirement_age for lv in levels], np.float64),
        min_years_in_source=arr([lv.min_years_in_source for lv in levels], np.float64),
        max_age=arr([lv.max_age if lv.max_age is not None else NO_LIMIT for lv in levels], float),
        min_education_grade=arr(
            [EDUCATION_GRADE[EDUCATION_INDEX[lv.min_education]] if lv.min_education else -1 for lv in levels],
            np.int8,
        ),
        selection_months=arr([lv.selection_months for lv in levels], np.int64),
        required_competency=arr([lv.required_competency for lv in levels], np.float64),
        sources=tuple(arr([keys.index(s) for s in lv.promotes_from], np.int16) for lv in levels),
        units=org.units,
        min_predikat=PREDIKAT_INDEX[appraisal.min_predikat] if appraisal.min_predikat else -1,
        record_years=appraisal.record_years,
        credits_per_year=arr([lv.credits_per_year for lv in levels], np.float32),
        credits_to_rise=arr([lv.credits_to_rise for lv in levels], np.float32),
        rank_step=arr([int(lv.rank_step_on_entry) for lv in levels], np.int8),
        supervisor=arr([keys.index(lv.supervised_by) if lv.supervised_by else -1 for lv in levels], np.int16),
        study_rate=arr([lv.study_rate for lv in levels], np.float64),
        **_pppk_arrays(scenario, keys),
    )


def _pppk_arrays(scenario: Scenario, keys: tuple[str, ...]) -> dict:
    """The PPPK fields of the establishment."""
    cfg = scenario.pppk
    share = np.zeros(len(keys))
    for key, value in cfg.recruitment_share.items():
        share[keys.index(key)] = value
    allowed = open_levels(cfg, scenario.organisation)
    return {
        "pppk": can_exist(cfg, scenario.timeline),
        "pppk_open": np.array([k in allowed for k in keys], dtype=bool),
        "pppk_share": share,
        "pppk_retirement_age": np.nan if cfg.retirement_age is None else float(cfg.retirement_age),
    }
