"""Invariants of the simulation engine, checked on random small scenarios (hypothesis).

The strategy ``scenario_dicts`` builds plain scenario dicts that are valid by construction: 2-6
levels (entry levels recruit, the others promote from one or two lower levels: one chain, two
chains, branches and merges), 1-60 posts each, random weights, retirement ages, rank ranges,
eligibility rules, calendars, attrition, carry-over and policies, sometimes with a reform. Every
run has the engine's own invariants observer (``meritsim.model.audit.Invariants``); the tests add
independent checks, several of them after every phase of the calendar and every appointment, as
observers injected into the ``Simulation``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, example, given, note, settings
from hypothesis import strategies as st

import meritsim
from meritsim.model import world as world_module
from meritsim.model.audit import Invariants
from meritsim.model.calendar import RunResult, Simulation
from meritsim.model.policies import Policy, Selection
from meritsim.model.scenario.domain import (
    CEILING_BY_EDUCATION,
    EDUCATION_GRADE,
    EDUCATION_INDEX,
    ENTRY_RANK_BY_EDUCATION,
    PREDIKAT_INDEX,
    RANK_INDEX,
    RANKS,
)
from meritsim.model.scenario.schema import PolicySpec, Scenario
from meritsim.model.workforce import LEFT, Workforce
from meritsim.model.world import World

POLICIES = ("merit", "seniority", "patronage", "lottery", "hybrid", "best", "worst", "random", "alternate")
EDUCATION_MIXES: tuple[dict[str, float], ...] = (
    {"S1": 1.0},
    {"SLTA": 0.5, "S1": 0.5},
    {"SLTA": 1.0},
    {"D-III": 0.3, "S1": 0.5, "S2": 0.2},
)
EPS = 1e-9

# No explain phase: its traced re-runs of a failing example cost more than all the rest.
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)
MORE = settings(SETTINGS, max_examples=60)  # for properties that need a rarer configuration

Spec = dict[str, Any]
Check = Callable[[World, str], None]


# -- strategies ------------------------------------------------------------------------------


months = st.integers(1, 12)
month_sets = st.lists(months, min_size=1, max_size=12, unique=True).map(sorted)
seeds = st.integers(0, 2**32)


def edgy_floats(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats in [lo, hi], with the bounds and the float just above ``lo`` drawn often."""
    edges = [float(lo), math.nextafter(lo, hi), float(hi)]
    return st.one_of(st.sampled_from(edges), st.floats(lo, hi))


@st.composite
def level_sources(draw: st.DrawFn) -> list[list[int]]:
    """For each level, the indices of the (earlier) levels it promotes from; [] = entry level.

    Level 0 is an entry level; each later level continues the chain below it (what shrinking goes
    to), starts a second chain, or promotes from one or two earlier levels at random."""
    n = draw(st.integers(2, 6))
    sources: list[list[int]] = [[]]
    for i in range(1, n):
        kind = draw(st.integers(0, 3))
        n_entry = sum(1 for s in sources if not s)
        if kind == 1 and n_entry < 2:
            sources.append([])
        elif kind == 2:
            sources.append([draw(st.integers(0, i - 1))])
        elif kind == 3 and i >= 2:
            sources.append(sorted(draw(st.lists(st.integers(0, i - 1), min_size=2, max_size=2, unique=True))))
        else:
            sources.append([i - 1])
    return sources


def reachable_rank(level: Spec) -> int:
    """Highest rank index anyone can hold in ``level`` (its max_rank, else the education ceiling)."""
    if level.get("max_rank") is not None:
        return RANK_INDEX[level["max_rank"]]
    educations = set(level["initial"]["education"]) | set(level.get("recruit", {}).get("education", {}))
    return max(int(CEILING_BY_EDUCATION[EDUCATION_INDEX[e]]) for e in educations)


def lowest_entry_rank(education: dict[str, float]) -> int:
    """Lowest rank at which recruits with these education shares enter."""
    return min(int(ENTRY_RANK_BY_EDUCATION[EDUCATION_INDEX[e]]) for e, s in education.items() if s > 0)


