"""`meritsim run|validate|show|scenarios|policies|schema` end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from meritsim.cli import main

SMALL = ["--set", "organisation.scale=0.05", "--years", "3", "--quiet"]
YEARLY = ["scenario", "policy", "replication", "year", "level", "level_rank", "headcount",
          "posts", "vacancies", "promotions_in", "promotions_out", "exits", "hires",
          "mean_competence"]  # fmt: skip
ORG = ["scenario", "policy", "replication", "year", "effectiveness", "headcount", "promotions",
       "exits", "hires"]  # fmt: skip


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    result = invoke("run", "seniority", *SMALL, "--replications", "2", "--seed", "7", "--out", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def test_run_writes_tables_and_manifest(run_dir):
    out, text = run_dir
    yearly = pd.read_parquet(out / "yearly.parquet")
    org = pd.read_parquet(out / "org.parquet")
    summary = pd.read_csv(out / "summary.csv")
    manifest = json.loads((out / "manifest.json").read_text())
    assert set(YEARLY) <= set(yearly.columns) and set(ORG) <= set(org.columns)
    assert sorted(yearly.year.unique()) == [0, 1, 2, 3]
    assert len(yearly) == 2 * 4 * yearly.level.nunique()
    assert len(org) == 2 * 4 and len(summary) == 2
    assert yearly[yearly.year == 0].promotions_in.sum() > 0  # year 0: the spin-up's last year
    assert set(yearly.policy) == {"seniority"} and set(summary.seed) == {7}
    assert manifest["seed"] == 7 and manifest["replications"] == 2 and manifest["years"] == 3
    assert manifest["parameters"]["policy"]["name"] == "seniority"
    assert manifest["parameters"]["organisation"]["scale"] == 0.05
    assert len(manifest["parameters_hash"]) == 64 and manifest["meritsim_version"]
    assert "git_revision" in manifest and len(manifest["timings"]["replication_seconds"]) == 2
    meta = json.loads(pq.read_schema(out / "yearly.parquet").metadata[b"meritsim"])
    assert meta["parameters_hash"] == manifest["parameters_hash"] and meta["seed"] == 7
    assert "Effectiveness at the end (%)" in text and str(out) in text


def test_parallel_run_is_identical(run_dir, tmp_path):
    out, _ = run_dir
    result = invoke("run", "seniority", *SMALL, "--replications", "2", "--seed", "7",
                    "--jobs", "2", "--out", str(tmp_path))  # fmt: skip
    assert result.exit_code == 0, result.output
    for name in ("yearly.parquet", "org.parquet"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), pd.read_parquet(tmp_path / name))
    a, b = pd.read_csv(out / "summary.csv"), pd.read_csv(tmp_path / "summary.csv")
    pd.testing.assert_frame_equal(a, b)


def test_validate_ok_and_bad(tmp_path):
    ok = invoke("validate", "default")
    assert ok.exit_code == 0 and ok.output.startswith("OK: default")
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: default\nyears: 0\norganisation: {levels: {pengawas: {postz: 1}}}\n")
    result = invoke("validate", str(bad))
    assert result.exit_code == 2
    assert "years" in result.output and "Did you mean 'posts'?" in result.output


def test_show_prints_the_resolved_scenario():
    result = invoke("show", "lottery", "--set", "years=9")
    assert result.exit_code == 0
    assert "name: lottery" in result.output and "years: 9" in result.output
    assert "retirement_age: 58" in result.output  # defaults and inherited values spelled out


def test_listings():
    assert "peter_principle/common_sense_alternate" in invoke("scenarios").output
    policies = invoke("policies").output
    for name in ("merit", "seniority", "patronage", "lottery", "hybrid", "best", "worst",
                 "random", "alternate"):  # fmt: skip
        assert name in policies
    assert json.loads(invoke("schema").output)["title"] == "Scenario"


def test_outputs_record_the_version_of_the_source_tree(tmp_path, monkeypatch):
    """An editable install keeps the version it was installed with: manifests, reports and
    `--version` give the source tree's (its pyproject.toml), else the installed package's."""
    import tomllib
    from importlib.metadata import version

    from meritsim.study import version as running

    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert running.meritsim_version() == tomllib.loads(pyproject.read_text())["project"]["version"]
    assert running.meritsim_version() in invoke("--version").output
    moved_on = tmp_path / "pyproject.toml"
    moved_on.write_text('[project]\nname = "meritsim"\nversion = "9.9.9"\n')
    monkeypatch.setattr(running, "SOURCE_PYPROJECT", moved_on)
    assert running.meritsim_version() == "9.9.9"
    moved_on.write_text('[project]\nname = "another"\nversion = "1.0"\n')
    assert running.meritsim_version() == version("meritsim")
    monkeypatch.setattr(running, "SOURCE_PYPROJECT", tmp_path / "absent.toml")
    assert running.meritsim_version() == version("meritsim")


def test_the_group_lists_each_command_as_the_command_itself_would():
    """`meritsim --help` lists the commands from the group's table, without importing them: the
    table names each command's module and the first paragraph of its help."""
    import click

    from meritsim.cli.group import COMMANDS

    commands = main.all_commands()
    assert set(commands) == set(COMMANDS)
    for name, command in commands.items():
        module, summary = COMMANDS[name]
        assert command.callback.__module__ == module, name
        for limit in (30, 45, 80, 400):
            listed = click.Command(name, help=summary).get_short_help_str(limit)
            assert listed == command.get_short_help_str(limit), name
    listing = invoke("--help").output
    assert all(name in listing for name in COMMANDS) and "Run SCENARIO" in listing


