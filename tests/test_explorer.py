"""The scenario explorer: settings -> overrides, a run that equals ``compare``, and the widgets
(built from the bundled scenarios and the policy registry, labelled in Indonesian) that rerun and
redraw when a lever changes."""

from __future__ import annotations

import pandas as pd
import pytest

from meritsim.study.compare import compare
from meritsim.study.options import RunOptions
from meritsim.workbench import explorer as ex
from meritsim.workbench.checks import ParameterError

TINY = ex.Settings(policies=("merit", "lottery"), scale=0.02, years=2, replications=2)


def test_numbers_read_as_in_indonesia():
    assert ex.number(1234.5, 1) == "1.234,5"
    assert ex.number(-0.25, 2, sign=True) == "−0,25"
    assert ex.number(0.5, 1, sign=True) == "+0,5"
    assert ex.number(1234.5, 1, "en") == "1,234.5"
    assert ex.number(-0.01, 1, sign=True) == ex.number(0.0, 1, sign=True) == "0,0"


def test_settings_become_overrides():
    s = ex.Settings(scenario="provinces/jawa_barat", scale=0.1, overrides=("years=5",))
    assert s.all_overrides() == ["years=5", "organisation.scale=0.35"]  # 0.1 of Jawa Barat's 3.5
    s = s.with_lever("kkn_enforcement", 0.9).with_lever("training_budget", 500)
    assert s.all_overrides()[-2:] == ["kkn.enforcement=0.9", "training.budget_million_rp=500.0"]
    [merit, *_] = s.scenarios()
    assert merit.name == "merit" and merit.kkn.enforcement == 0.9 and merit.training.budget_million_rp == 500
    with pytest.raises(ValueError, match="unknown lever"):
        s.with_lever("enforcement", 1)


def test_levers_are_real_scenario_paths():
    base = ex.Settings(scenario="provinces/sulawesi_tengah").base()
    assert {lever.key: lever.value(base) for lever in ex.LEVERS} == {
        "kkn_enforcement": base.kkn.enforcement,
        "assessment_error_sd": 1.4,
        "training_budget": base.training.budget_million_rp,
    }
    assert 1.37 in ex.LEVERS[1].grid(1.37)  # the scenario's own value stays selectable


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"scale": 0}, "parameter scale = 0 is not allowed"),
        ({"years": 0}, "parameter years = 0"),
        ({"policies": ["meirt"]}, "Did you mean 'merit'?"),
        ({"overrides": ["kkn.enforce=1"]}, "Did you mean 'enforcement'?"),
    ],
)
def test_notebook_parameters_are_checked_before_running(given, expected):
    params = dict(scenario="default", policies=["merit"], scale=0.05, overrides=[], years=3, replications=2,
                  seed=1, lang="id") | given  # fmt: skip
    with pytest.raises(ValueError, match=expected):
        ex.Settings.from_parameters(**params)


def test_no_policies_means_the_scenarios_own():
    given = dict(scale=0.05, overrides=["policy.name=lottery"], years=3, replications=2, seed=1, lang="id")
    s = ex.Settings.from_parameters(scenario="default", policies=[], **given)
    assert s.policies == ("lottery",) and s.baseline == "lottery"


def test_a_run_is_compare_task_by_task():
    steps = []
    run = ex.run(TINY, lambda done, total, what: steps.append((done, total, what)))
    assert [s[0] for s in steps] == [0, 1, 2, 3, 4] and {s[1] for s in steps} == {4}
    assert steps[0][2] == "merit, 1/2" and steps[-1][2] == ""
    same = compare(TINY.scenarios(), RunOptions(replications=2, years=2, seed=TINY.seed), baseline="merit")
    pd.testing.assert_frame_equal(run.comparison, same.comparison)
    pd.testing.assert_frame_equal(run.org, same.org)
    lines = ex.headline(run, "effectiveness_mean")
    assert lines[0] == "Efektivitas rata-rata (%)" and lines[1].startswith("Merit: ")
    assert "selisih terhadap Merit" in lines[2] and "IK 95 %" in lines[2]
    assert lines[-1].startswith("Hanya 2 replikasi")
    assert ex.headline(run, "effectiveness_mean", "en")[2].startswith("Lottery: ")


@pytest.fixture(scope="module")
def panel():
    pytest.importorskip("ipywidgets")
    from meritsim.workbench.explorer_panel import ExplorerPanel

    p = ExplorerPanel(ex.Settings(policies=("merit", "seniority"), scale=0.05, years=3, replications=2))
    p.run()
    return p


def test_the_panel_offers_scenarios_policies_and_levers_in_indonesian(panel):
    scenarios = dict(panel.scenario.options)
    assert (
        scenarios["Provinsi Banten (provinces/banten)"] == "provinces/banten"
        and "default" in scenarios.values()
    )
    assert {box.description for box in panel.policies.values()} >= {"Merit", "Senioritas", "Undian"}
    assert [panel.policies[p].value for p in ("merit", "seniority", "lottery")] == [True, True, False]
    enforcement = panel.levers["kkn_enforcement"]
    assert enforcement.description == "Penegakan anti-KKN (0-1)" and enforcement.value == 0.3
    assert dict(enforcement.options)["0,30"] == 0.3  # readouts with a decimal comma
    assert panel.button.description == "Jalankan"
    assert panel.progress.value == panel.progress.max == 4  # 2 policies x 2 replications
    assert "Selesai" in panel.status.value and "Efektivitas rata-rata" in panel.headline.value
    assert len(panel.charts.outputs) == 2
    assert all(o["data"]["image/png"] for o in panel.charts.outputs)
    bundle = panel._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle and "JupyterLab" in bundle["text/plain"]


def test_changing_a_lever_reruns_and_redraws(panel):
    before = panel.results.comparison.set_index(["outcome", "scenario"])["mean"]
    pictures = [o["data"]["image/png"] for o in panel.charts.outputs]
    panel.levers["kkn_enforcement"].value = 1.0
    assert "klik Jalankan" in panel.status.value
    assert "kkn.enforcement=1.0" in panel.settings().all_overrides()
    panel.outcome.value = "irregular_share"  # redraws the last run without running
    assert "Porsi pengangkatan tidak wajar" in panel.headline.value
    panel.button.click()
    after = panel.results.comparison.set_index(["outcome", "scenario"])["mean"]
    assert "kkn.enforcement=1.0" in panel.results.manifest["overrides"]
    assert after["irregular_share"].sum() == 0 < before["irregular_share"].sum()  # enforced: no bought posts
    assert [o["data"]["image/png"] for o in panel.charts.outputs] != pictures


def test_another_scenario_resets_the_levers_and_errors_stay_in_the_panel(panel):
    panel.scenario.value = "provinces/sulawesi_tengah"
    assert panel.levers["assessment_error_sd"].value == 1.4
    for box in panel.policies.values():
        box.value = False
    panel.button.click()  # nothing raised: the panel says what is wrong
    assert "pilih sedikitnya satu kebijakan" in panel.status.value and not panel.button.disabled


def test_an_outcome_not_offered_is_refused():
    pytest.importorskip("ipywidgets")
    from meritsim.workbench.explorer_panel import ExplorerPanel

    with pytest.raises(ParameterError, match="effectiveness_mean"):
        ExplorerPanel(TINY, "effectivenes_mean")
