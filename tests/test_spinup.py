"""The spin-up: the status quo runs `history.years` before year 0, so the start is steady."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model import spinup
from meritsim.model.calendar import Simulation

SMALL = ["organisation.scale=0.2"]


def scenario(*more: str) -> meritsim.Scenario:
    return meritsim.load_scenario("default", [*SMALL, *more])


def test_year_zero_is_the_status_quo_whatever_the_policy_and_the_start_is_dated_before_it():
    runs = {
        p: meritsim.simulate(scenario(f"policy.name={p}"), years=2, replications=2)
        for p in ("merit", "lottery")
    }
    zero = [
        r.org[r.org.year == 0].drop(columns=["scenario", "policy"]).reset_index(drop=True)
        for r in runs.values()
    ]
    pd.testing.assert_frame_equal(*zero)
    assert (zero[0].appointments > 0).all()  # year 0 is the spin-up's last year, with its events
    sim = Simulation(scenario(), years=1)
    ages = -sim.wf.born[sim.wf.active]
    assert ages.min() >= 18 and ages.max() < 66  # dates are relative to year 0
    assert (sim.wf.service_since[sim.wf.active] <= 0).all()


def test_a_cached_spin_up_gives_the_same_run_as_a_fresh_one():
    """Comparing policies spins up once per replication; the cache changes nothing."""
    s = scenario("policy.name=merit")
    spinup.forget()
    fresh = meritsim.simulate(s, years=3, replications=2)
    meritsim.simulate(scenario("policy.name=seniority"), years=1, replications=2)  # warms the cache
    assert spinup._cache
    cached = meritsim.simulate(s, years=3, replications=2)
    pd.testing.assert_frame_equal(fresh.yearly, cached.yearly)
    pd.testing.assert_frame_equal(fresh.org, cached.org)


def test_serial_and_parallel_runs_agree_with_spin_ups_shared():
    policies = ["merit", "seniority", "lottery"]
    serial = meritsim.compare(policies, overrides=SMALL, replications=2, years=2, jobs=1)
    spinup.forget()
    parallel = meritsim.compare(policies, overrides=SMALL, replications=2, years=2, jobs=2)
    pd.testing.assert_frame_equal(serial.org, parallel.org)


def test_the_spin_up_is_a_parameter_that_changes_the_start():
    none = Simulation(scenario("history.years=0"), years=1)
    some = Simulation(scenario("history.years=10"), years=1)
    assert none.wf.active.sum() != some.wf.active.sum() or not np.array_equal(
        none.wf.competence[none.wf.active], some.wf.competence[some.wf.active]
    )
    patronage = Simulation(scenario("history.years=10", "history.policy.name=patronage"), years=1)
    assert not np.array_equal(some.wf.competence, patronage.wf.competence)


def test_an_unknown_history_policy_is_a_clear_error():
    with pytest.raises(meritsim.ScenarioError, match=r"history\.policy"):
        scenario("history.policy.name=meritt")


def test_the_status_quo_is_steady_from_year_0_to_30():
    """Seniority after the default spin-up stays within bands for 30 years: effectiveness
    +-1 point, mean age +-2 years, retirement rate and vacancy rate +-1.5 and +-1 points,
    golongan shares +-5 points (before the spin-up: effectiveness rose 64.7 -> 72.6, mean age
    swung 44.0 -> 39.3 -> 42.3)."""
    res = meritsim.simulate("default", overrides=["policy.name=seniority"], years=30, replications=3, jobs=2)
    org = res.org.groupby("year").mean(numeric_only=True)
    yearly = res.yearly
    people = yearly.groupby("year").headcount.sum()
    age = (yearly.mean_age * yearly.headcount).groupby(yearly.year).sum() / people

    def drift(series: pd.Series) -> float:
        return float((series - series.loc[0]).abs().max())

    assert drift(org.effectiveness) <= 1.0
    assert drift(age) <= 2.0
    assert drift(100 * org.retirements / org.headcount) <= 1.5
    assert drift(100 * org.vacancies / org.posts) <= 1.0
    golongan = [c for c in org.columns if c.startswith("golongan_")]
    assert golongan, "the org table has golongan shares"
    shares = org[golongan].div(org[golongan].sum(axis=1), axis=0) * 100
    assert max(drift(shares[c]) for c in golongan) <= 5.0
