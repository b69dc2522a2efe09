"""Scenario files: bundled set, extends, overrides, the default province's profile."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from pydantic import BaseModel

import meritsim
from meritsim.model.establishment import compile_establishment
from meritsim.model.population import initial_workforce
from meritsim.model.scenario import bundled_names, scenario_hash, to_yaml
from meritsim.model.scenario.domain import RANKS, golongan
from meritsim.model.scenario.files import resolved_dict
from meritsim.model.scenario.schema import Scenario
from meritsim.model.streams import Draws

POLICY_SCENARIOS = ["merit", "seniority", "patronage", "lottery", "hybrid"]
PETER = [f"peter_principle/{h}_{s}" for h in ("peter", "common_sense")
         for s in ("best", "worst", "random", "alternate")]  # fmt: skip


def test_bundled_scenarios_are_all_there_and_valid():
    names = bundled_names()
    for name in ["default", "national", *POLICY_SCENARIOS, *PETER]:
        assert name in names
    for name in names:
        assert meritsim.load_scenario(name).name == name


@pytest.mark.parametrize("name", POLICY_SCENARIOS)
def test_policy_scenarios_change_only_the_policy(name):
    base = resolved_dict(meritsim.load_scenario("default"))
    other = resolved_dict(meritsim.load_scenario(name))
    assert other["policy"]["name"] == name
    for key in ("name", "description", "policy"):
        base.pop(key), other.pop(key)
    assert other == base


def start(scenario):
    org = compile_establishment(scenario)
    return org, initial_workforce(scenario, org, Draws(scenario.seed, 0))


def test_default_province_profile_follows_domain():
    """About 10,000 PNS; mostly golongan III; post mix close to the national shares."""
    scenario = meritsim.load_scenario("default")
    org, wf = start(scenario)
    assert 9_000 <= len(wf) <= 10_500
    gol = np.array([golongan(RANKS[r]) for r in wf.rank])
    assert (gol == "III").mean() > 0.5
    share = {k: (wf.level == i).mean() for i, k in enumerate(org.keys)}
    structural = sum(share[k] for k in ("pengawas", "administrator", "jpt_pratama", "jpt_madya"))
    functional = sum(v for k, v in share.items() if org.tracks[org.keys.index(k)] == "functional")
    assert 0.30 < share["pelaksana"] < 0.40
    assert 0.50 < functional < 0.62
    assert 0.06 < structural < 0.12
    assert 0.48 < wf.female.mean() < 0.60
    age = -wf.born
    assert 0.25 < (age > 50).mean() < 0.45 and (age <= 30).mean() < 0.2
    for i, key in enumerate(org.keys):  # everyone within their level's rank range
        ranks = wf.rank[wf.level == i]
        assert (ranks >= org.min_rank[i]).all(), key
        if org.max_rank[i] >= 0:
            assert (ranks <= org.max_rank[i]).all(), key


def test_national_is_the_whole_pns():
    org = compile_establishment(meritsim.load_scenario("national"))
    assert 3_600_000 < org.posts.sum() < 4_000_000


def test_peter_principle_scenarios_are_pluchino_2010_exactly():
    for name in PETER:
        s = meritsim.load_scenario(name)
        levels = list(s.organisation.levels.values())
        assert [lv.posts for lv in levels] == [81, 41, 21, 11, 5, 1]
        assert [lv.weight for lv in levels] == [0.2, 0.4, 0.6, 0.8, 0.9, 1.0]
        assert all(lv.retirement_age == 60 for lv in levels)
        c, age = s.traits.competence, levels[0].recruit.age
        assert (c.mean, c.sd, c.min, c.max) == (7, 2, 1, 10)
        assert (age.mean, age.sd, age.min, age.max) == (25, 5, 18, 60)
        assert s.rules.exits.min_competence == 4 and s.rules.exits.attrition_rate == 0
        assert s.rules.exits.check_months == s.rules.staffing.months == [12]
        assert s.rules.appraisal.min_predikat is None and not s.rules.rank_promotion.enabled
        hypothesis, strategy = name.split("/")[1].rsplit("_", 1)
        assert s.policy.name == strategy
        assert s.rules.carryover.redraw_share == (1.0 if hypothesis == "peter" else 0.0)
        assert (s.rules.carryover.change_min, s.rules.carryover.change_max) == (-1, 1)


def test_extends_overrides_only_what_differs(tmp_path):
    child = tmp_path / "banten.yaml"
    child.write_text(
        "extends: default\n"
        "organisation:\n  levels:\n    pelaksana: {posts: 4000}\n    ahli_utama: null\n"
        "    jpt_madya: {selection_months: 8, promotes_from: [jpt_pratama]}\n"
    )
    s = meritsim.load_scenario(child)
    base = meritsim.load_scenario("default")
    assert s.name == "banten"
    assert s.organisation.levels["pelaksana"].posts == 4000
    assert s.organisation.levels["pelaksana"].weight == base.organisation.levels["pelaksana"].weight
    assert "ahli_utama" not in s.organisation.levels
    assert s.organisation.levels["jpt_madya"].selection_months == 8
    grandchild = tmp_path / "g.yaml"
    grandchild.write_text("extends: banten\npolicy: {name: lottery}\n")
    g = meritsim.load_scenario(grandchild)
    assert g.organisation.levels["pelaksana"].posts == 4000 and g.policy.name == "lottery"


def test_null_unsets_a_field_that_may_be_unset_and_otherwise_removes_the_key(tmp_path):
    """``null`` means the same in a file, in a child that extends a parent and on the command
    line: "unset" for a field documented with one (no requirement, no dismissal), else the key is
    gone (a field back at its default; a level dropped: see the test above)."""
    base = meritsim.load_scenario("default")
    assert base.rules.appraisal.min_predikat == "Baik"
    assert base.rules.exits.dismissal_predikat == "Sangat Kurang"
    by_set = meritsim.load_scenario(
        "default", ["rules.appraisal.min_predikat=null", "rules.exits.attrition_rate=null"]
    )
    assert by_set.rules.appraisal.min_predikat is None
    assert by_set.rules.exits.attrition_rate == base.rules.exits.attrition_rate  # cannot be unset
    child = tmp_path / "child.yaml"
    child.write_text("extends: default\nrules: {exits: {dismissal_predikat: null, attrition_rate: null}}\n")
    s = meritsim.load_scenario(child)
    assert s.rules.exits.dismissal_predikat is None
    assert s.rules.exits.attrition_rate == base.rules.exits.attrition_rate
    again = tmp_path / "again.yaml"  # a later file can set it once more
    again.write_text("extends: child\nrules: {exits: {dismissal_predikat: Kurang}}\n")
    assert meritsim.load_scenario(again).rules.exits.dismissal_predikat == "Kurang"
    truth = meritsim.load_scenario("params/examples/truth.yaml")  # "no dismissal", as it says
    assert truth.rules.exits.dismissal_predikat is None


def test_unset_record_requirement_changes_who_may_be_promoted():
    """The unset requirement reaches the engine: a poor appraisal no longer bars promotion."""
    scenarios = [meritsim.load_scenario("default", o) for o in ([], ["rules.appraisal.min_predikat=null"])]
    (strict, lax) = (compile_establishment(s) for s in scenarios)
    wf = initial_workforce(scenarios[0], strict, Draws(scenarios[0].seed, 0))
    rows = np.arange(100)
    wf.skp[rows[:50], 0] = 0  # Sangat Kurang last year
    assert not strict.record_ok(wf, rows)[:50].any()
    assert lax.record_ok(wf, rows).all()


def test_dotted_overrides_are_typed():
    s = meritsim.load_scenario(
        "default",
        ["policy.name=seniority", "years=12", "rules.exits.attrition_rate=0.01",
         "rules.staffing.months=[6, 12]", "organisation.levels.pengawas.max_age=50"],
    )  # fmt: skip
    assert s.policy.name == "seniority" and s.years == 12
    assert s.rules.exits.attrition_rate == 0.01 and s.rules.staffing.months == [6, 12]
    assert s.organisation.levels["pengawas"].max_age == 50


def test_resolved_yaml_round_trips(tmp_path):
    s = meritsim.load_scenario("patronage", ["policy.patronage_strength=0.8"])
    path = tmp_path / "resolved.yaml"
    path.write_text(to_yaml(s))
    again = meritsim.load_scenario(path)
    assert scenario_hash(again) == scenario_hash(s)
    assert yaml.safe_load(to_yaml(s))["policy"]["patronage_strength"] == 0.8


def _models(model: type[BaseModel], seen: set) -> list[type[BaseModel]]:
    found = [model]
    seen.add(model)
    for field in model.model_fields.values():
        for sub in _submodels(field.annotation):
            if sub not in seen:
                found += _models(sub, seen)
    return found


def _submodels(tp) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for a in getattr(tp, "__args__", ()) for m in _submodels(a)]


def test_every_field_is_documented():
    for model in _models(Scenario, set()):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
