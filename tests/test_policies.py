"""Promotion policies: the registry, each policy's choice, and plug-ins."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model.calendar import Simulation
from meritsim.model.policies import Policy, PolicyError, Selection, available, make_policy, register
from meritsim.model.policies.base import percentile, top
from meritsim.model.policies.registry import _REGISTRY
from meritsim.model.policies.scores import merit_score
from meritsim.model.scenario.schema import PolicySpec
from meritsim.model.streams import Draws
from meritsim.model.workforce import Workforce


@pytest.fixture
def pool_sel(small_default) -> Selection:
    """Five candidates with known traits, at date 0."""
    wf = Workforce.empty(5)
    wf.competence[:] = [5.0, 9.0, 7.0, 3.0, 8.0]
    wf.potential[:] = 0.5
    wf.affinity[:] = [1.0, 0.0, 0.0, 0.0, 0.0]
    wf.skp[:, :2] = 3
    wf.rank[:] = [10, 9, 11, 11, 10]  # III/c, III/b, III/d, III/d, III/c
    wf.rank_since[:] = [-2.0, -1.0, -3.0, -1.0, -2.0]
    wf.service_since[:] = [-20.0, -9.0, -12.0, -12.0, -20.0]
    wf.born[:] = [-45.0, -30.0, -40.0, -41.0, -46.0]
    scenario = small_default.model_copy(
        update={
            "assessment": small_default.assessment.model_copy(update={"error_sd": 0.0, "self_noise_sd": 0.0})
        }
    )
    wf.key[:] = np.arange(5)
    merit = merit_score(
        wf, np.arange(5), scenario, scenario.policy.merit_weights, Draws(0, 0).at("assessment")
    )
    return Selection(wf, 0.0, 1, scenario, Draws(0, 0).at("policy", 1), merit)


def choose(name: str, sel: Selection, n: int, **spec) -> list[int]:
    policy = make_policy(PolicySpec(name=name, **spec))
    return policy.choose(sel, np.arange(5), n).tolist()


def test_registry_has_the_builtins():
    assert {"merit", "seniority", "patronage", "lottery", "hybrid", "best", "worst", "random",
            "alternate"} <= set(available())  # fmt: skip


def test_best_and_worst_use_latent_competence(pool_sel):
    assert choose("best", pool_sel, 2) == [1, 4]
    assert choose("worst", pool_sel, 2) == [3, 0]


def test_merit_without_assessment_error_ranks_by_competence(pool_sel):
    assert choose("merit", pool_sel, 3) == [1, 4, 2]


def test_seniority_follows_duk_order(pool_sel):
    """Rank first (III/d: rows 2, 3 -> more years in rank wins), then III/c (rows 0, 4: same
    years in rank and service -> older wins)."""
    assert choose("seniority", pool_sel, 5) == [2, 3, 4, 0, 1]


def test_patronage_strength_bends_merit(pool_sel):
    assert choose("patronage", pool_sel, 1, patronage_strength=0.0) == [1]
    assert choose("patronage", pool_sel, 1, patronage_strength=1.0) == [0]


def test_patronage_at_strength_0_is_merit_without_the_succession_list_in_a_whole_run():
    """No bent order and no shortlist override at strength 0: the careers of the merit policy
    with talent.succession_first off (the succession list is merit's own); with the list on,
    merit differs."""
    small = ["organisation.scale=0.05", "history.years=5"]

    def org(*extra: str) -> pd.DataFrame:
        run = meritsim.simulate("default", overrides=[*small, *extra], years=4, replications=1).org
        return run.drop(columns=["scenario", "policy"])

    unbent = org("policy.name=patronage", "policy.patronage_strength=0")
    assert unbent.appointments.sum() > 0
    pd.testing.assert_frame_equal(unbent, org("policy.name=merit", "talent.succession_first=false"))
    assert not unbent.equals(org("policy.name=merit", "talent.succession_first=true"))
    assert not unbent.equals(org("policy.name=patronage", "policy.patronage_strength=1"))


def test_hybrid_spans_merit_to_seniority(pool_sel):
    assert choose("hybrid", pool_sel, 5, hybrid_merit_share=1.0) == choose("merit", pool_sel, 5)
    assert choose("hybrid", pool_sel, 5, hybrid_merit_share=0.0) == choose("seniority", pool_sel, 5)


def test_lottery_is_uniform_over_occasions_and_the_same_on_one(pool_sel):
    counts = np.zeros(5)
    for occasion in range(2000):
        pool_sel.dice = Draws(0, 0).at("policy", occasion)
        counts[choose("lottery", pool_sel, 1)] += 1
    assert counts.min() > 330 and counts.max() < 470
    assert choose("lottery", pool_sel, 3) == choose("lottery", pool_sel, 3)  # each their own ticket


def test_alternate_mixes_best_and_worst(pool_sel):
    assert choose("alternate", pool_sel, 1, alternate_best_probability=1.0) == [1]
    assert choose("alternate", pool_sel, 1, alternate_best_probability=0.0) == [3]
    assert sorted(choose("alternate", pool_sel, 5)) == [0, 1, 2, 3, 4]


def test_top_breaks_ties_by_position():
    score = np.array([1.0, 3.0, 3.0, 2.0, 3.0])
    assert top(score, 2).tolist() == [1, 2]
    assert top(score, 0).tolist() == []
    assert percentile(np.array([3.0, 1.0, 2.0])).tolist() == [1.0, 0.0, 0.5]


@pytest.fixture
def plugin():
    """A policy added without touching the engine: the youngest first."""

    @register
    class Youngest(Policy):
        name = "youngest"

        def choose(self, sel, pool, n):
            return pool[np.argsort(-sel.wf.born[pool], kind="stable")[:n]]

    yield Youngest
    _REGISTRY.pop("youngest")


def test_plugin_policy_runs_in_the_engine(plugin):
    scenario = meritsim.load_scenario("default", ["organisation.scale=0.05", "policy.name=youngest"])
    org = Simulation(scenario, years=3).run().org
    assert set(org.policy) == {"youngest"} and org.promotions.sum() > 0


def test_a_policy_choosing_ineligible_people_is_refused(plugin):
    @register
    class Cheat(Policy):
        name = "cheat"

        def choose(self, sel, pool, n):
            return np.arange(n)  # whoever comes first, eligible or not

    try:
        scenario = meritsim.load_scenario("default", ["organisation.scale=0.05", "policy.name=cheat"])
        with pytest.raises(PolicyError, match="policy 'cheat' must choose"):
            Simulation(scenario, years=3).run()
    finally:
        _REGISTRY.pop("cheat")
