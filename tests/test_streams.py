"""Synchronised random numbers: every draw keyed to the person and the occasion."""

from __future__ import annotations

import numpy as np
import pytest

import meritsim
from meritsim.model.calendar import Simulation
from meritsim.model.streams import Draws, person_keys


def test_a_draw_depends_on_the_person_and_the_occasion_only():
    dice = Draws(7, 3).at("appraisal", 12)
    keys = person_keys(2, 12, 0, count=1000)
    alone = dice.normal(keys[[5]])
    among_others = dice.normal(keys)[5]
    reversed_crowd = dice.normal(keys[::-1])[-6]
    assert alone[0] == among_others == reversed_crowd  # the same person, whoever else draws
    assert dice.normal(keys[[5]]) != Draws(7, 3).at("appraisal", 24).normal(keys[[5]])  # next year
    assert dice.normal(keys[[5]]) != Draws(7, 4).at("appraisal", 12).normal(keys[[5]])  # other replication
    assert dice.normal(keys[[5]]) != Draws(7, 3).at("attrition", 12).normal(keys[[5]])  # other mechanism


def test_keyed_draws_are_uniform_normal_and_independent():
    keys = person_keys(1, 0, count=200_000)
    dice = Draws(1, 0).at("policy", 5)
    u = dice.uniform(keys)
    assert u.min() > 0 and u.max() < 1 and abs(u.mean() - 0.5) < 0.005 and abs(u.var() - 1 / 12) < 0.002
    z = dice.normals(keys, 4)
    assert np.abs(z.mean(axis=0)).max() < 0.01 and np.abs(z.std(axis=0) - 1).max() < 0.01
    assert np.abs(np.corrcoef(z.T) - np.eye(4)).max() < 0.01
    other = Draws(1, 0).at("policy", 6).uniform(keys)
    assert abs(np.corrcoef(u, other)[0, 1]) < 0.01
    assert np.unique(keys).size == keys.size  # distinct people, distinct keys


def test_the_same_people_in_every_scenario():
    """The starting staff and the recruits of a wave are the same people under any policy."""
    runs = {}
    for policy in ("merit", "lottery"):
        scenario = meritsim.load_scenario("default", ["organisation.scale=0.1", f"policy.name={policy}"])
        sim = Simulation(scenario, 0, years=2)
        start = sim.wf.competence.copy()
        sim.run()
        wf = sim.wf
        first_wave = np.flatnonzero(wf.service_since == 1.0)
        runs[policy] = start, dict(zip(wf.key[first_wave], wf.integrity[first_wave], strict=True))
    assert (runs["merit"][0] == runs["lottery"][0]).all()
    common = set(runs["merit"][1]) & set(runs["lottery"][1])
    assert len(common) > 10 and all(runs["merit"][1][k] == runs["lottery"][1][k] for k in common)


@pytest.mark.slow
def test_final_year_effectiveness_stays_correlated_across_policies():
    """`compare merit seniority --replications 20 --years 20`: the replications' effectiveness
    under the two policies stays correlated (0.39 at year 20 with one stream per mechanism)."""
    res = meritsim.compare(["merit", "seniority"], replications=20, years=20, jobs=2)
    org = res.org.sort_values("replication")
    for year, floor in ((1, 0.95), (20, 0.8)):
        a = org[(org.scenario == "merit") & (org.year == year)].effectiveness.to_numpy()
        b = org[(org.scenario == "seniority") & (org.year == year)].effectiveness.to_numpy()
        assert np.corrcoef(a, b)[0, 1] >= floor, year
