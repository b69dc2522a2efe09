"""`meritsim validate-history`: the model run from its start year against BKN's figures."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.study.history import dates_in_run, month_of, validate_history

SMALL = ["organisation.scale=0.02"]


def test_dates_are_months_from_the_end_of_the_start_year():
    assert month_of("2023-06-30", 2022) == 6 and month_of("2024-07-01", 2023) == 7
    assert month_of("2022-12-31", 2022) == 0  # the starting state itself
    assert dates_in_run(2018, 6) == ["2019-06-30", "2022-12-31", "2023-06-30", "2024-07-01"]
    assert dates_in_run(2023, 1) == ["2024-07-01"]


def test_replications_are_averaged_before_the_error_is_taken():
    check = validate_history("national", SMALL, replications=2, years=2)
    runs, table = check.replications, check.table
    assert set(runs.replication) == {0, 1} and not table.empty
    total = table[(table.dimension == "total") & (table.population == "PNS")].iloc[0]
    per_run = runs[(runs.dimension == "total") & (runs.population == "PNS")].model
    assert total.model == pytest.approx(per_run.mean())
    assert total.error == pytest.approx(100 * (total.model - total.statistic) / total.statistic)
    assert total.within == (abs(total.error) <= total.tolerance)


def test_the_command_writes_the_table_and_says_what_is_missed(tmp_path):
    result = CliRunner().invoke(main, ["validate-history", "national", "--set", SMALL[0], "--years", "2",
                                       "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "validation.csv")
    assert {"model", "statistic", "error", "tolerance", "within"} <= set(table.columns)
    assert "figures within their tolerance" in result.output and (tmp_path / "manifest.json").exists()


def test_a_run_that_reaches_no_published_date_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["validate-history", "default", "--set", "timeline.start_year=2030",
                                       "--years", "1", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2 and "no published statistics between the end of 2030" in result.output
    assert "Traceback" not in result.output


def test_a_count_and_the_share_derived_from_it_stay_apart():
    """Jabatan counts and the shares derived from them share population, dimension, category and
    date: the unit tells them apart, so neither is averaged into the other."""
    check = validate_history("validation/national_2019", ["organisation.scale=0.002"], years=5)
    rows = check.table[(check.table.dimension == "jabatan") & (check.table.category == "functional")]
    assert sorted(rows.unit) == ["percent", "persons"]
    share, count = rows.set_index("unit").model.loc[["percent", "persons"]]
    assert 0 < share < 100 and count > 1_000_000
    assert set(check.table.date) >= {"2019-06-30", "2022-12-31", "2023-06-30"}
    roles = check.table.set_index(["population", "dimension", "date", "unit"]).role
    assert roles.loc[("PNS", "total", "2022-12-31", "persons")] == "calibrated"
    assert roles.loc[("PNS", "age", "2023-06-30", "percent")].eq("input").all()
    assert roles.loc[("PNS", "total", "2023-06-30", "persons")] == "check"
    [retired] = check.table[check.table.dimension == "retirements"].note
    assert "calendar year(s) 2023, within its period" in retired


def test_totals_are_compared_for_a_scenario_of_the_whole_nation_only():
    from meritsim.model.load import load_scenario
    from meritsim.study.validation import whole_nation

    assert whole_nation(load_scenario("national")) and whole_nation(load_scenario("validation/national_2019"))
    assert not whole_nation(load_scenario("default"))
    assert not whole_nation(load_scenario("national"), file_scale=0.5), "half the nation is not the nation"


def test_the_lean_staff_table_compares_as_the_people_table():
    """validate-history reads a categorical staff table (memory) instead of record.people: the
    comparison is the same."""
    from meritsim.model.calendar import Simulation
    from meritsim.model.load import load_scenario
    from meritsim.model.record import people
    from meritsim.model.workforce import PNS
    from meritsim.study.validation import agencies, compare, jabatan_types, staff

    scenario = load_scenario("national", ["organisation.scale=0.002"])
    sim = Simulation(scenario, 0, years=1)
    sim.run()
    where = {"jabatan": jabatan_types(scenario.organisation), "agency": agencies(scenario.organisation),
             "totals": True, "weight": 500.0}  # fmt: skip
    pns = sim.wf.employment[sim.wf.active] == PNS  # record.people has no employment column
    lean = compare(staff(sim.wf, sim.est, 1.0), "2023-06-30", **where)
    full = compare(people(sim.wf, sim.est, 1.0)[pns].reset_index(drop=True), "2023-06-30", **where)
    extra = lean.population.isin(["PPPK", "ASN"])  # the lean table knows employment types
    pd.testing.assert_frame_equal(lean[~extra].reset_index(drop=True), full)
    assert len(full) > 20 and lean[lean.population == "PPPK"].model.iloc[0] > 1e6  # 1.1 M in 2024


def test_pns_figures_are_of_pns_alone_and_pppk_totals_of_pppk():
    """With PPPK in the workforce (examples/pppk from 2023, converted honorary staff in 2024 and
    2025), the PNS shares are those of the PNS, and PPPK and ASN totals count their own."""
    from meritsim.model.calendar import Simulation
    from meritsim.model.load import load_scenario
    from meritsim.study.validation import compare, staff

    scenario = load_scenario("examples/pppk", ["history.years=5"])
    sim = Simulation(scenario, 0, years=2)
    sim.run()
    everyone = staff(sim.wf, sim.est, 2.0)
    pppk = everyone.employment == "PPPK"
    assert 0 < pppk.sum() < len(everyone)
    mixed = compare(everyone, "2024-07-01", totals=True)
    alone = compare(everyone[~pppk].drop(columns="employment"), "2024-07-01", totals=True)
    counts = mixed.set_index("population").model
    assert counts["PPPK"] == pppk.sum() and counts["ASN"] == len(everyone) and counts["PNS"] == (~pppk).sum()
    shares = compare(everyone, "2023-06-30")
    pd.testing.assert_frame_equal(shares, compare(everyone[~pppk].drop(columns="employment"), "2023-06-30"))
    assert alone.population.tolist() == ["PNS"]


def test_a_date_at_the_end_of_the_run_is_its_last_month():
    """The run's last month is a published date's (31 Dec 2022 after four years from 2018)."""
    check = validate_history("validation/national_2019", ["organisation.scale=0.002"], years=4)
    assert list(dict.fromkeys(check.table.date))[:2] == ["2019-06-30", "2022-12-31"]
