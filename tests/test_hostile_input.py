"""Hostile or careless input gets a short, clear error: bounded YAML, scenarios only from YAML
files, short messages, report parameters of any type."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import meritsim
from meritsim.cli import main
from meritsim.model.scenario.yaml_io import YamlLimitError, load_yaml


def bomb(depth: int = 9) -> str:
    """A 'billion laughs' document: each alias list holds 9 of the previous one."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


def flow_bomb(depth: int = 9) -> str:
    """The same bomb on one line, as a --set value."""
    parts = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    parts += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, depth)]
    return "[" + ", ".join(parts) + "]"


def many_aliases(n: int = 1500) -> str:
    return "x: &x 1\nys: [" + ", ".join(["*x"] * n) + "]\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [(bomb(), "expands past 1 MB"), (many_aliases(), "more than 1000 aliases"), ("x" * 1_100_000, "larger")],
)
def test_yaml_work_is_bounded(text, expected):
    with pytest.raises(YamlLimitError, match=expected):
        load_yaml(text, "test")


def test_modest_aliases_are_fine():
    assert load_yaml("a: &a [1, 2]\nb: *a\n") == {"a": [1, 2], "b": [1, 2]}


@pytest.fixture
def bombs(tmp_path) -> Path:
    (tmp_path / "scenario.yaml").write_text("extends: default\n" + bomb())
    (tmp_path / "mapping.yaml").write_text(bomb())
    (tmp_path / "sweep.yaml").write_text("base: default\n" + bomb())
    (tmp_path / "batch.yaml").write_text("notebooks: [scenario_explorer]\n" + bomb())
    (tmp_path / "export.csv").write_text("NIP\n1\n")
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ["run", "{d}/scenario.yaml"],
        ["validate", "{d}/scenario.yaml"],
        ["validate", "default", "--set", "description=" + flow_bomb()],
        ["import-workforce", "{d}/export.csv", "--mapping", "{d}/mapping.yaml", "--out", "{d}/o/a.yaml"],
        ["sweep", "{d}/sweep.yaml"],
        ["batch", "{d}/batch.yaml"],
    ],
)
def test_alias_bombs_are_refused_everywhere(bombs, command):
    args = [a.replace("{d}", str(bombs)) for a in command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "refused" in result.output or "YAML" in result.output
    assert "Traceback" not in result.output and len(result.output) < 2000


def test_extends_only_reaches_yaml_files_and_never_echoes_them(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {secret}\n")
    with pytest.raises(meritsim.ScenarioError) as info:
        meritsim.load_scenario(child)
    assert "not a scenario" in str(info.value) and "hunter2" not in str(info.value)
    listing = tmp_path / "list.yaml"
    listing.write_text("- password: hunter2\n")
    with pytest.raises(meritsim.ScenarioError) as info:
        meritsim.load_scenario(listing)
    assert "must be a YAML mapping" in str(info.value) and "hunter2" not in str(info.value)
    result = CliRunner().invoke(main, ["show", "/etc/passwd"])
    assert result.exit_code == 2 and "root:" not in result.output


def test_a_long_value_is_shortened_in_messages(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text("extends: default\nyears: " + "x" * 5000 + "\n")
    with pytest.raises(meritsim.ScenarioError) as info:
        meritsim.load_scenario(path)
    assert len(str(info.value)) < 1000 and "(5002 characters)" in str(info.value)


def test_a_date_in_a_scenario_or_mapping_is_text(tmp_path):
    (tmp_path / "s.yaml").write_text("extends: default\ndescription: 2024-12-31\n")
    assert meritsim.load_scenario(tmp_path / "s.yaml").description == "2024-12-31"


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("years", "2024-01-01"), "parameter 'years' must be int"),
        (("overrides", "[a #b]"), "reads as the start of a comment"),
        (("overrides", "[x: &a [1], *a"), "must be list"),
        (("years", "[" * 5000), "must be int"),
    ],
)
def test_report_parameters_of_any_kind_are_clear_errors(tmp_path, pair, expected):
    result = CliRunner().invoke(main, ["report", "scenario_explorer", "-p", *pair, "--out", str(tmp_path)])
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output and len(result.output) < 1500


def test_a_text_parameter_keeps_its_hash(tmp_path):
    """`-p scenario "my #2.yaml"` names that file; YAML would have cut it at the ' #'."""
    result = CliRunner().invoke(main, ["report", "scenario_explorer", "-p", "scenario", "my #2",
                                       "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2 and "my #2" in result.output


def test_a_full_disk_names_the_folder_and_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno

    import pyarrow.parquet as pq

    real = pq.write_table

    def full(table, where, *args, **kwargs):
        if isinstance(where, str | Path) and "chunks" not in str(where):  # only the final tables fail
            real(table, where, *args, **kwargs)
            with open(where, "ab") as f:
                f.truncate(10)
            raise OSError(errno.ENOSPC, "No space left on device", str(where))
        return real(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", full)
    out = tmp_path / "run"
    result = CliRunner().invoke(main, ["run", "default", "--set", "organisation.scale=0.02", "--years", "1",
                                       "--jobs", "1", "--quiet", "--out", str(out)])  # fmt: skip
    assert result.exit_code == 2 and "the disk is full" in result.output and str(out) in result.output
    assert "Traceback" not in result.output
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name or p.name == "yearly.parquet"]


@pytest.mark.parametrize("command", ["run", "report", "calibrate"])
def test_an_out_folder_that_cannot_be_made_is_a_clear_error(tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    args = {
        "run": ["run", "default", "--years", "1", "--out", str(blocker / "x")],
        "report": ["report", "scenario_explorer", "--out", str(blocker / "x")],
        "calibrate": ["calibrate", "default", "merit", "--out", str(blocker / "x" / "c.yaml")],
    }[command]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
