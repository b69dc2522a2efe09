"""Sweep specs, designs, sensitivity indices and the regression helper."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim import ScenarioError
from meritsim.study.design import SweepSpec, design_points, load_spec, point_scenarios

BASE = {"name": "t", "base": "default", "set": ["organisation.scale=0.05"], "replications": 2,
        "years": 3}  # fmt: skip


def spec(**kw) -> SweepSpec:
    return SweepSpec.model_validate({**BASE, **kw})


def test_factorial_design_crosses_values_and_levels():
    s = spec(levers={"policy.name": {"values": ["merit", "lottery"]}},
             uncertainties={"assessment.error_sd": {"min": 0, "max": 2}},
             design={"method": "factorial", "levels": 3})  # fmt: skip
    points = design_points(s)
    assert len(points) == 6 and sorted(points["assessment.error_sd"].unique()) == [0, 1, 2]


def test_lhs_design_stratifies_each_parameter():
    s = spec(uncertainties={"rules.exits.attrition_rate": {"min": 0, "max": 0.02},
                            "organisation.units": {"min": 1, "max": 20, "integer": True}},
             design={"method": "lhs", "samples": 10, "seed": 3})  # fmt: skip
    points = design_points(s)
    strata = np.floor(points["rules.exits.attrition_rate"] / 0.002).astype(int)
    assert sorted(strata) == list(range(10))
    assert points["organisation.units"].dtype.kind == "i"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"levers": {"policy.patronage_strenght": {"min": 0, "max": 1}}},
            "Did you mean 'patronage_strength'?",
        ),
        ({"levers": {"policy.patronage_strength": {"min": 1, "max": 1}}}, "empty range"),
        ({"levers": {"policy.name": {"values": []}}}, "the list is empty"),
        ({"levers": {"policy.patronage_strength": {"min": 0, "max": 2}}}, "less than or equal to 1"),
        ({"levers": {"policy.name": {"values": ["merit", "meritt"]}}}, "unknown policy 'meritt'"),
        ({"outcomes": ["effectivenes_mean"]}, "Did you mean 'effectiveness_mean'?"),
        ({"design": {"method": "sobol"}, "levers": {"policy.name": {"values": ["merit"]}}}, "numeric ranges"),
        ({}, "at least one parameter"),
    ],
)
def test_bad_specs_fail_before_running(tmp_path, change, message):
    path = tmp_path / "spec.yaml"
    import yaml

    path.write_text(yaml.safe_dump({**BASE, **change}))
    with pytest.raises(ScenarioError) as info:
        s = load_spec(path)
        point_scenarios(s, design_points(s))
    assert message in str(info.value)
    assert not (tmp_path / "chunks").exists()


def test_sweep_runs_with_common_random_numbers_and_regression(tmp_path):
    s = spec(levers={"policy.patronage_strength": {"min": 0, "max": 1}},
             design={"method": "factorial", "levels": 2})  # fmt: skip
    result = meritsim.sweep(s, out=tmp_path)
    assert len(result.points) == 2 and len(result.outcomes) == 4
    assert {"point", "policy.patronage_strength", "effectiveness_mean"} <= set(result.outcomes.columns)
    start = result.org[result.org.year == 0].groupby("point").effectiveness.mean()
    assert start.nunique() == 1  # every point starts from the same workforce
    assert set(result.regression.term) == {"Intercept", "policy.patronage_strength"}


def test_sobol_and_morris_indices_have_confidence_intervals():
    for method, cols in (("sobol", {"S1", "S1_conf", "ST", "ST_conf"}),
                         ("morris", {"mu_star", "mu_star_conf", "sigma"})):  # fmt: skip
        s = spec(levers={"policy.patronage_strength": {"min": 0, "max": 1}},
                 uncertainties={"assessment.error_sd": {"min": 0, "max": 2}},
                 design={"method": method, "samples": 4, "levels": 4}, replications=1, years=2)  # fmt: skip
        result = meritsim.sweep(s)
        idx = result.indices
        assert cols <= set(idx.columns) and len(idx) == 2 * len(s.outcomes)
        assert set(idx.parameter) == {"policy.patronage_strength", "assessment.error_sd"}


def test_bundled_example_specs_are_valid():
    from pathlib import Path

    folder = Path(__file__).parents[1] / "simulations"
    specs = sorted(p for p in folder.glob("*.yaml") if "notebooks:" not in p.read_text())
    assert len(specs) >= 3
    for path in specs:
        s = load_spec(path)
        assert len(point_scenarios(s, design_points(s))) >= 1


def test_regress_recovers_a_known_slope_and_fits_logit():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 1, 400)
    group = np.where(rng.random(400) < 0.5, "a", "b")
    data = pd.DataFrame({"y": 2 * x + (group == "b") + rng.normal(0, 0.1, 400), "x.dot": x, "g": group})
    table = meritsim.regress(data, "y", ["x.dot", "g"]).set_index("term")
    assert table.loc["x.dot", "ci_low"] < 2 < table.loc["x.dot", "ci_high"]
    assert table.loc["C(g)[T.b]", "coef"] == pytest.approx(1, abs=0.05)
    data["hit"] = (rng.random(400) < 1 / (1 + np.exp(-(4 * x - 2)))).astype(int)
    logit = meritsim.regress(data, "hit", ["x.dot"], kind="logit").set_index("term")
    assert logit.loc["x.dot", "coef"] > 0 and logit.loc["x.dot", "p_value"] < 0.01
    with pytest.raises(ValueError, match="not in the data"):
        meritsim.regress(data, "y", ["nope"])
