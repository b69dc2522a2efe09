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


def _refused(tmp_path, text: str) -> ScenarioError:
    """The error of reading ``national`` extended by ``text``."""
    with pytest.raises(ScenarioError) as caught:
        read_scenario(_write(tmp_path, text))
    return caught.value


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
        error = _refused(tmp_path, text)
        problem = error.problems[0]
        assert problem.path == path and message in problem.message, (text, str(error))
        assert str(tmp_path / "s.yaml") in str(error)


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


def test_a_backcast_start_meets_the_later_margins_with_its_survivors():
    """validation/national_2019: the margins of 30 Jun 2023 hold for the start's people four
    years older, those who retire before then aside at the seed's weight."""
    scenario = meritsim.load_scenario("validation/national_2019", SMALL)
    spec = scenario.organisation.synthesis
    assert spec.margins_date == "2023-06-30" and spec.shift_years == pytest.approx(4.0, abs=0.01)
    est = compile_establishment(scenario)
    counts = synthesis.headcounts(scenario, est)
    seed = synthesis.seed(scenario, est, counts)
    gone = synthesis.leaving(scenario, seed, spec.shift_years)
    fit = synthesis.fit(scenario, est)
    w, total = fit.cells.weight, fit.cells.weight.sum()
    age = fit.margins[0]
    assert age.categories[-1] == "retire_before"
    assert w[gone].sum() == pytest.approx(seed.weight[gone].sum(), abs=1e-5 * total), "the seed's weight"
    assert 0.05 < w[gone].sum() / total < 0.15
    survivors = age.fitted(w)[:-1] / w[~gone].sum()
    assert np.round(100 * survivors, 3).tolist() == [9, 24, 33, 34], "2023's age bands, four years on"
    service = fit.margins[1]
    assert np.round(100 * service.fitted(w)[:-1] / w[~gone].sum(), 3).tolist() == [32, 52, 15, 1]
    assert (fit.cells.age[gone] >= 50).all(), "only people near their retirement age leave before 2023"
    assert abs(counts.sum() - 4_286_918 * 0.001) < 20, "posts: the PNS of 30 Jun 2019"


def test_without_a_backcast_the_start_takes_the_later_shares_as_they_are():
    unaged = [*SMALL, "organisation.synthesis.backcast=false"]
    scenario = meritsim.load_scenario("validation/national_2019", unaged)
    assert scenario.organisation.synthesis.shift_years == 0
    fit = synthesis.fit(scenario, compile_establishment(scenario))
    age = fit.margins[0]
    assert age.categories == ("upto_30", "31_40", "41_50", "51_60")
    shares = 100 * age.fitted(fit.cells.weight) / fit.cells.weight.sum()
    assert np.round(shares, 3).tolist() == [9, 24, 33, 34]


def test_shares_from_needs_a_date_with_margins_and_a_backcast_goes_forward(tmp_path):
    cases = {
        "organisation:\n  synthesis: {date: '2019-06-30', shares_from: '2022-12-31'}\n": (
            "organisation.synthesis.shares_from", "no figures of PNS in 'national' at 2022-12-31 by age"
        ),
        "organisation:\n  synthesis: {date: '2019-06-30', shares_from: '2023-02-30'}\n": (
            "organisation.synthesis.shares_from", "YYYY-MM-DD"
        ),
        "organisation:\n  synthesis: {date: '2024-07-01', shares_from: '2023-06-30'}\n": (
            "organisation.synthesis.shares_from", "is before date (2024-07-01): a backcast ages the start"
        ),
    }  # fmt: skip
    for text, (path, message) in cases.items():
        error = _refused(tmp_path, text)
        problem = error.problems[0]
        assert problem.path == path and message in problem.message, (text, str(error))
    earlier = "organisation:\n  synthesis: {date: '2024-07-01', shares_from: '2023-06-30', backcast: false}\n"
    assert read_scenario(_write(tmp_path, earlier)).organisation.synthesis.shift_years == 0
