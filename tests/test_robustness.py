"""How robust the headline is (`meritsim robustness`) and where it comes from (`meritsim decompose`)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import meritsim
from meritsim.cli import main
from meritsim.model.scenario.mechanisms import Mechanisms
from meritsim.study.robustness import ASSUMPTIONS

TINY = ["--set", "organisation.scale=0.05", "--set", "history.years=5", "--years", "3"]


@pytest.fixture(scope="module")
def robust(tmp_path_factory):
    out = tmp_path_factory.mktemp("robust")
    result = CliRunner().invoke(
        main,
        ["robustness", "default", "--samples", "1", "--replications", "2", "--policies", "seniority,lottery",
         "--jobs", "1", "--quiet", "--out", str(out), *TINY],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out, result.output


def test_robustness_reports_the_share_of_the_assumption_space_merit_wins(robust):
    out, printed = robust
    table = pd.read_csv(out / "robustness.csv")
    assert list(table.policy) == ["seniority", "lottery"]
    assert (table.points == len(ASSUMPTIONS) + 2).all()  # Sobol: N x (D + 2) points
    for column in ("share_merit_wins", "share_merit_wins_clearly", "share_policy_wins_clearly"):
        assert table[column].between(0, 1).all()
    assert (table.advantage_p05 <= table.advantage_p50).all() and (
        table.advantage_p50 <= table.advantage_p95
    ).all()
    assert set(table.decided_by) <= set(ASSUMPTIONS)
    indices = pd.read_csv(out / "indices.csv")
    assert len(indices) == 2 * len(ASSUMPTIONS) and {"S1", "S1_conf", "ST", "ST_conf"} <= set(indices.columns)
    points = pd.read_csv(out / "points.csv")
    for name, r in ASSUMPTIONS.items():
        assert points[name].between(r.min, r.max).all()
    assert "merit does better in" in printed and "% of" in printed
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["robustness"]["policies"] == ["merit", "seniority", "lottery"]


def test_the_advantage_at_a_point_is_the_paired_difference_of_two_plain_runs(robust):
    """Recompute one design point by hand: merit and seniority with that point's assumptions."""
    out, _ = robust
    points = pd.read_csv(out / "points.csv").set_index("point")
    outcomes = pd.read_csv(out / "outcomes.csv")
    point = 3
    overrides = ["organisation.scale=0.05", "history.years=5"] + [
        f"{k}={float(points.loc[point, k])!r}" for k in ASSUMPTIONS
    ]
    runs = {
        p: meritsim.simulate("default", overrides=[*overrides, f"policy.name={p}"], years=3, replications=2)
        for p in ("merit", "seniority")
    }
    by_hand = (
        runs["merit"].outcomes.effectiveness_mean - runs["seniority"].outcomes.effectiveness_mean
    ).mean()
    at = outcomes[outcomes.point == point].pivot_table(
        index="replication", columns="policy", values="effectiveness_mean"
    )
    assert np.isclose((at.merit - at.seniority).mean(), by_hand)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--policies", "merit"], "at least one policy"),
        (["--policies", "seniorty"], "seniorty"),
        (["--outcome", "irregular_share"], "irregular_share"),
    ],
)
def test_a_bad_robustness_request_is_a_clear_error(args, message, tmp_path):
    result = CliRunner().invoke(main, ["robustness", "default", *args, "--out", str(tmp_path / "x"), *TINY])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_decompose_splits_merit_s_advantage_by_mechanism(tmp_path):
    result = CliRunner().invoke(
        main,
        ["decompose", "default", "--switch", "bribery", "--switch", "credit_rises", "--switch", "favouritism",
         "--replications", "3", "--jobs", "1", "--quiet", "--out", str(tmp_path), *TINY,
         "--set", "rules.appraisal.favouritism=0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "decomposition.csv").set_index("variant")
    assert list(table.index) == ["all mechanisms on", "bribery", "credit_rises", "favouritism"]
    full = table.loc["all mechanisms on", "advantage"]
    for variant in ("bribery", "credit_rises"):
        assert np.isclose(table.loc[variant, "contribution"], full - table.loc[variant, "advantage"])
    # favouritism 0: switching favouritism off changes nothing, so it contributes exactly nothing
    assert table.loc["favouritism", "contribution"] == 0
    assert table.loc["credit_rises", "contribution"] != 0
    assert "advantage" in result.output


def test_an_unknown_switch_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(
        main, ["decompose", "default", "--switch", "briberry", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and "briberry" in result.output and "bribery" in result.output


def test_every_mechanism_is_decomposable():
    """The default switches are every field of `mechanisms`, each a plain on/off."""
    from meritsim.study.decompose import switch_path

    assert all(switch_path(m) == f"mechanisms.{m}" for m in Mechanisms.model_fields)
    assert switch_path("talent.succession_first") == "talent.succession_first"
