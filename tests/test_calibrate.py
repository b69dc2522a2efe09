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
from meritsim.data.calibrate import calibrate
from meritsim.data.example import example_exports
from meritsim.data.importer import import_workforce
from meritsim.data.mapping import Columns, ImportMapping
from meritsim.model.establishment import compile_establishment
from personnel import SALT, SALT_HEX

EXAMPLES = Path(__file__).resolve().parents[1] / "params" / "examples"


def run_calibration(policy: str, tmp: Path, years: int = 4, scale: float = 0.2, every: int = 1):
    """Generate yearly exports of the truth, keep every ``every``-th, import and calibrate."""
    truth = meritsim.load_scenario(
        EXAMPLES / "truth.yaml", [f"policy.name={policy}", f"organisation.scale={scale}"]
    )
    snaps = []
    tmp.mkdir(parents=True, exist_ok=True)
    for day, table in example_exports(truth, years)[::every]:
        path = tmp / f"export_{day}.csv"
        table.to_csv(path, index=False)
        mapping = ImportMapping(
            columns=Columns(assessment="Nilai Asesmen", affinity_proxy="Kedekatan"), snapshot_date=day
        )
        result = import_workforce(path, mapping, SALT, tmp / f"agency_{day}.yaml")
        snaps.append((pd.Timestamp(day), pd.read_parquet(result.snapshot)))
    bup = {k: lv.retirement_age for k, lv in truth.organisation.levels.items()}
    return truth, calibrate(snaps, compile_establishment(truth), bup)


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
    assert m["ci_low"] > 0 and m["ci_low"] > s["ci_high"]  # performance weighs far more under merit
    in_rank = seniority.promotion.set_index("term").loc["years_in_rank"]
    assert in_rank.ci_low > 0  # under seniority, time in rank predicts a structural promotion
    terms = set(merit.promotion.term)
    assert {"appraisal_record", "assessment", "years_in_rank", "age"} <= terms


def import_examples(folder: Path, salt: Path | None = None) -> list[str]:
    """Import the bundled example exports with the command line; returns the scenario files."""
    if salt is None:
        salt = folder.parent / f"{folder.name}-salt"
        salt.write_text(SALT_HEX)
        salt.chmod(0o600)
    scenarios = []
    for path in sorted(EXAMPLES.glob("export_*.csv")):
        day = path.stem.removeprefix("export_")
        out = folder / f"agency_{day}.yaml"
        args = ["import-workforce", str(path), "--mapping", str(EXAMPLES / "mapping.yaml"),
                "--snapshot-date", day, "--out", str(out), "--salt-file", str(salt)]  # fmt: skip
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        scenarios.append(str(out))
    return scenarios


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> list[str]:
    return import_examples(tmp_path_factory.mktemp("examples"))


def test_command_line_import_and_calibrate_the_bundled_examples(examples, tmp_path):
    exports = sorted(EXAMPLES.glob("export_*.csv"))
    assert len(exports) >= 3
    runner = CliRunner()
    scenarios = examples
    result = runner.invoke(main, ["calibrate", *scenarios, "--out", str(tmp_path / "calibrated.yaml")])
    assert result.exit_code == 0, result.output
    calibrated = meritsim.load_scenario(tmp_path / "calibrated.yaml")
    assert 0 < calibrated.rules.exits.attrition_rate < 0.05
    assert "merit coefficient" in calibrated.description
    table = pd.read_csv(tmp_path / "calibrated.calibration.csv")
    assert {"rates", "recruitment", "promotion"} == set(table.table)
    raw = pd.concat([pd.read_csv(p, dtype=str) for p in exports])
    folders = [tmp_path, Path(scenarios[0]).parent]
    written = "\n".join(
        p.read_bytes().decode("utf-8", "replace") for f in folders for p in f.rglob("*") if p.is_file()
    )
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
    assert bent.ci_low > 0 and abs(fair.coef) < 0.25  # a 5 % test would fail by chance 1 time in 20
    assert bent.coef > fair.coef + 0.5


def test_snapshots_are_ordered_by_date_not_by_argument(examples, tmp_path):
    runner = CliRunner()
    ordered = runner.invoke(main, ["calibrate", *examples, "--out", str(tmp_path / "a.yaml")])
    shuffled = [examples[2], examples[0], examples[3], examples[1]]
    result = runner.invoke(main, ["calibrate", *shuffled, "--out", str(tmp_path / "b.yaml")])
    assert ordered.exit_code == result.exit_code == 0, result.output
    a, b = (pd.read_csv(tmp_path / f"{x}.calibration.csv") for x in "ab")
    pd.testing.assert_frame_equal(a, b)
    assert meritsim.load_scenario(tmp_path / "b.yaml").workforce.snapshot_date == "2024-12-31"


def test_duplicate_dates_and_an_out_equal_to_an_input_are_refused(examples, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["calibrate", examples[0], examples[0], "--out", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2 and "several snapshots have the date 2021-12-31" in result.output
    result = runner.invoke(main, ["calibrate", *examples, "--out", examples[1]])
    assert result.exit_code == 2 and "would overwrite an input" in result.output
    assert meritsim.load_scenario(examples[1]).workforce is not None  # untouched


def test_snapshots_pseudonymised_with_different_salts_are_refused(examples, tmp_path):
    other = tmp_path / "other-salt"
    other.write_text("a7" * 32)
    other.chmod(0o600)
    foreign = import_examples(tmp_path / "foreign", salt=other)
    result = CliRunner().invoke(
        main, ["calibrate", examples[0], foreign[1], "--out", str(tmp_path / "c.yaml")]
    )
    assert result.exit_code == 2 and "different salts" in result.output
    assert "Traceback" not in result.output


def test_rates_are_per_year_over_the_true_gap(tmp_path):
    """Snapshots two years apart estimate the same yearly attrition and hires as yearly ones."""
    truth, yearly = run_calibration("merit", tmp_path / "y", years=4)
    _, biennial = run_calibration("merit", tmp_path / "b", years=4, every=2)
    assert within(biennial.rates, "attrition_rate", "all", truth.rules.exits.attrition_rate)
    hires = [
        c.recruitment.set_index("parameter").loc["hires_per_year", "estimate"] for c in (yearly, biennial)
    ]
    assert abs(hires[1] - hires[0]) < 0.15 * hires[0]


def test_the_bundled_exports_are_what_the_engine_makes_of_the_truth(tmp_path):
    """params/examples/export_*.csv are today's engine's run of truth.yaml, so the calibration
    notebook checks its estimates against the parameters that really made the data."""
    from meritsim.data.example import write_examples

    (tmp_path / "truth.yaml").write_text(
        (EXAMPLES / "truth.yaml").read_text().replace("extends: ../default.yaml", "extends: default")
    )
    write_examples(str(tmp_path))
    made = sorted(p.name for p in tmp_path.glob("export_*.csv"))
    assert made == sorted(p.name for p in EXAMPLES.glob("export_*.csv"))
    for name in made:
        stale = (tmp_path / name).read_text() != (EXAMPLES / name).read_text()
        assert not stale, f"{name} is stale: run `python -m meritsim.data.example params/examples`"
