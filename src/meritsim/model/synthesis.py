"""The starting workforce from BKN's published margins (``organisation.synthesis``).

1. **Seed.** Per level, a table over completed years of age x completed years of service x
   education x sex, from the level's ``initial`` profile: the age and entry-age densities, the
   education shares and the share of women, multiplied. A cell is impossible (zero) where the
   age or the entry age (age - service) falls outside the profile's range, the education is below
   the level's ``min_education``, or the rank reached by regular promotion (entry rank of the
   education plus a step per ``min_years_in_rank``, plus the step an appointment may give) is
   below the level's ``min_rank``. Golongan follows from the cell: that rank within the level's
   rank range and the education ceiling (PP 99/2000 jo. PP 12/2002).
2. **Fit.** Iterative proportional fitting (raking, Deming & Stephan 1940): each round scales the
   table to every published margin in turn (age bands, years-of-service bands, education
   groups, the share of women), then to each level's headcount (posts x fill, which fixes the
   jabatan type and the agency); it stops when no margin is off by more than ``tolerance`` (a
   share of the workforce) and fails with the largest gap after ``max_iterations``. A backcast
   (``shares_from`` later than ``date``) compares the people's age and service as they will be
   then with the margins, which hold for those still in service; those who retire before keep
   the seed's weight, as one more category of the two margins. Raking keeps
   the seed's structure (who is older, who has which degree in which level) as far as the
   margins allow: it is the table closest to the seed in Kullback-Leibler divergence.
3. **Integers.** Controlled rounding per level: systematic rounding along the table's order
   (age, service, education, sex), with a keyed random offset: every level gets exactly its
   headcount and every cell its fitted count rounded up or down.
4. **People.** Ages and service spread evenly within their completed year, with the entry age
   kept in the profile's range; the rank's date is the last regular step (or the appointment that
   lifted it); time in the current post is drawn up to 10 years of the service (as the profiles'
   generator does), credit points accrue over it at Baik. The appraisal record and assessments
   are made by the calendar at the start, as for any start without a spin-up.

Why a numpy loop rather than a library: the maintained fit, ``humanleague`` (IPF and integer
microsynthesis), needs Python 3.12 since 2.4.4 (meritsim supports 3.11, where only a C++ source
build of 2.4.3 installs) and conda-forge carries only its 2.2.0; ``ipfn`` is unmaintained since
2021; the survey-raking packages (weightipy, samplics, balance) weight microdata rows and pull in
unrelated dependencies. The fit itself is a few lines of ``np.bincount``, tested to converge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from meritsim.model.establishment import Establishment
from meritsim.model.population import AGE, ENTRY_AGE, INITIAL, TENURE, finish, room
from meritsim.model.scenario.distributions import TruncatedNormal
from meritsim.model.scenario.domain import (
    CEILING_BY_EDUCATION,
    EDUCATION,
    EDUCATION_GRADE,
    EDUCATION_INDEX,
    ENTRY_RANK_BY_EDUCATION,
)
from meritsim.model.scenario.schema import Scenario
from meritsim.model.scenario.statistics import CATEGORIES, EDUCATION_GROUPS, published
from meritsim.model.streams import Dice, Draws, person_keys
from meritsim.model.workforce import Workforce

UPPERS = {"age": (30, 40, 50), "service": (10, 20, 30)}  # BKN's bands: completed years, <= each
TENURE_CAP = 10.0  # years in the current post at most, at the start (assumption)
ROUNDING = 1500  # draw number of a level's rounding offset (on its first person's key)
GROUP = np.array([CATEGORIES["education"].index(EDUCATION_GROUPS[e]) for e in EDUCATION], np.int8)


class SynthesisError(ValueError):
    """The published margins cannot be fitted (infeasible, or no convergence)."""


@dataclass
class Cells:
    """The fitted table: one entry per possible cell (level, age, service, education, sex)."""

    level: np.ndarray  # int16
    age: np.ndarray  # int16, completed years
    service: np.ndarray  # int16, completed years
    education: np.ndarray  # int8 index into domain.EDUCATION
    female: np.ndarray  # bool
    rank: np.ndarray  # int8 the rank the cell's people hold
    natural: np.ndarray  # int8 the rank regular promotion alone reaches
    weight: np.ndarray  # float64 people (seed, then fitted)


@dataclass(frozen=True)
class Margin:
    """One margin: each cell's category and the people each category must hold."""

    dimension: str
    categories: tuple[str, ...]
    classes: np.ndarray  # per cell: index into categories
    target: np.ndarray  # float64 people per category

    def fitted(self, weight: np.ndarray) -> np.ndarray:
        return np.bincount(self.classes, weight, minlength=len(self.categories))


