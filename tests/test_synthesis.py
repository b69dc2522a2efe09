"""The starting workforce synthesised from BKN's published margins (organisation.synthesis)."""

from __future__ import annotations

import numpy as np
import pytest

import meritsim
from meritsim.model import synthesis
from meritsim.model.establishment import compile_establishment
from meritsim.model.population import initial_workforce
from meritsim.model.scenario import ScenarioError, read_scenario
from meritsim.model.scenario.domain import CEILING_BY_EDUCATION, EDUCATION_GRADE
from meritsim.model.scenario.files import resolved_dict
from meritsim.model.streams import Draws
from meritsim.model.workforce import Workforce
from meritsim.study.validation import compare_run

SMALL = ["organisation.scale=0.001"]  # about 3,800 PNS


@pytest.fixture(scope="module")
def national():
    scenario = meritsim.load_scenario("national", SMALL)
    est = compile_establishment(scenario)
    return scenario, est, initial_workforce(scenario, est, Draws(scenario.seed, 0))


def test_the_fit_matches_every_margin_within_its_tolerance(national):
    scenario, est, _ = national
    fit = synthesis.fit(scenario, est)
    total = fit.cells.weight.sum()
    assert [m.dimension for m in fit.margins] == ["age", "service", "education", "sex", "level"]
    assert fit.gap <= scenario.organisation.synthesis.tolerance
    for m in fit.margins:
        assert np.abs(m.fitted(fit.cells.weight) - m.target).max() / total <= 1e-6, m.dimension
    age = fit.margins[0]
    assert dict(zip(age.categories, np.round(100 * age.target / total, 6), strict=True)) == {
        "upto_30": 9, "31_40": 24, "41_50": 33, "51_60": 34,
    }  # fmt: skip
    sex = fit.margins[3]
    assert sex.target[0] / total == pytest.approx(0.54), "54 % women, the rest men"
    assert (fit.cells.weight >= 0).all() and fit.iterations < 100


def test_people_are_internally_consistent(national):
    scenario, est, wf = national
    counts = synthesis.headcounts(scenario, est)
    assert (np.bincount(wf.level, minlength=est.n_levels) == counts).all(), "each level exactly full"
    age, service = -wf.born, -wf.service_since
    entry_min = np.array([lv.initial.entry_age.min for lv in scenario.organisation.levels.values()])
    assert (service >= 0).all() and (service <= age - 18 + 1e-9).all()
    assert (age - service >= entry_min[wf.level] - 1e-9).all(), "entry age within the profile"
    assert (age < est.retirement_age[wf.level]).all(), "nobody past the post's BUP"
    assert (wf.rank >= est.min_rank[wf.level]).all()
    ceiling = np.where(
        est.max_rank[wf.level] >= 0, est.max_rank[wf.level], CEILING_BY_EDUCATION[wf.education]
    )
    assert (wf.rank <= ceiling).all(), "rank within the post's range, or the education ceiling"
    need = est.min_education_grade[wf.level]
    assert ((need < 0) | (EDUCATION_GRADE[wf.education] >= need)).all()
    for dates in (wf.rank_since, wf.post_since):
        assert (dates <= 0).all() and (dates >= wf.service_since - 1e-9).all()
    promoted = est.sources_count[wf.level] > 0
    assert (
        np.isnan(wf.first_post_at[~promoted]).all()
        and (wf.first_post_at[promoted] == wf.post_since[promoted]).all()
    )
    rising = est.credits_to_rise[wf.level] > 0
    assert (wf.credits[rising] <= est.credits_to_rise[wf.level][rising]).all() and (wf.credits >= 0).all()
    assert np.unique(wf.key).size == len(wf) and (wf.id == np.arange(len(wf))).all()


def test_the_same_seed_gives_the_same_workforce(national):
    scenario, est, wf = national
    again = initial_workforce(scenario, est, Draws(scenario.seed, 0))
    other = initial_workforce(scenario, est, Draws(scenario.seed, 1))
    for name in Workforce.columns():
        np.testing.assert_array_equal(getattr(again, name), getattr(wf, name), err_msg=name)
    assert not np.array_equal(other.born, wf.born)
    assert len(other) == len(wf), "another replication: other people, the same headcounts"


def test_the_national_start_is_within_the_issues_tolerances():
    table = compare_run("national", SMALL)
    shares = table[table.error_unit == "points"].set_index(["dimension", "category"])
    for dimension in ("age", "service", "education", "jabatan", "agency", "sex"):
        rows = shares.loc[dimension]
        assert rows.within.all() and (rows.error.abs() <= 3).all(), rows
    totals = table[(table.error_unit == "percent")]
    assert totals.within.all() and set(totals.dimension) == {"total", "jabatan", "agency"}
    assert shares.loc[("golongan", "III")].model > 50, "more than half are golongan III (BKN)"


def _write(tmp_path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text("extends: national\n" + text)
    return path


def test_a_bad_margin_spec_names_the_field(tmp_path):
    cases = {
        "organisation:\n  synthesis: {date: '2023-07-01'}\n": (
            "organisation.synthesis.date",
            "no figures of PNS in 'national' at 2023-07-01; dates with figures there: ",
        ),
        "organisation:\n  synthesis: {date: '30-06-2023'}\n": ("organisation.synthesis.date", "YYYY-MM-DD"),
        "organisation:\n  synthesis: {margins: [golongan]}\n": ("organisation.synthesis.margins.0", "'age'"),
        "organisation:\n  synthesis: {margins: [age, age]}\n": (
            "organisation.synthesis.margins", "each dimension once"
        ),
        "organisation:\n  synthesis: {date: '2019-06-30'}\n": (
            "organisation.synthesis.date", "no figures of PNS in 'national' at 2019-06-30 by age, service"
        ),
        "history: {years: 5}\n": ("history.years", "must be 0 with organisation.synthesis"),
    }  # fmt: skip
    for text, (path, message) in cases.items():
        with pytest.raises(ScenarioError) as caught:
            read_scenario(_write(tmp_path, text))
        problem = caught.value.problems[0]
        assert problem.path == path and message in problem.message, (text, str(caught.value))
        assert str(tmp_path / "s.yaml") in str(caught.value)


def test_margins_that_cannot_hold_give_a_clear_error(tmp_path):
    young = "".join(
        f"    {key}:\n      initial: {{age: {{mean: 30, sd: 5, min: 22, max: 45}}}}\n"
        for key in read_scenario("national").organisation.levels
    )
    scenario = meritsim.load_scenario(_write(tmp_path, "organisation:\n  levels:\n" + young), SMALL)
    with pytest.raises(synthesis.SynthesisError, match="can be in age 51_60, which the published figures"):
        synthesis.fit(scenario, compile_establishment(scenario))
    stubborn = meritsim.load_scenario("national", [*SMALL, "organisation.synthesis.max_iterations=1"])
    with pytest.raises(synthesis.SynthesisError, match=r"did not converge in 1 rounds \(largest gap .* at "):
        synthesis.fit(stubborn, compile_establishment(stubborn))


def test_unset_new_fields_keep_other_scenarios_as_they_were():
    data = resolved_dict(meritsim.load_scenario("default"))
    assert "synthesis" not in data["organisation"]
    assert not any("agency" in level for level in data["organisation"]["levels"].values())
    national = resolved_dict(meritsim.load_scenario("national"))
    assert national["organisation"]["synthesis"]["date"] == "2023-06-30"