def test_installed_command_reports_errors_without_traceback(tmp_path):
    exe = shutil.which("meritsim") or str(Path(sys.executable).parent / "meritsim")
    result = subprocess.run([exe, "run", "no_such_scenario"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Bundled scenarios: " in result.stderr


def test_unwritable_output_folder_fails_before_running(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = CliRunner().invoke(main, ["run", *SMALL, "--out", str(blocked / "out")])
    assert result.exit_code == 2 and "cannot create the output folder" in result.output


def test_compare_writes_comparison_and_prints_it(tmp_path):
    result = invoke(
        "compare",
        "merit",
        "lottery",
        "--set",
        "organisation.scale=0.05",
        "--years",
        "4",
        "--replications",
        "3",
        "--jobs",
        "1",
        "--warmup",
        "1",
        "--out",
        str(tmp_path),
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    comparison = pd.read_csv(tmp_path / "comparison.csv")
    assert {
        "outcome",
        "scenario",
        "mean",
        "ci_low",
        "ci_high",
        "diff",
        "diff_ci_low",
        "diff_ci_high",
        "p_value",
        "cohen_dz",
    } <= set(comparison.columns)
    assert set(pd.read_parquet(tmp_path / "org.parquet").scenario) == {"merit", "lottery"}
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["scenarios"] == ["merit", "lottery"] and manifest["warmup"] == 1
    assert "vs merit" in result.output


def test_compare_rejects_an_unknown_baseline():
    result = invoke("compare", "merit", "lottery", "--baseline", "seniority")
    assert result.exit_code == 2 and "baseline 'seniority' is not one of" in result.output


def test_failed_replications_are_named_and_exit_non_zero(tmp_path, monkeypatch):
    from meritsim.study import tasks

    real = tasks.simulate_replication

    def flaky(scenario, replication, **kw):
        if scenario.name == "lottery" and replication == 1:
            raise RuntimeError("boom")
        return real(scenario, replication, **kw)

    monkeypatch.setattr(tasks, "simulate_replication", flaky)
    result = CliRunner().invoke(
        main,
        [
            "compare",
            "merit",
            "lottery",
            "--set",
            "organisation.scale=0.05",
            "--years",
            "2",
            "--replications",
            "3",
            "--jobs",
            "1",
            "--quiet",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 1
    assert "lottery replication 1 (seed" in result.output and "RuntimeError: boom" in result.output
    assert (tmp_path / "failures.json").exists() and (tmp_path / "chunks").is_dir()


def test_sweep_command_and_bad_spec(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "name: s\nbase: merit\nset: [organisation.scale=0.05]\nyears: 2\nreplications: 2\n"
        "levers: {policy.merit_weights.competence: {min: 0.1, max: 1}}\n"
        "design: {method: factorial, levels: 2}\n"
    )
    result = invoke("sweep", str(spec), "--jobs", "1", "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    for name in ("points.csv", "outcomes.csv", "regression.csv", "yearly.parquet", "manifest.json"):
        assert (tmp_path / "out" / name).exists(), name
    spec.write_text("base: merit\nlevers: {policy.merit_weight.competence: {min: 0, max: 1}}\n")
    bad = invoke("sweep", str(spec), "--out", str(tmp_path / "bad"))
    assert bad.exit_code == 2 and "Did you mean 'merit_weights'?" in bad.output
    assert not (tmp_path / "bad").exists()