@st.composite
def level_spec(draw: st.DrawFn, sources: list[Spec]) -> Spec:
    """One level promoting from ``sources`` (already built), or an entry level if there are none."""
    retirement = draw(st.floats(45, 65))
    level: Spec = {
        "posts": draw(st.integers(1, 60)),
        "weight": draw(st.floats(0.01, 1) if not sources else st.floats(0, 1)),
        "retirement_age": retirement,
        "initial": {
            "fill": draw(edgy_floats(0, 1)),
            "education": draw(st.sampled_from(EDUCATION_MIXES)),
            "female_share": draw(st.floats(0, 1)),
            "age": {
                "mean": draw(st.floats(25, 55)),
                "sd": draw(st.floats(1, 12)),
                "min": 20.0,
                "max": retirement - draw(st.sampled_from([0.0, 0.1, 3.0])),
            },
        },
    }
    if sources:
        level["promotes_from"] = [s["key"] for s in sources]
        highest = max(reachable_rank(s) for s in sources)
        level["min_years_in_source"] = draw(edgy_floats(0, 4))
        level["max_age"] = draw(st.one_of(st.none(), st.floats(50, 58)))
        level["selection_months"] = draw(st.integers(0, 6))
        level["min_education"] = draw(st.sampled_from([None, "SLTA", "S1"]))
    else:
        education = draw(st.sampled_from(EDUCATION_MIXES))
        level["recruit"] = {"education": education, "female_share": draw(st.floats(0, 1))}
        highest = lowest_entry_rank(education)
    min_rank = draw(st.one_of(st.just(0), st.integers(0, highest)))
    level["min_rank"] = RANKS[min_rank]
    max_rank = draw(st.one_of(st.none(), st.integers(min_rank, len(RANKS) - 1)))
    level["max_rank"] = None if max_rank is None else RANKS[max_rank]
    return level


@st.composite
def scenario_dicts(draw: st.DrawFn, policy_change: bool | None = None) -> Spec:
    """A small scenario as a plain dict, valid by construction (``Scenario.model_validate``).

    ``policy_change``: None = a reform sometimes, True = always one to a different policy."""
    years = draw(st.integers(2, 6))
    built: list[Spec] = []
    for i, src in enumerate(draw(level_sources())):
        level = draw(level_spec([built[j] for j in src]))
        level["key"] = f"L{i}"
        built.append(level)
    levels = {lv.pop("key"): lv for lv in built}
    policy = draw(st.sampled_from(POLICIES))
    d: Spec = {
        "name": "hypothesis",
        "years": years,
        "organisation": {"units": draw(st.integers(1, 12)), "levels": levels},
        "rules": {
            "appraisal": {
                "month": draw(months),
                "record_years": draw(st.integers(1, 3)),
                "min_predikat": draw(st.sampled_from([None, "Baik"])),
            },
            "rank_promotion": {
                "min_years_in_rank": draw(edgy_floats(1, 4)),
                "months": draw(month_sets),
            },
            "exits": {
                "check_months": draw(month_sets),
                "attrition_rate": draw(edgy_floats(0, 0.05)),
                "dismissal_years": draw(st.integers(1, 3)),
                "min_competence": draw(st.sampled_from([None, 4.0])),
            },
            "staffing": {"months": draw(month_sets)},
            "recruitment": {"months": draw(month_sets), "fill_share": draw(edgy_floats(0, 1))},
            "carryover": {"redraw_share": draw(edgy_floats(0, 1))},
        },
        "policy": {"name": policy},
        "kkn": {
            "attempt_probability": draw(st.sampled_from([0.0, 0.2, 1.0])),
            "enforcement": draw(st.floats(0, 1)),
        },
        "open_selection": {"shortlist": draw(st.sampled_from([0, 1, 3]))},
        "training": {"seats": draw(st.integers(0, 50))},
        "transfers": {"share_per_year": draw(st.sampled_from([0.0, 0.1]))},
    }
    if policy_change or (policy_change is None and draw(st.booleans())):
        others = [p for p in POLICIES if p != policy] if policy_change else list(POLICIES)
        d["policy_change"] = {
            "year": draw(st.integers(1, years)),
            "policy": {"name": draw(st.sampled_from(others))},
        }
    return d