@dataclass
class Fit:
    cells: Cells
    margins: list[Margin]
    iterations: int
    gap: float  # largest |fitted - target| over all margins, as a share of the workforce


def _density(dist: TruncatedNormal, x: np.ndarray) -> np.ndarray:
    """The truncated normal's (unnormalised) density at ``x``; zero outside [min, max]."""
    inside = (x >= dist.min) & (x <= dist.max)
    if dist.sd == 0:
        return (inside & (np.abs(x - dist.mean) < 0.5)).astype(float)
    return np.where(inside, np.exp(-0.5 * ((x - dist.mean) / dist.sd) ** 2), 0.0)


def headcounts(scenario: Scenario, est: Establishment) -> np.ndarray:
    """People per level at the start: posts x fill (as the profiles' generator)."""
    levels = scenario.organisation.levels.values()
    return np.array([round(est.posts[i] * lv.initial.fill) for i, lv in enumerate(levels)], np.int64)


def seed(scenario: Scenario, est: Establishment, counts: np.ndarray) -> Cells:
    """The seed table from the level profiles (see the module's step 1), each level summing to
    its headcount."""
    step = scenario.rules.rank_promotion.min_years_in_rank
    parts: list[tuple[np.ndarray, ...]] = []
    for i, lv in enumerate(scenario.organisation.levels.values()):
        p = lv.initial
        top = min(p.age.max, lv.retirement_age)
        ages = np.arange(int(np.floor(p.age.min)), int(np.ceil(top)))
        services = np.arange(0, max(int(ages[-1] - np.ceil(p.entry_age.min)) + 1, 1)) if ages.size else ages
        codes = np.array([EDUCATION_INDEX[e] for e, s in p.education.items() if s > 0], np.int8)
        shares = np.array([s for s in p.education.values() if s > 0])
        a, s, e, f = np.meshgrid(ages, services, np.arange(codes.size), (0, 1), indexing="ij")
        a, s, e, f = a.ravel(), s.ravel(), e.ravel(), f.ravel().astype(bool)
        edu = codes[e]
        entry_rank = ENTRY_RANK_BY_EDUCATION[edu].astype(np.int64)
        if est.sources[i].size == 0:  # recruits enter at least at the level's lowest rank
            entry_rank = np.maximum(entry_rank, est.min_rank[i])
        natural = entry_rank + s // step
        ceiling = est.max_rank[i] if est.max_rank[i] >= 0 else CEILING_BY_EDUCATION[edu]
        rank = np.clip(natural, est.min_rank[i], np.maximum(ceiling, est.min_rank[i]))
        w = _density(p.age, a + 0.5) * _density(p.entry_age, (a - s).astype(float))
        w *= shares[e] * np.where(f, p.female_share, 1 - p.female_share)
        w[natural + est.rank_step[i] < est.min_rank[i]] = 0  # cannot have reached the level
        w[(a - s < np.ceil(p.entry_age.min)) | (a - s > np.floor(p.entry_age.max))] = 0
        if est.min_education_grade[i] >= 0:
            w[EDUCATION_GRADE[edu] < est.min_education_grade[i]] = 0
        keep = w > 0
        if counts[i] and not keep.any():
            raise SynthesisError(
                f"organisation.levels.{est.keys[i]}.initial: no one in the profile can hold the level "
                "(ages, entry ages, education and rank range exclude everyone)"
            )
        w = w[keep] * (counts[i] / w[keep].sum()) if counts[i] else w[keep] * 0
        parts.append((np.full(w.size, i), a[keep], s[keep], edu[keep], f[keep], rank[keep], natural[keep], w))
    level, age, service, education, female, rank, natural, weight = (
        np.concatenate(c) for c in zip(*parts, strict=True)
    )
    return Cells(level.astype(np.int16), age.astype(np.int16), service.astype(np.int16),
                 education.astype(np.int8), female, rank.astype(np.int8), natural.astype(np.int8),
                 weight)  # fmt: skip


def leaving(scenario: Scenario, cells: Cells, shift: float) -> np.ndarray:
    """Cells whose people reach their level's retirement age within ``shift`` years (at the
    middle of their completed year of age): a backcast leaves them out of the age and service
    margins."""
    bup = np.array([lv.retirement_age for lv in scenario.organisation.levels.values()])
    return cells.age + 0.5 + shift >= bup[cells.level]


