"""Calibration from yearly snapshots: generate -> export -> import -> calibrate recovers the truth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from scipy.stats import truncnorm

import meritsim
from meritsim.cli import main
from meritsim.organisation import compile_organisation
from meritsim.snapshot.calibrate import calibrate
from meritsim.snapshot.example import example_exports
from meritsim.snapshot.importer import import_workforce
from meritsim.snapshot.mapping import Columns, ImportMapping

EXAMPLES = Path(__file__).resolve().parents[1] / "params" / "examples"


def run_calibration(policy: str, tmp: Path, years: int = 4, scale: float = 0.2):
    truth = meritsim.load_scenario(
        EXAMPLES / "truth.yaml", [f"policy.name={policy}", f"organisation.scale={scale}"]
    )
    snaps = []
    for day, table in example_exports(truth, years):
        path = tmp / f"export_{day}.csv"
        table.to_csv(path, index=False)
        mapping = ImportMapping(
            columns=Columns(assessment="Nilai Asesmen", affinity_proxy="Kedekatan"), snapshot_date=day
        )
        result = import_workforce(path, mapping, b"salt", tmp / f"agency_{day}.yaml")
        snaps.append((pd.Timestamp(day), pd.read_parquet(result.snapshot)))
    bup = {k: lv.retirement_age for k, lv in truth.organisation.levels.items()}
    return truth, calibrate(snaps, compile_organisation(truth), bup)


def within(table: pd.DataFrame, parameter: str, group: str, true: float) -> bool:
    row = table[(table.parameter == parameter) & (table.group == group)].iloc[0]
    return row.ci_low <= true <= row.ci_high


@pytest.fixture(scope="module")
def merit_run(tmp_path_factory):
    return run_calibration("merit", tmp_path_factory.mktemp("merit"))


def test_attrition_retirement_and_entry_profile_are_recovered(merit_run):
    truth, cal = merit_run
    assert within(cal.rates, "attrition_rate", "all", truth.rules.exits.attrition_rate)
    for level in ("pelaksana", "ahli_muda", "ahli_madya"):
        assert within(cal.rates, "retirement_age", level, truth.organisation.levels[level].retirement_age)
    for level in ("pelaksana", "ahli_pertama", "terampil"):
        profile = truth.organisation.levels[level].recruit
        for education, share in profile.education.items():
            assert within(cal.recruitment, f"entry_education_{education}", level, share), (level, education)
        a = profile.age
        mean = truncnorm.mean((a.min - a.mean) / a.sd, (a.max - a.mean) / a.sd, loc=a.mean, scale=a.sd)
        assert within(cal.recruitment, "entry_age", level, mean), level
    assert {"attrition_by_age", "attrition_by_golongan"} <= set(cal.rates.parameter)


def test_the_merit_coefficient_tells_merit_from_seniority(merit_run, tmp_path):
    _, merit = merit_run
    _, seniority = run_calibration("seniority", tmp_path)
    m, s = merit.merit_coefficient, seniority.merit_coefficient
    assert m["ci_low"] > 0 and s["ci_high"] < 0  # performance vs seniority: opposite signs
    terms = set(merit.promotion.term)
    assert {"appraisal_record", "assessment", "years_in_rank", "age"} <= terms


def test_command_line_import_and_calibrate_the_bundled_examples(tmp_path):
    exports = sorted(EXAMPLES.glob("export_*.csv"))
    assert len(exports) >= 3
    runner = CliRunner()
    scenarios = []
    for path in exports:
        day = path.stem.removeprefix("export_")
        out = tmp_path / f"agency_{day}.yaml"
        result = runner.invoke(
            main,
            [
                "import-workforce",
                str(path),
                "--mapping",
                str(EXAMPLES / "mapping.yaml"),
                "--snapshot-date",
                day,
                "--out",
                str(out),
                "--salt-file",
                str(tmp_path / "salt"),
            ],
        )
        assert result.exit_code == 0, result.output
        scenarios.append(str(out))
    result = runner.invoke(main, ["calibrate", *scenarios, "--out", str(tmp_path / "calibrated.yaml")])
    assert result.exit_code == 0, result.output
    calibrated = meritsim.load_scenario(tmp_path / "calibrated.yaml")
    assert 0 < calibrated.rules.exits.attrition_rate < 0.05
    assert "merit coefficient" in calibrated.description
    table = pd.read_csv(tmp_path / "calibrated.calibration.csv")
    assert {"rates", "recruitment", "promotion"} == set(table.table)
    raw = pd.concat([pd.read_csv(p, dtype=str) for p in exports])
    written = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in tmp_path.rglob("*") if p.is_file())
    assert not [v for v in np.unique(np.concatenate([raw.NIP, raw.Nama])) if v in written]


def test_one_snapshot_is_not_enough(tmp_path):
    result = CliRunner().invoke(main, ["calibrate", "default", "--out", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "snapshot" in result.output


def test_the_affinity_proxy_reveals_like_and_dislike_promotion(merit_run, tmp_path):
    """Under patronage, closeness to the appointing official predicts promotion; under merit it
    does not."""
    _, patronage = run_calibration("patronage", tmp_path)
    bent = patronage.promotion.set_index("term").loc["affinity_proxy"]
    fair = merit_run[1].promotion.set_index("term").loc["affinity_proxy"]
    assert bent.ci_low > 0 and fair.ci_low < 0 < fair.ci_high
    assert bent.coef > fair.coef + 0.5