# -- regression examples: always run, before the random ones ----------------------------------


def two_level_spec(staff_age: float, head_retirement: float) -> Spec:
    """A one-post ``staff`` level (entry, BUP 60) with one person of ``staff_age``, under an empty
    one-post ``head`` level promoting from it; appraisal record not required."""
    return {
        "name": "regression",
        "years": 2,
        "organisation": {
            "units": 1,
            "levels": {
                "staff": {
                    "posts": 1,
                    "weight": 1.0,
                    "retirement_age": 60.0,
                    "recruit": {"education": {"S1": 1.0}},
                    "initial": {"fill": 1.0, "age": {"mean": staff_age, "sd": 0.0, "min": 20.0, "max": 60.0}},
                },
                "head": {
                    "posts": 1,
                    "weight": 1.0,
                    "promotes_from": ["staff"],
                    "retirement_age": head_retirement,
                    "initial": {"fill": 0.0, "age": {"mean": 40.0, "sd": 0.0, "min": 40.0, "max": 40.0}},
                },
            },
        },
        "rules": {
            "appraisal": {"min_predikat": None},
            "exits": {"check_months": list(range(1, 13)), "attrition_rate": 0.0},
            "staffing": {"months": [12]},
        },
        "policy": {"name": "merit"},
    }


#: A 55-year-old is appointed in December to a post whose retirement age is 50.
PROMOTED_PAST_RETIREMENT = two_level_spec(55.0, 50.0)
#: Staff with years of service and the shortest step between ranks the schema allows.
TINY_RANK_STEP = {
    **two_level_spec(40.0, 60.0),
    "rules": {"rank_promotion": {"min_years_in_rank": 1.0}},
}
#: A reform in year 2: December of year 1 is still under the old policy.
REFORM_IN_YEAR_TWO = {
    **two_level_spec(40.0, 60.0),
    "policy_change": {"year": 2, "policy": {"name": "seniority"}},
}


# -- running and watching the engine --------------------------------------------------------


def simulate(spec: Spec, seed: int) -> tuple[Simulation, RunResult]:
    """Validate ``spec`` and run it with the engine's invariants observed."""
    sim = Simulation(Scenario.model_validate(spec), 0, seed=seed, observers=[Invariants()])
    return sim, sim.run()


def simulate_watched(spec: Spec, seed: int, check: Check) -> tuple[Simulation, RunResult]:
    """Like :func:`simulate`, with ``check(world, event)`` after every phase and appointment."""
    observers = [Invariants(), lambda event, w: check(w, event)]
    sim = Simulation(Scenario.model_validate(spec), 0, seed=seed, observers=observers)
    return sim, sim.run()


def active_levels(wf: Workforce) -> np.ndarray:
    return wf.level[wf.level != LEFT]


def posts_of(spec: Spec) -> np.ndarray:
    return np.array([lv["posts"] for lv in spec["organisation"]["levels"].values()])


def retirement_ages(spec: Spec) -> np.ndarray:
    return np.array([lv["retirement_age"] for lv in spec["organisation"]["levels"].values()])


def largest_check_gap(check_months: list[int]) -> float:
    """Longest time between consecutive exit checks, years, around the year (and from the start)."""
    m = sorted(set(check_months))
    gaps = [b - a for a, b in itertools.pairwise(m)] + [12 - m[-1] + m[0]]
    return max(gaps) / 12.0


# -- 1. posts ------------------------------------------------------------------------------