def margins(scenario: Scenario, cells: Cells, counts: np.ndarray) -> list[Margin]:
    """The published margins the synthesis fits (as people, for this workforce's size), then the
    levels' headcounts.

    With a backcast (``shares_from`` after ``date``) age and service are those the people will
    have at ``shares_from``, and the margins hold for the people still in service then; those
    who retire before form one more category of both margins, held at the seed's weight."""
    spec = scenario.organisation.synthesis
    assert spec is not None, "margins() needs organisation.synthesis"
    total = float(counts.sum())
    shift = spec.shift_years
    gone = leaving(scenario, cells, shift) if shift > 0 else np.zeros(cells.level.size, bool)
    left = float(cells.weight[gone].sum())  # the seed's people who retire before the margins' date
    out = []
    for dimension in spec.margins:
        rows = published(dimension, spec.margins_date, population="PNS", area=spec.area)
        categories = CATEGORIES[dimension]
        aged = dimension in UPPERS and shift > 0
        if dimension == "sex":
            classes = np.where(cells.female, 0, 1)
        elif dimension == "education":
            classes = GROUP[cells.education]
        else:
            values = cells.age if dimension == "age" else cells.service
            values = np.floor(values + 0.5 + shift) if aged else values
            classes = np.searchsorted(np.array(UPPERS[dimension]), values, side="left")
        given = dict(zip(rows.category, rows.value.astype(float), strict=True))
        stays = total - left if aged else total
        if set(given) == set(categories):  # complete: shares of their sum (counts or rounded %)
            target = np.array([given[c] for c in categories]) / sum(given.values()) * stays
        elif dimension == "sex" and set(given) == {"female"}:  # the share of women; the rest men
            target = np.array([given["female"] / 100, 1 - given["female"] / 100]) * total
        else:
            raise SynthesisError(
                f"organisation.synthesis.margins: {dimension} is published only in part at "
                f"{spec.margins_date} ({', '.join(given)} of {', '.join(categories)}): it cannot be "
                "fitted"
            )
        if aged:  # one more category: those who retire before the margins' date
            classes = np.where(gone, len(categories), classes)
            categories, target = (*categories, "retire_before"), np.append(target, left)
        out.append(Margin(dimension, categories, classes.astype(np.intp), target))
    out.append(Margin("level", tuple(map(str, range(counts.size))), cells.level.astype(np.intp),
                      counts.astype(float)))  # fmt: skip
    return out


def rake(weight: np.ndarray, margins: list[Margin], tolerance: float, max_iterations: int) -> tuple[
    np.ndarray, int, float
]:  # fmt: skip
    """Iterative proportional fitting of ``weight`` to ``margins`` (the last one ends exact).

    Returns the fitted weights, the rounds taken and the largest gap (share of the total).

    Raises:
        SynthesisError: a category to fill has no possible cell, or no convergence.
    """
    w = weight.copy()
    total = max(float(w.sum()), 1.0)
    for m in margins:
        empty = (m.fitted(w) <= 0) & (m.target > 0)
        if empty.any():
            names = ", ".join(m.categories[i] for i in np.flatnonzero(empty))
            raise SynthesisError(
                f"organisation.synthesis: no one in the level profiles can be in {m.dimension} "
                f"{names}, which the published figures fill: widen the profiles' ranges"
            )
    gap, where = np.inf, ""
    for iteration in range(1, max_iterations + 1):
        for m in margins:
            fitted = m.fitted(w)
            w *= np.divide(m.target, fitted, out=np.zeros_like(fitted), where=fitted > 0)[m.classes]
        gaps = [np.abs(m.fitted(w) - m.target) for m in margins]
        worst = int(np.argmax([g.max() for g in gaps]))
        gap = float(gaps[worst].max()) / total
        where = f"{margins[worst].dimension} {margins[worst].categories[int(np.argmax(gaps[worst]))]}"
        if gap <= tolerance:
            return w, iteration, gap
    raise SynthesisError(
        f"organisation.synthesis: the fit did not converge in {max_iterations} rounds (largest gap "
        f"{100 * gap:.3g} % of the workforce, at {where}): the published margins cannot all hold "
        "with these level profiles; widen their age, entry-age or education ranges, or raise "
        "max_iterations"
    )


def fit(scenario: Scenario, est: Establishment) -> Fit:
    """The fitted table of a scenario with ``organisation.synthesis``."""
    spec = scenario.organisation.synthesis
    assert spec is not None, "fit() needs organisation.synthesis"
    counts = headcounts(scenario, est)
    cells = seed(scenario, est, counts)
    found = margins(scenario, cells, counts)
    cells.weight, iterations, gap = rake(cells.weight, found, spec.tolerance, spec.max_iterations)
    return Fit(cells, found, iterations, gap)


