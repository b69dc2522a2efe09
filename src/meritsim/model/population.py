"""Synthetic people: the starting workforce of a scenario, CPNS recruits, and an imported one.

Every person gets a key (see :mod:`meritsim.model.streams`): the starting staff by level and
place, a recruit by wave, level and place in the wave. Their traits, demographics and quit date
are their own keyed draws, so the same person is the same in every scenario of a comparison.
"""

from __future__ import annotations

import numpy as np

from meritsim.model import split
from meritsim.model.establishment import Establishment
from meritsim.model.rules.exits import quit_dates, update_exit_dates
from meritsim.model.sampling import categorical, truncated_normal
from meritsim.model.scenario.domain import EDUCATION_INDEX, ENTRY_RANK_BY_EDUCATION
from meritsim.model.scenario.pppk import joining as pppk_joining
from meritsim.model.scenario.schema import AgeProfile, EducationShares, Scenario
from meritsim.model.streams import Dice, Draws, person_keys
from meritsim.model.workforce import SPARE, Workforce

INITIAL, RECRUIT, IMPORTED = 1, 2, 3  # the first number of a person's identity
# draw numbers of a person's creation (each its own draw of the person's dice)
COMPETENCE, POTENTIAL, INTEGRITY, AFFINITY, INTEREST = 0, 200, 400, 600, 1400
EDUCATION, FEMALE, AGE, ENTRY_AGE, UNIT, TENURE, IN_RANK, MANAGERIAL = (
    800,
    801,
    802,
    1000,
    1200,
    1201,
    1202,
    1300,
)


def _fill_traits(wf: Workforce, rows: slice, scenario: Scenario, dice: Dice) -> None:
    t = scenario.traits
    keys = wf.key[rows]
    wf.competence[rows] = truncated_normal(dice, keys, t.competence, COMPETENCE)
    wf.potential[rows] = truncated_normal(dice, keys, t.potential, POTENTIAL)
    wf.integrity[rows] = truncated_normal(dice, keys, t.integrity, INTEGRITY)
    wf.affinity[rows] = truncated_normal(dice, keys, t.affinity, AFFINITY)
    wf.structural_interest[rows] = dice.uniform(keys, INTEREST) < t.structural_interest
    # managerial levels 1-5 around the person's overall competence, spread per competency
    c = t.competence
    overall = (1 + 4 * (wf.competence[rows] - c.min) / max(c.max - c.min, 1e-9)).astype(np.float32)
    levels = dice.normals(keys, wf.managerial.shape[1], MANAGERIAL)
    levels *= np.float32(scenario.assessment.managerial_spread_sd)
    levels += overall[:, None]
    wf.managerial[rows] = np.clip(levels, 1.0, 5.0)