@SETTINGS
@given(spec=scenario_dicts(), seed=seeds)
def test_no_post_is_overfilled(spec: Spec, seed: int) -> None:
    """No level ever holds more people than posts: after every calendar action, and in every
    yearly row (headcount <= posts, vacancies = posts - headcount); the engine's audit passes."""
    posts = posts_of(spec)

    def check(w: World, action: str) -> None:
        held = np.bincount(active_levels(w.wf), minlength=posts.size)
        assert (held <= posts).all(), f"after {action} at {w.date:.3f}: {held} people for {posts} posts"

    _, result = simulate_watched(spec, seed, check)
    yearly = result.yearly
    assert sorted(yearly.year.unique()) == list(range(spec["years"] + 1))
    assert (yearly.posts.to_numpy() == np.tile(posts, spec["years"] + 1)).all()
    assert (yearly.headcount <= yearly.posts).all()
    assert (yearly.vacancies == yearly.posts - yearly.headcount).all()
    assert (result.org.headcount <= result.org.posts).all()


# -- 2. one post each ---------------------------------------------------------------------


def assert_one_post_each(w: World, action: str = "run") -> None:
    """Ids unique, one scalar level per row, active levels valid, headcount bookkeeping exact."""
    wf, n = w.wf, w.est.n_levels
    rows = len(wf)
    for name in Workforce.columns():
        assert getattr(wf, name).shape[0] == rows, f"after {action}: {name} has the wrong length"
    assert wf.level.shape == (rows,), f"after {action}: level is not one value per person"
    assert np.unique(wf.id).size == rows, f"after {action}: an id appears twice"
    level = active_levels(wf)
    assert ((level >= 0) & (level < n)).all(), f"after {action}: an active row has an invalid level"
    counted = np.bincount(level, minlength=n)
    assert (counted == w.headcount).all(), f"after {action}: headcount {w.headcount} != {counted}"


@SETTINGS
@given(spec=scenario_dicts(), seed=seeds)
def test_nobody_holds_two_posts(spec: Spec, seed: int) -> None:
    """Every employee is one row with a unique id and exactly one valid level, after every
    calendar action and at the end; the engine's headcount equals the people in each level."""
    sim, result = simulate_watched(spec, seed, assert_one_post_each)
    assert_one_post_each(sim.world)
    final = result.yearly[result.yearly.year == spec["years"]]
    counted = np.bincount(active_levels(sim.wf), minlength=sim.est.n_levels)
    assert (final.headcount.to_numpy() == counted).all()


# -- 3. stocks and flows -----------------------------------------------------------------------


FLOWS = ("promotions_in", "promotions_out", "exits", "hires")


def assert_flows_balance(yearly: pd.DataFrame, suffix: str) -> None:
    """headcount(y - 1) + promotions_in + hires - promotions_out - exits == headcount(y)."""
    table = yearly.set_index(["year", "level"]).sort_index()

    def wide(column: str) -> pd.DataFrame:
        return table[f"{column}{suffix}"].unstack("level").astype(np.int64)

    head = wide("headcount")
    flow = {f: wide(f) for f in FLOWS}
    for f in FLOWS:
        assert (flow[f].loc[0] == 0).all(), f"{f}{suffix} is not zero in year 0"
        assert (flow[f] >= 0).all().all(), f"{f}{suffix} is negative"
    expected = head.shift(1) + flow["promotions_in"] + flow["hires"] - flow["promotions_out"] - flow["exits"]
    pd.testing.assert_frame_equal(head.iloc[1:], expected.iloc[1:].astype(np.int64), check_names=False)


@SETTINGS
@given(spec=scenario_dicts(), seed=seeds)
def test_headcount_accounting_per_level(spec: Spec, seed: int) -> None:
    """Per level and year >= 1, last year's headcount plus promotions in and hires minus promotions
    out and exits is this year's headcount, for everyone and for women (the _female columns); the
    organisation table's flows are the sums of the levels' flows."""
    _, result = simulate(spec, seed)
    yearly, org = result.yearly, result.org
    assert_flows_balance(yearly, "")
    assert_flows_balance(yearly, "_female")
    by_year = yearly.groupby("year")
    assert (by_year.promotions_in.sum() == by_year.promotions_out.sum()).all()
    assert (org.promotions.to_numpy() == by_year.promotions_in.sum().to_numpy()).all()
    assert (org.hires.to_numpy() == by_year.hires.sum().to_numpy()).all()
    assert (org.exits.to_numpy() == by_year.exits.sum().to_numpy()).all()
    assert (org.exits == org.retirements + org.attritions + org.dismissals + org.sanctions).all()
    assert (org.headcount.to_numpy() == by_year.headcount.sum().to_numpy()).all()


