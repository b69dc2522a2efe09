"""Bad scenarios fail before anything runs, naming the file, the field, the value and what is allowed."""

from __future__ import annotations

import pytest

import meritsim
from meritsim import ScenarioError


def write(tmp_path, text: str, name: str = "bad.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def problems(ref, overrides=()) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        meritsim.load_scenario(ref, list(overrides))
    return [str(p) for p in info.value.problems]


def test_unknown_key_names_file_path_and_suggests(tmp_path):
    path = write(tmp_path, "extends: default\norganisation:\n  levels:\n    pengawas: {postz: 3}\n")
    [msg] = problems(path)
    assert str(path) in msg and "organisation.levels.pengawas.postz" in msg
    assert "Did you mean 'posts'?" in msg and "Allowed:" in msg


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("years: ten", "years", "valid integer"),
        ("years: 0", "years", "greater than or equal to 1"),
        (
            "organisation: {levels: {pelaksana: {posts: -5}}}",
            "levels.pelaksana.posts",
            "greater than or equal to 0",
        ),
        ("organisation: {scale: 0}", "organisation.scale", "greater than 0"),
        ("organisation: {levels: {pengawas: {min_rank: V/a}}}", "pengawas.min_rank", "'IV/e'"),
        ("organisation: {levels: {pengawas: {retirement_age: 90}}}", "retirement_age", "75"),
        ("rules: {exits: {attrition_rate: 1.5}}", "rules.exits.attrition_rate", "0.5"),
        ("rules: {appraisal: {min_predikat: Bagus}}", "min_predikat", "'Baik'"),
        ("policy: {patronage_strength: -0.1}", "policy.patronage_strength", "0"),
        ("rules: {rank_promotion: {min_years_in_rank: 0}}", "min_years_in_rank", "1"),
        ("organisation: {levels: {pelaksana: {recruit: {age: {min: 10}}}}}", "age.min", "15"),
    ],
)
def test_bad_values_are_named_with_what_is_allowed(tmp_path, text, field, expected):
    path = write(tmp_path, f"extends: default\n{text}\n")
    found = problems(path)
    assert any(field in m and expected in m and str(path) in m for m in found), found


def test_typo_in_a_code_gets_a_suggestion(tmp_path):
    path = write(tmp_path, "extends: default\nrules: {appraisal: {min_predikat: Baek}}\n")
    assert any("Did you mean 'Baik'?" in m for m in problems(path))


def test_every_problem_is_reported_at_once(tmp_path):
    path = write(tmp_path, "extends: default\nyears: -1\nseed: x\nfoo: 1\n")
    assert len(problems(path)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pengawas: {promotes_from: [pelaksan]}", "unknown level 'pelaksan'"),
        ("pelaksana: {promotes_from: [pengawas]}", "cycle"),
        ("jpt_madya: {min_rank: IV/e, promotes_from: [jpt_pratama]}", "could not be staffed"),
        ("ahli_pertama: {min_rank: III/b}", "could not be staffed"),
        ("pengawas: {min_rank: III/d, max_rank: III/b}", "below min_rank"),
        ("pelaksana: {recruit: null}", "needs a recruit profile"),
        ("pelaksana: {recruit: {education: {S1: 0.5}}}", "add up to 1"),
    ],
)
def test_structures_that_cannot_be_staffed(tmp_path, text, expected):
    path = write(tmp_path, f"extends: default\norganisation:\n  levels:\n    {text}\n")
    found = problems(path)
    assert any(expected in m and str(path) in m for m in found), found


def test_error_names_the_file_that_set_the_value(tmp_path):
    write(tmp_path, "extends: default\nyears: 500\n", "parent.yaml")
    child = write(tmp_path, "extends: parent\ndescription: child\n", "child.yaml")
    [msg] = problems(child)
    assert "parent.yaml" in msg and "years" in msg and "500" in msg


def test_override_errors_name_the_override():
    [msg] = problems("default", ["rules.exits.attrition_rate=2"])
    assert msg.startswith("--set rules.exits.attrition_rate=2:")
    [msg] = problems("default", ["policy"])
    assert "KEY=VALUE" in msg


def test_unknown_scenario_lists_bundled_ones():
    [msg] = problems("merrit")
    assert "Did you mean 'merit'?" in msg and "peter_principle/peter_best" in msg


def test_unknown_policy_lists_registered_ones():
    [msg] = problems("default", ["policy.name=senority"])
    assert "policy.name" in msg and "Did you mean 'seniority'?" in msg and "lottery" in msg


def test_yaml_syntax_error_gives_the_line(tmp_path):
    path = write(tmp_path, "extends: default\nyears: [1\nseed: 2\n")
    [msg] = problems(path)
    assert str(path) in msg and "line" in msg


def test_extends_cycle_and_missing_parent(tmp_path):
    write(tmp_path, "extends: b\n", "a.yaml")
    write(tmp_path, "extends: a\n", "b.yaml")
    assert "extends itself" in problems(tmp_path / "a.yaml")[0]
    missing = write(tmp_path, "extends: nowhere\n", "m.yaml")
    assert "extends" in problems(missing)[0]


def test_not_a_mapping(tmp_path):
    assert "mapping" in problems(write(tmp_path, "- 1\n- 2\n"))[0]


def test_all_zero_weights_are_refused(tmp_path):
    levels = "\n".join(
        f"    {k}: {{weight: 0}}" for k in meritsim.load_scenario("default").organisation.levels
    )
    path = write(tmp_path, f"extends: default\norganisation:\n  levels:\n{levels}\n")
    assert any("weight above 0" in m for m in problems(path))


def test_policy_change_after_the_end(tmp_path):
    path = write(tmp_path, "extends: default\nyears: 5\npolicy_change: {year: 9, policy: {name: merit}}\n")
    assert any("policy_change.year" in m for m in problems(path))
