"""Synthetic people: the starting workforce of a scenario and CPNS recruits."""

from __future__ import annotations

import numpy as np

from meritsim.organisation import Organisation
from meritsim.params.domain import EDUCATION_INDEX, ENTRY_RANK_BY_EDUCATION
from meritsim.params.schema import AgeProfile, Scenario
from meritsim.rules.exits import quit_dates, update_exit_dates
from meritsim.sampling import categorical, truncated_normal
from meritsim.workforce import Workforce


def _fill_traits(wf: Workforce, scenario: Scenario, rng: np.random.Generator) -> None:
    t = scenario.traits
    n = len(wf)
    wf.competence = truncated_normal(rng, t.competence, n)
    wf.potential = truncated_normal(rng, t.potential, n)
    wf.integrity = truncated_normal(rng, t.integrity, n)
    wf.affinity = truncated_normal(rng, t.affinity, n)
    # managerial levels 1-5 around the person's overall competence, spread per competency
    c = t.competence
    overall = (1 + 4 * (wf.competence - c.min) / max(c.max - c.min, 1e-9)).astype(np.float32)
    levels = rng.standard_normal(wf.managerial.shape, dtype=np.float32)
    levels *= scenario.assessment.managerial_spread_sd
    levels += overall[:, None]
    wf.managerial = np.clip(levels, 1.0, 5.0, out=levels)