# -- 4. retirement -------------------------------------------------------------------------------


def assert_nobody_past_retirement(w: World, date: float, bup: np.ndarray, gap: float, when: str) -> None:
    """Everyone active at ``date`` is younger than their level's retirement age + ``gap``."""
    wf = w.wf
    act = wf.level != LEFT
    age = date - wf.born[act]
    limit = bup[wf.level[act]] + gap
    late = np.flatnonzero(age >= limit + EPS)
    assert late.size == 0, (
        f"{when}, date {date:.4f}: {late.size} active past retirement age + {gap:.3f}; e.g. id "
        f"{wf.id[act][late[0]]}, level {wf.level[act][late[0]]}, age {age[late[0]]:.3f}, "
        f"retirement age {bup[wf.level[act][late[0]]]:g}"
    )


@MORE
@given(spec=scenario_dicts(), seed=seeds)
@example(spec=PROMOTED_PAST_RETIREMENT, seed=0)
def test_nobody_past_retirement_age(spec: Spec, seed: int) -> None:
    """Nobody in service is older than the retirement age of their level plus the longest gap
    between exit checks: after every calendar action and at the last year end (the engine also
    asserts, after each exit check, that nobody is past retirement age)."""
    bup = retirement_ages(spec)
    gap = largest_check_gap(spec["rules"]["exits"]["check_months"])

    def check(w: World, action: str) -> None:
        assert_nobody_past_retirement(w, w.date, bup, gap, f"after {action}")

    sim, result = simulate_watched(spec, seed, check)
    final = float(result.org.year.max())
    assert final == spec["years"] == sim.world.date
    assert_nobody_past_retirement(sim.world, final, bup, gap, "at the end")


# -- 5. eligibility ------------------------------------------------------------------------------


@dataclass
class Appointment:
    """One call of a policy's ``choose``, with the workforce's attributes as they were then."""

    policy: str
    level: int
    date: float
    n: int
    pool: np.ndarray
    chosen: np.ndarray
    current_level: np.ndarray  # one entry per workforce row, as are the fields below
    rank: np.ndarray
    post_since: np.ndarray
    born: np.ndarray
    education: np.ndarray
    skp: np.ndarray


class SpyPolicy(Policy):
    """Delegates to a real policy and records every choice (never registered)."""

    name = "spy"

    def __init__(self, inner: Policy, log: list[Appointment]):
        super().__init__(inner.spec)
        self.inner = inner
        self.log = log

    def choose(self, sel: Selection, pool: np.ndarray, n: int) -> np.ndarray:
        wf = sel.wf
        before = {
            "pool": np.array(pool, copy=True),
            "current_level": wf.level.copy(),
            "rank": wf.rank.copy(),
            "post_since": wf.post_since.copy(),
            "born": wf.born.copy(),
            "education": wf.education.copy(),
            "skp": wf.skp.copy(),
        }
        chosen = np.asarray(self.inner.choose(sel, pool, n))
        self.log.append(
            Appointment(self.inner.spec.name, sel.level, sel.date, n, chosen=chosen.copy(), **before)
        )
        return chosen


def simulate_spied(spec: Spec, seed: int) -> tuple[list[Appointment], RunResult]:
    """Run ``spec`` with every policy the engine makes (also at a reform) wrapped in a spy."""
    log: list[Appointment] = []
    real = world_module.make_policy

    def spied(policy: PolicySpec) -> Policy:
        return SpyPolicy(real(policy), log)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(world_module, "make_policy", spied)
        _, result = simulate(spec, seed)
    return log, result