def _demographics(
    dice: Dice,
    keys: np.ndarray,
    education: EducationShares,
    female_share: float,
    age: AgeProfile,
    even_ages: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    edu = categorical(dice, keys, {EDUCATION_INDEX[e]: s for e, s in education.items()}, EDUCATION)
    female = dice.uniform(keys, FEMALE) < female_share
    if even_ages:
        ages = age.min + (age.max - age.min) * dice.uniform(keys, AGE)
    else:
        ages = truncated_normal(dice, keys, age, AGE)
    return edu.astype(np.int8), female, ages


def finish(wf: Workforce, scenario: Scenario, est: Establishment, draws: Draws, start: np.ndarray) -> None:
    """Units, latent traits, quit and exit dates of a starting workforce built so far."""
    wf.unit[:] = np.minimum(draws.at("initial").uniform(wf.key, UNIT) * est.units, est.units - 1)
    dice = draws.at("initial")
    split.each_span(lambda rows: _fill_traits(wf, rows, scenario, dice), len(wf))  # each person's own
    wf.quit_at[:] = quit_dates(draws.at("attrition"), wf.key, start, scenario.rules.exits.attrition_rate)
    update_exit_dates(wf, est, np.arange(len(wf)))


def initial_workforce(
    scenario: Scenario, est: Establishment, draws: Draws, even_ages: bool = False
) -> Workforce:
    """The staff at date 0, level by level, following each level's ``initial`` profile (or, with
    ``organisation.synthesis``, fitted to the published margins: :mod:`meritsim.model.synthesis`).

    Rank is the entry rank of the education plus one step per ``min_years_in_rank`` of service,
    kept within the level's rank range and the ceiling. ``even_ages`` (the seed of a spin-up)
    draws ages evenly over each level's age range instead: a bell-shaped start sends a cohort
    wave through the years after the spin-up (mean age swinging 2.3 years over 30 years after a
    40-year spin-up, 0.8 with even ages).
    """
    if scenario.organisation.synthesis is not None:
        from meritsim.model.synthesis import synthesised_workforce  # it builds on this module

        return synthesised_workforce(scenario, est, draws)
    dice = draws.at("initial")
    levels = list(scenario.organisation.levels.values())
    counts = [round(est.posts[i] * lv.initial.fill) for i, lv in enumerate(levels)]
    wf = Workforce.empty(sum(counts), room(scenario, sum(counts)))
    step_years = scenario.rules.rank_promotion.min_years_in_rank
    start = 0
    for i, (lv, n) in enumerate(zip(levels, counts, strict=True)):
        rows = slice(start, start + n)
        start += n
        keys = person_keys(INITIAL, i, count=n)
        wf.key[rows] = keys
        p = lv.initial
        edu, female, age = _demographics(dice, keys, p.education, p.female_share, p.age, even_ages)
        entry_age = np.minimum(truncated_normal(dice, keys, p.entry_age, ENTRY_AGE), age)
        service = age - entry_age
        entry_rank = ENTRY_RANK_BY_EDUCATION[edu].astype(np.int64)
        wf.level[rows] = i
        wf.education[rows] = edu
        ceiling = est.rank_ceiling(wf, np.arange(rows.start, rows.stop)).astype(np.int64)
        rank = np.minimum(entry_rank + np.floor(service / step_years).astype(np.int64), ceiling)
        rank = np.maximum(rank, est.min_rank[i])
        since_step = service - step_years * (rank - entry_rank)
        in_rank = np.where(
            (since_step >= 0) & (since_step <= service),
            since_step,
            dice.uniform(keys, IN_RANK) * np.minimum(service, step_years),
        )
        wf.female[rows] = female
        wf.born[rows] = -age
        wf.service_since[rows] = -service
        wf.rank[rows] = rank
        wf.rank_since[rows] = -in_rank
        if est.sources[i].size:
            tenure = dice.uniform(keys, TENURE) * np.minimum(service, 10.0)
            wf.post_since[rows] = -tenure
            wf.first_post_at[rows] = -tenure
            if est.structural[i]:
                wf.first_structural_at[rows] = -tenure
        else:
            wf.post_since[rows] = -service
        # credit points earned so far at this level, at Baik (at most what moving up would take)
        earned = est.credits_per_year[i] * -wf.post_since[rows]
        wf.credits[rows] = (
            earned if not est.credits_to_rise[i] else np.minimum(earned, est.credits_to_rise[i])
        )
    wf.id[:] = np.arange(len(wf), dtype=np.int64)
    finish(wf, scenario, est, draws, np.zeros(len(wf)))
    return wf


def room(scenario: Scenario, n: int) -> float:
    """Room to make in the buffers of a starting workforce of ``n``, as a share of it: the usual
    spare for recruits and the PPPK who will join (the start's stock, honorer conversions), so
    that they are written in place rather than the buffers regrown."""
    joining = pppk_joining(scenario.pppk, scenario.timeline, scenario.organisation.scale)
    return SPARE + joining / max(n, 1)


def recruits(
    scenario: Scenario, est: Establishment, counts: dict[int, int], month: int, first_id: int, draws: Draws,
    origin: tuple[int, ...] = (RECRUIT,), age: AgeProfile | None = None,
) -> Workforce:  # fmt: skip
    """New CPNS at the end of ``month`` (months since the start): ``counts[level]`` people per
    entry level, at their entry rank. The k-th recruit of a level in a wave is the same person in
    every scenario. ``origin`` starts their identity (others than CPNS: converted honorary staff);
    ``age`` replaces the levels' recruit age profiles."""
    dice = draws.at("recruitment")
    date = month / 12
    levels = list(scenario.organisation.levels.values())
    total = sum(counts.values())
    wf = Workforce.empty(total)
    start = 0
    for i, n in counts.items():
        rows = slice(start, start + n)
        start += n
        keys = person_keys(*origin, month, i, count=n)
        wf.key[rows] = keys
        p = levels[i].recruit
        assert p is not None, f"level {i} is recruited into but has no recruit profile"
        edu, female, ages = _demographics(dice, keys, p.education, p.female_share, age or p.age)
        wf.level[rows] = i
        wf.education[rows] = edu
        wf.female[rows] = female
        wf.born[rows] = date - ages
        wf.rank[rows] = np.maximum(ENTRY_RANK_BY_EDUCATION[edu], est.min_rank[i])
    wf.rank_since[:] = wf.post_since[:] = wf.service_since[:] = date
    wf.id[:] = np.arange(first_id, first_id + total, dtype=np.int64)
    wf.unit[:] = np.minimum(dice.uniform(wf.key, UNIT) * est.units, est.units - 1)
    _fill_traits(wf, slice(None), scenario, dice)
    wf.quit_at[:] = quit_dates(
        draws.at("attrition"), wf.key, np.full(total, date), scenario.rules.exits.attrition_rate
    )
    update_exit_dates(wf, est, np.arange(total))
    return wf


def imported_workforce(scenario: Scenario, est: Establishment, draws: Draws) -> Workforce:
    """The staff of an imported snapshot (dates relative to the snapshot date = 0); years of
    service and in post are estimated from the rank history; latent traits are drawn."""
    import pandas as pd

    from meritsim.model.scenario.domain import RANK_INDEX

    src = scenario.workforce
    assert src is not None, "imported_workforce needs a scenario with a workforce source"
    table = pd.read_parquet(src.snapshot)
    today = pd.Timestamp(src.snapshot_date)
    n = len(table)
    wf = Workforce.empty(n)
    wf.key[:] = person_keys(IMPORTED, count=n)
    wf.level[:] = np.array([est.keys.index(k) for k in table["level"]], dtype=np.int16)
    wf.education[:] = np.array([EDUCATION_INDEX[e] for e in table["education"]], dtype=np.int8)
    wf.rank[:] = np.array([RANK_INDEX[r] for r in table["rank"]], dtype=np.int8)
    wf.female[:] = table["female"].to_numpy(bool)
    wf.born[:] = -((today - table["birth_date"]).dt.days.to_numpy() / 365.25)
    wf.rank_since[:] = -((today - table["rank_date"]).dt.days.to_numpy() / 365.25)
    steps = np.maximum(wf.rank - ENTRY_RANK_BY_EDUCATION[wf.education], 0)
    step_years = scenario.rules.rank_promotion.min_years_in_rank
    wf.service_since[:] = np.maximum(
        np.minimum(wf.rank_since - steps * step_years, wf.rank_since), wf.born + 18
    )
    wf.post_since[:] = wf.rank_since
    promoted = est.sources_count[wf.level] > 0
    wf.first_post_at[:] = np.where(promoted, wf.post_since, np.nan)
    wf.first_structural_at[:] = np.where(est.structural[wf.level], wf.post_since, np.nan)
    history = [c for c in table.columns if c.startswith("predikat_")]
    for j, col in enumerate(history[: wf.skp.shape[1]]):
        wf.skp[:, j] = table[col].to_numpy(np.int8)
    units = {u: i for i, u in enumerate(sorted(table["unit"].unique()))}
    wf.id[:] = np.arange(n, dtype=np.int64)
    finish(wf, scenario, est, draws, np.zeros(n))
    wf.unit[:] = (table["unit"].map(units).to_numpy() % est.units).astype(np.int32)
    return wf