def integerise(cells: Cells, counts: np.ndarray, draws: Draws) -> np.ndarray:
    """People per cell: systematic rounding within each level (cells are sorted by level), with
    a keyed offset per level, so each level gets exactly its headcount."""
    dice = draws.at("initial")
    offset = np.array(
        [dice.uniform(person_keys(INITIAL, i, count=1), ROUNDING)[0] for i in range(counts.size)]
    )
    first = np.concatenate(([0], np.cumsum(np.bincount(cells.level, minlength=counts.size))[:-1]))
    cum = np.cumsum(cells.weight)
    within = cum - (cum[first] - cells.weight[first])[cells.level]  # cumulative within the level
    last = np.concatenate((first[1:], [cells.weight.size])) - 1
    filled = counts > 0
    within[last[filled]] = counts[filled]  # exact at each level's end, whatever the float sums
    k = np.floor(within + offset[cells.level]).astype(np.int64)
    previous = np.concatenate(([0], k[:-1]))
    previous[first[filled]] = 0  # floor(0 + offset)
    return np.maximum(k - previous, 0)


def _fill_level(wf: Workforce, rows: slice, cells: Cells, people: np.ndarray, i: int, scenario: Scenario,
                est: Establishment, dice: Dice) -> None:  # fmt: skip
    """The people of level ``i`` (``rows``, from ``cells[people]``): step 4 of the module."""
    lv = list(scenario.organisation.levels.values())[i]
    keys = wf.key[rows] = person_keys(INITIAL, i, count=people.size)
    wf.level[rows] = i
    entry_min = lv.initial.entry_age.min
    a, s = cells.age[people].astype(float), cells.service[people].astype(float)
    u, v = dice.uniform(keys, AGE), dice.uniform(keys, ENTRY_AGE)
    low = a - s <= np.ceil(entry_min)  # at the youngest entry age: the service's fraction not above the age's
    u, v = np.where(low, np.maximum(u, v), u), np.where(low, np.minimum(u, v), v)
    age = np.minimum(a + u, min(lv.initial.age.max, lv.retirement_age - 1e-6))
    service = np.clip(s + v, 0.0, np.maximum(age - entry_min, 0.0))
    wf.education[rows] = cells.education[people]
    wf.female[rows] = cells.female[people]
    wf.rank[rows] = rank = cells.rank[people]
    wf.born[rows] = -age
    wf.service_since[rows] = -service
    step = scenario.rules.rank_promotion.min_years_in_rank
    promoted = bool(est.sources_count[i] > 0)
    if promoted:  # in post since after the years needed in the level below, 10 at most
        before = np.maximum(service - est.min_years_in_source[i], 0.0)
        tenure = dice.uniform(keys, TENURE) * np.minimum(before, TENURE_CAP)
    else:
        tenure = service
    wf.post_since[rows] = -tenure
    natural = cells.natural[people].astype(np.int64)
    base = natural - np.floor(s / step).astype(np.int64)  # the rank at entry
    in_rank = np.where(rank <= natural, service - step * (rank - base), tenure)  # lifted on appointment
    wf.rank_since[rows] = -np.clip(in_rank, 0.0, service)
    if promoted:
        wf.first_post_at[rows] = -tenure
        if est.structural[i]:
            wf.first_structural_at[rows] = -tenure
    earned = est.credits_per_year[i] * tenure
    wf.credits[rows] = np.minimum(earned, est.credits_to_rise[i]) if est.credits_to_rise[i] > 0 else earned


def synthesised_workforce(scenario: Scenario, est: Establishment, draws: Draws) -> Workforce:
    """The staff at year 0, fitted to the published margins (see the module's steps); built
    level by level, so that the temporaries stay small beside the workforce."""
    cells = fit(scenario, est).cells
    counts = headcounts(scenario, est)
    people = np.repeat(np.arange(cells.weight.size), integerise(cells, counts, draws))
    wf = Workforce.empty(people.size, room(scenario, people.size))
    dice = draws.at("initial")
    start = 0
    for i, n in enumerate(counts):
        rows = slice(start, start + int(n))
        _fill_level(wf, rows, cells, people[rows], i, scenario, est, dice)
        start += int(n)
    wf.id[:] = np.arange(len(wf), dtype=np.int64)
    finish(wf, scenario, est, draws, np.zeros(len(wf)))
    return wf
