"""The merit-system index is computed only from what happened: the same at year 0 for every
policy, nothing switched by a policy's name, and every aspect moves with the lever it measures."""

from __future__ import annotations

import numpy as np
import pytest

import meritsim
from meritsim.model.policies import register
from meritsim.model.policies.merit import Merit
from meritsim.model.policies.registry import _REGISTRY

SMALL = ["organisation.scale=0.3"]
NOISE_LOW = "rules.appraisal.results_noise_sd=0.2"


def org(*overrides: str, policy: str = "merit", years: int = 6, reps: int = 2):
    res = meritsim.simulate(
        "default", overrides=[*SMALL, f"policy.name={policy}", *overrides], years=years, replications=reps
    )
    return res.org


def aspect(table, name: str) -> float:
    return float(table[table.year > 0][f"mi_{name}"].mean())


def test_year_zero_is_the_same_for_every_policy_and_appointments_count_once_there_are_some():
    starts = {p: org(policy=p, years=1) for p in ("merit", "seniority", "lottery", "patronage")}
    first = starts["merit"][starts["merit"].year == 0]
    for table in starts.values():
        assert (table[table.year == 0].merit_index.to_numpy() == first.merit_index.to_numpy()).all()
    assert first.mi_promotion_transfer.notna().all()  # year 0 judges the status quo's last year
    fresh = org("history.years=0", years=1)  # without a spin-up: no appointment yet, nothing to judge
    assert fresh[fresh.year == 0].mi_promotion_transfer.isna().all()
    assert fresh[fresh.year == 1].mi_promotion_transfer.notna().all()


@pytest.fixture
def renamed_merit():
    @register
    class Renamed(Merit):
        name = "renamed_merit"

    yield "renamed_merit"
    _REGISTRY.pop("renamed_merit")


def test_no_aspect_looks_at_the_policy_s_name(renamed_merit):
    same = org(policy=renamed_merit)
    merit = org(policy="merit")
    assert np.allclose(same.merit_index, merit.merit_index, equal_nan=True)


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("needs_planning", ["rules.recruitment.fill_share=0.3"], ["rules.recruitment.fill_share=1"]),
        ("procurement", ["rules.recruitment.fill_share=0.3"], ["rules.recruitment.fill_share=1"]),
        ("career_development", ["assessment.capacity_share=0.05"], ["assessment.capacity_share=0.5"]),
        ("career_development", ["training.budget_million_rp=0"], ["training.budget_million_rp=5000"]),
        ("performance_management", ["rules.appraisal.favouritism=1"], ["rules.appraisal.favouritism=0"]),
        ("performance_management", ["rules.appraisal.results_noise_sd=3"], [NOISE_LOW]),
        ("pay_awards_discipline", ["kkn.enforcement=0"], ["kkn.enforcement=0.9"]),
    ],
)  # fmt: skip
def test_each_aspect_moves_with_its_lever(name, low, high):
    assert aspect(org(*low), name) < aspect(org(*high), name)


def test_promotion_aspect_follows_the_yardstick_not_the_policy():
    scores = {
        p: aspect(org("mechanisms.bribery=false", policy=p), "promotion_transfer")
        for p in ("best", "merit", "lottery")
    }
    assert scores["best"] > scores["merit"] > scores["lottery"]


def test_assessments_expire_so_coverage_follows_the_centre_s_capacity():
    """Cutting the centre's capacity from 0.34 to 0.10 of staff a year cuts coverage (it stayed at
    0.97 when assessments never expired)."""
    full = org("assessment.capacity_share=0.34", years=10).assessed_share.iloc[-1]
    thin = org("assessment.capacity_share=0.10", years=10).assessed_share.iloc[-1]
    assert full > 0.9 and thin < 0.4