def independently_eligible(scenario: Scenario, a: Appointment) -> np.ndarray:
    """Per workforce row: whether it met every condition for appointment to ``a.level`` at
    ``a.date``, recomputed from the scenario (not from the compiled organisation)."""
    keys = list(scenario.organisation.levels)
    target = scenario.organisation.levels[keys[a.level]]
    sources = [keys.index(k) for k in target.promotes_from]
    ok = np.isin(a.current_level, sources)  # people who left (level -1) are in no source
    ok &= a.rank >= RANK_INDEX[target.min_rank]
    ok &= a.date - a.post_since >= target.min_years_in_source - EPS
    if target.max_age is not None:
        ok &= a.date - a.born <= target.max_age + EPS
    if target.min_education is not None:
        ok &= EDUCATION_GRADE[a.education] >= EDUCATION_GRADE[EDUCATION_INDEX[target.min_education]]
    appraisal = scenario.rules.appraisal
    if appraisal.min_predikat is not None:
        record = a.skp[:, : appraisal.record_years]
        ok &= (record >= PREDIKAT_INDEX[appraisal.min_predikat]).all(axis=1)
    return ok


def below_retirement_age(scenario: Scenario, a: Appointment) -> np.ndarray:
    """Per workforce row: younger at ``a.date`` than the retirement age of the level being filled."""
    target = list(scenario.organisation.levels.values())[a.level]
    return a.date - a.born < target.retirement_age - EPS


@SETTINGS
@given(spec=scenario_dicts(), seed=seeds)
def test_appointments_respect_eligibility(spec: Spec, seed: int) -> None:
    """Every policy choice (before and after a reform) is n distinct members of the pool; everyone
    in the pool, so everyone chosen, was eligible at that moment (in a source level, rank >=
    min_rank, years in post >= min_years_in_source, age <= max_age, education >= min_education,
    appraisal record meeting min_predikat), and the pool leaves out nobody eligible (nobody, at
    least, still below the level's retirement age, which the engine may rightly also require)."""
    scenario = Scenario.model_validate(spec)
    log, _ = simulate_spied(spec, seed)
    note(f"{len(log)} appointments")
    for a in log:
        where = f"{a.policy} -> level {a.level} at {a.date:.4f}"
        assert a.chosen.size == a.n == np.unique(a.chosen).size, where
        assert np.isin(a.chosen, a.pool).all(), f"{where}: chose outside the pool"
        ok = independently_eligible(scenario, a)
        assert ok[a.chosen].all(), f"{where}: chose someone ineligible"
        assert ok[a.pool].all(), f"{where}: the pool holds someone ineligible"
        # the policy sees the whole eligible pool unless bribes or a committee's shortlist took
        # their share first (then its pool is, rightly, a subset)
        shortlisted = (
            scenario.open_selection.shortlist > 0
            and list(scenario.organisation.levels.values())[a.level].selection_months > 0
        )
        if scenario.kkn.attempt_probability == 0 and not shortlisted:
            missing = np.setdiff1d(np.flatnonzero(ok & below_retirement_age(scenario, a)), a.pool)
            assert missing.size == 0, f"{where}: rows {missing} are eligible but not in the pool"


# -- 5b. reform ----------------------------------------------------------------------------------


def simulated_year(date: float) -> int:
    """The simulated year (1 = the first) in which something dated ``date`` (end of a month) happens."""
    return math.ceil(date - EPS)


@SETTINGS
@given(spec=scenario_dicts(policy_change=True), seed=seeds)
@example(spec=REFORM_IN_YEAR_TWO, seed=0)
def test_policy_change_takes_effect_in_its_year(spec: Spec, seed: int) -> None:
    """A reform ``policy_change: {year: Y}`` means ``Y`` is the first simulated year under the new
    policy: every appointment in years < Y uses the old policy and in years >= Y the new one, and
    the tables' ``policy`` column says so (year 0, the start, under the old policy)."""
    old, new = spec["policy"]["name"], spec["policy_change"]["policy"]["name"]
    change = spec["policy_change"]["year"]
    log, result = simulate_spied(spec, seed)
    for a in log:
        year = simulated_year(a.date)
        assert a.policy == (new if year >= change else old), (
            f"appointment at {a.date:.4f} (year {year}) used {a.policy}; reform to {new} in year {change}"
        )
    expected = [new if y >= change and y > 0 else old for y in result.org.year]
    assert list(result.org.policy) == expected
    yearly_expected = np.where((result.yearly.year >= change) & (result.yearly.year > 0), new, old)
    assert (result.yearly.policy.to_numpy() == yearly_expected).all()