def _demographics(
    rng: np.random.Generator,
    n: int,
    education: dict[str, float],
    female_share: float,
    age: AgeProfile,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    edu = categorical(rng, {EDUCATION_INDEX[e]: s for e, s in education.items()}, n)
    female = rng.random(n) < female_share
    return edu.astype(np.int8), female, truncated_normal(rng, age, n)


def initial_workforce(
    scenario: Scenario, org: Organisation, rngs: dict[str, np.random.Generator]
) -> Workforce:
    """The staff at date 0, level by level, following each level's ``initial`` profile.

    Rank is the entry rank of the education plus one step per ``min_years_in_rank`` of service,
    kept within the level's rank range and the ceiling.
    """
    rng = rngs["initial"]
    counts = [round(org.posts[i] * lv.initial.fill) for i, lv in enumerate(_levels(scenario))]
    wf = Workforce.empty(sum(counts))
    step_years = scenario.rules.rank_promotion.min_years_in_rank
    start = 0
    for i, (lv, n) in enumerate(zip(_levels(scenario), counts, strict=True)):
        rows = slice(start, start + n)
        start += n
        p = lv.initial
        edu, female, age = _demographics(rng, n, p.education, p.female_share, p.age)
        entry_age = np.minimum(truncated_normal(rng, p.entry_age, n), age)
        service = age - entry_age
        entry_rank = ENTRY_RANK_BY_EDUCATION[edu].astype(np.int64)
        wf.level[rows] = i
        wf.education[rows] = edu
        ceiling = org.rank_ceiling(wf, np.arange(rows.start, rows.stop)).astype(np.int64)
        rank = np.minimum(entry_rank + np.floor(service / step_years).astype(np.int64), ceiling)
        rank = np.maximum(rank, org.min_rank[i])
        since_step = service - step_years * (rank - entry_rank)
        in_rank = np.where(
            (since_step >= 0) & (since_step <= service),
            since_step,
            rng.uniform(0, 1, n) * np.minimum(service, step_years),
        )
        wf.female[rows] = female
        wf.born[rows] = -age
        wf.service_since[rows] = -service
        wf.rank[rows] = rank
        wf.rank_since[rows] = -in_rank
        if org.sources[i].size:
            tenure = rng.uniform(0, 1, n) * np.minimum(service, 10.0)
            wf.post_since[rows] = -tenure
            wf.first_post_at[rows] = -tenure
            if org.structural[i]:
                wf.first_structural_at[rows] = -tenure
        else:
            wf.post_since[rows] = -service
    wf.id = np.arange(len(wf), dtype=np.int64)
    wf.unit = rng.integers(0, org.units, len(wf)).astype(np.int32)
    _fill_traits(wf, scenario, rng)
    wf.quit_at = quit_dates(rngs["attrition"], np.zeros(len(wf)), scenario.rules.exits.attrition_rate)
    update_exit_dates(wf, org, np.arange(len(wf)))
    return wf


def recruits(
    scenario: Scenario,
    org: Organisation,
    counts: dict[int, int],
    date: float,
    first_id: int,
    rngs: dict[str, np.random.Generator],
) -> Workforce:
    """New CPNS at ``date``: ``counts[level]`` people per entry level, at their entry rank."""
    rng = rngs["recruitment"]
    levels = _levels(scenario)
    total = sum(counts.values())
    wf = Workforce.empty(total)
    start = 0
    for i, n in counts.items():
        rows = slice(start, start + n)
        start += n
        p = levels[i].recruit
        edu, female, age = _demographics(rng, n, p.education, p.female_share, p.age)
        wf.level[rows] = i
        wf.education[rows] = edu
        wf.female[rows] = female
        wf.born[rows] = date - age
        wf.rank[rows] = np.maximum(ENTRY_RANK_BY_EDUCATION[edu], org.min_rank[i])
    wf.rank_since[:] = wf.post_since[:] = wf.service_since[:] = date
    wf.id = np.arange(first_id, first_id + total, dtype=np.int64)
    wf.unit = rng.integers(0, org.units, total).astype(np.int32)
    _fill_traits(wf, scenario, rng)
    wf.quit_at = quit_dates(rngs["attrition"], np.full(total, date), scenario.rules.exits.attrition_rate)
    update_exit_dates(wf, org, np.arange(total))
    return wf


def _levels(scenario: Scenario) -> list:
    return list(scenario.organisation.levels.values())


def snapshot_workforce(
    scenario: Scenario, org: Organisation, rngs: dict[str, np.random.Generator]
) -> Workforce:
    """The staff of an imported snapshot (dates relative to the snapshot date = 0); years of
    service and in post are estimated from the rank history; latent traits are drawn."""
    import pandas as pd

    from meritsim.params.domain import RANK_INDEX

    src = scenario.workforce
    table = pd.read_parquet(src.snapshot)
    today = pd.Timestamp(src.snapshot_date)
    n = len(table)
    wf = Workforce.empty(n)
    wf.level = np.array([org.keys.index(k) for k in table["level"]], dtype=np.int16)
    wf.education = np.array([EDUCATION_INDEX[e] for e in table["education"]], dtype=np.int8)
    wf.rank = np.array([RANK_INDEX[r] for r in table["rank"]], dtype=np.int8)
    wf.female = table["female"].to_numpy(bool)
    wf.born = -((today - table["birth_date"]).dt.days.to_numpy() / 365.25)
    wf.rank_since = -((today - table["rank_date"]).dt.days.to_numpy() / 365.25)
    steps = np.maximum(wf.rank - ENTRY_RANK_BY_EDUCATION[wf.education], 0)
    step_years = scenario.rules.rank_promotion.min_years_in_rank
    wf.service_since = np.maximum(np.minimum(wf.rank_since - steps * step_years, wf.rank_since), wf.born + 18)
    wf.post_since = wf.rank_since.copy()
    promoted = np.array([org.sources[i].size > 0 for i in wf.level])
    wf.first_post_at = np.where(promoted, wf.post_since, np.nan)
    wf.first_structural_at = np.where(org.structural[wf.level], wf.post_since, np.nan)
    history = [c for c in table.columns if c.startswith("predikat_")]
    for j, col in enumerate(history[: wf.skp.shape[1]]):
        wf.skp[:, j] = table[col].to_numpy(np.int8)
    units = {u: i for i, u in enumerate(sorted(table["unit"].unique()))}
    wf.unit = (table["unit"].map(units).to_numpy() % org.units).astype(np.int32)
    wf.id = np.arange(n, dtype=np.int64)
    _fill_traits(wf, scenario, rngs["initial"])
    wf.quit_at = quit_dates(rngs["attrition"], np.zeros(n), scenario.rules.exits.attrition_rate)
    update_exit_dates(wf, org, np.arange(n))
    return wf