# -- 5c. initial ranks -------------------------------------------------------------------------------


@MORE
@given(spec=scenario_dicts(), seed=seeds)
@example(spec=TINY_RANK_STEP, seed=0)
def test_initial_ranks_lie_in_reach(spec: Spec, seed: int) -> None:
    """Nobody starts below the rank at which a recruit of their education enters (unless the
    level's max_rank is lower) or below the level's min_rank, nor above the ceiling of their post
    (max_rank, else the education ceiling) unless min_rank is higher: years of service only ever
    add rank steps, however short ``min_years_in_rank`` is."""
    scenario = Scenario.model_validate(spec)
    wf = Simulation(scenario, 0, seed=seed, observers=[Invariants()]).wf
    levels = list(scenario.organisation.levels.values())
    min_rank = np.array([RANK_INDEX[lv.min_rank] for lv in levels])[wf.level]
    max_rank = np.array([RANK_INDEX[lv.max_rank] if lv.max_rank else -1 for lv in levels])[wf.level]
    ceiling = np.where(max_rank >= 0, max_rank, CEILING_BY_EDUCATION[wf.education])
    lowest = np.maximum(np.minimum(ENTRY_RANK_BY_EDUCATION[wf.education], ceiling), min_rank)
    highest = np.maximum(ceiling, min_rank)
    below = np.flatnonzero(wf.rank < lowest)
    assert below.size == 0, (
        f"{below.size} start below their entry rank, e.g. {RANKS[wf.rank[below[0]]]} instead of at "
        f"least {RANKS[lowest[below[0]]]} after {-wf.service_since[below[0]]:.1f} years of service"
    )
    assert (wf.rank <= highest).all()


# -- 6. reproducibility --------------------------------------------------------------------------


@SETTINGS
@given(spec=scenario_dicts(), seed_pair=st.lists(seeds, min_size=2, max_size=2, unique=True))
def test_same_seed_same_tables(spec: Spec, seed_pair: list[int]) -> None:
    """The same scenario and seed give identical yearly and org tables; another seed gives a
    different org table whenever anyone is ever in service (competence is drawn at random)."""
    first, second = seed_pair
    _, a = simulate(spec, first)
    _, b = simulate(spec, first)
    pd.testing.assert_frame_equal(a.yearly, b.yearly)
    pd.testing.assert_frame_equal(a.org, b.org)
    _, c = simulate(spec, second)
    if (a.org.headcount > 0).any():
        assert not a.org.equals(c.org), f"seeds {first} and {second} gave the same org table"


# -- 7. bundled scenarios ------------------------------------------------------------------------


@pytest.mark.parametrize("name", meritsim.bundled_names())
def test_bundled_scenario_runs_three_audited_years(name: str) -> None:
    """Every bundled scenario (the national ones at 1/10,000 of their size) runs 3 years (after a
    3-year spin-up where it has one) with the audit on and records years 0..3 for every level."""
    posts = sum(level.posts for level in meritsim.load_scenario(name).organisation.levels.values())
    overrides = ["organisation.scale=0.0001"] if posts > 1_000_000 else []
    if meritsim.load_scenario(name).history.years:
        overrides.append("history.years=3")  # the spin-up is audited too, briefly
    scenario = meritsim.load_scenario(name, overrides)
    result = Simulation(scenario, 0, years=3, observers=[Invariants()]).run()
    levels = len(scenario.organisation.levels)
    assert list(result.org.year) == [0, 1, 2, 3]
    assert sorted(result.yearly.year.unique()) == [0, 1, 2, 3]
    assert len(result.yearly) == 4 * levels
    assert (result.yearly.headcount <= result.yearly.posts).all()
