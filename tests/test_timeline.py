"""The timeline: calendar years, and dated events (formations, BUP changes, post conversions)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model.calendar import Simulation
from meritsim.model.scenario import ScenarioError

SMALL = ["organisation.scale=0.1", "history.years=20"]


def scenario(*events: str, start: int = 2023, more: tuple[str, ...] = ()) -> meritsim.Scenario:
    timeline = f"timeline={{start_year: {start}, events: [{', '.join(events)}]}}"
    return meritsim.load_scenario("default", [*SMALL, timeline, *more])


def run(sc: meritsim.Scenario, years: int = 4) -> Simulation:
    sim = Simulation(sc, 0, years=years)
    sim.run()
    return sim


def tables(sim: Simulation) -> tuple[pd.DataFrame, pd.DataFrame]:
    return sim.world.recorder.tables()


def test_calendar_years_are_start_year_plus_year():
    yearly, org = tables(run(scenario(start=2019), years=3))
    assert org.calendar_year.tolist() == [2019, 2020, 2021, 2022]
    assert (yearly.calendar_year == yearly.year + 2019).all()
    assert list(org.columns[2:5]) == ["replication", "year", "calendar_year"]
    default = meritsim.simulate("default", overrides=SMALL, replications=1, years=1)
    assert default.org.calendar_year.tolist() == [2023, 2024]  # year 0 is the end of 2023
    assert "calendar_year" not in default.outcomes.columns  # a label, not an outcome


def test_a_moratorium_year_recruits_nobody_and_a_formation_caps_recruits():
    events = (
        "{year: 2025, recruitment: {moratorium: true}}",
        "{year: 2026, recruitment: {cpns: {pelaksana: 30}}}",
    )
    yearly, org = tables(run(scenario(*events), years=4))
    hires = org.set_index("calendar_year").hires
    assert hires[2025] == 0 and hires[2024] > 0 and hires[2027] > 0
    pelaksana = yearly[yearly.level == "pelaksana"].set_index("calendar_year")
    assert pelaksana.hires[2026] == 3  # 30 CPNS at organisation.scale 0.1
    assert pelaksana.vacancies[2025] > 0  # nobody replaced the year's leavers
    assert org.set_index("calendar_year").mi_procurement[2025] == 0


def test_a_bup_change_moves_retirements():
    """Raising the pelaksana BUP from 58 to 60 keeps them two more years (fewer retirements, staff
    past 58); lowering it to 56 retires everyone past 56 in January; exit dates follow the new age."""
    base = run(scenario(), years=4)
    later = run(scenario("{year: 2025, retirement_age: {pelaksana: 60}}"), years=4)
    earlier = run(scenario("{year: 2025, retirement_age: {pelaksana: 56}}"), years=4)

    def retirements(sim: Simulation) -> pd.Series:
        return tables(sim)[1].set_index("calendar_year").retirements

    def ages(sim: Simulation) -> np.ndarray:
        i = sim.est.keys.index("pelaksana")
        return sim.world.date - sim.wf.born[sim.wf.level == i]

    assert retirements(later)[[2025, 2026]].sum() < retirements(base)[[2025, 2026]].sum() - 5
    assert (ages(later) >= 58).sum() > 5 and (ages(base) >= 58).sum() == 0
    assert retirements(earlier)[2025] > retirements(base)[2025] + 5
    assert retirements(later)[2024] == retirements(base)[2024] == retirements(earlier)[2024]
    for sim, bup in ((later, 60), (earlier, 56)):
        i = sim.est.keys.index("pelaksana")
        assert sim.est.retirement_age[i] == bup and (ages(sim) < bup).all()
        wf = sim.wf
        rows = np.flatnonzero(wf.level == i)
        retire = wf.born[rows] + bup
        assert (wf.exit_at[rows] <= retire + 1e-9).all() and np.isclose(wf.exit_at[rows], retire).mean() > 0.5


def test_a_conversion_moves_posts_and_holders_from_structural_to_functional():
    event = "{year: 2024, until: 2026, conversion: {from_level: pengawas, to_level: ahli_muda, share: 0.6}}"
    sim = run(scenario(event), years=4)
    yearly, org = tables(sim)
    posts = yearly.pivot_table(index="calendar_year", columns="level", values="posts")
    total = round(0.6 * posts.pengawas[2023])
    assert posts.pengawas[2026] == posts.pengawas[2023] - total == posts.pengawas[2027]
    assert posts.ahli_muda[2026] - posts.ahli_muda[2023] == total
    assert (posts.sum(axis=1) == posts.sum(axis=1)[2023]).all()  # posts are converted, not made
    assert org.posts_converted.sum() == total and all(
        org.set_index("calendar_year").posts_converted[y] > 0 for y in (2024, 2025, 2026)
    )
    level = yearly.set_index(["calendar_year", "level"])
    moved = org.holders_converted.sum()
    assert moved > 0.8 * total
    assert level.converted_out.xs("pengawas", level="level").sum() == moved
    assert level.converted_in.xs("ahli_muda", level="level").sum() == moved
    assert yearly[yearly.level != "pengawas"].converted_out.sum() == 0
    assert yearly[yearly.level != "ahli_muda"].converted_in.sum() == 0
    # stocks and flows still balance, with conversions
    table = yearly.set_index(["year", "level"]).sort_index()
    head = table.headcount.unstack("level")
    net = (
        table.promotions_in
        + table.hires
        + table.converted_in
        - table.promotions_out
        - table.exits
        - table.converted_out
    ).unstack("level")
    pd.testing.assert_frame_equal(head.iloc[1:], (head.shift(1) + net).iloc[1:].astype(head.dtypes.iloc[0]))
    counted = np.bincount(sim.wf.level[sim.wf.level >= 0], minlength=sim.est.n_levels)
    assert (counted == sim.world.headcount).all() and (counted <= sim.est.posts).all()


def test_events_change_no_other_world_and_events_after_the_run_are_harmless():
    """A conversion replaces the establishment's arrays: the spun-up world the default scenario
    shares (same spin-up key) is untouched; events after the run's end change nothing."""
    alone = run(scenario(), years=3)
    converted = "{year: 2024, conversion: {from_level: administrator, to_level: ahli_madya, share: 0.5}}"
    run(scenario(converted, "{year: 2024, retirement_age: {pelaksana: 56}}"), years=3)
    again = run(scenario(), years=3)
    assert tables(alone)[1].equals(tables(again)[1])
    late = run(scenario("{year: 2040, recruitment: {moratorium: true}}"), years=3)
    assert tables(late)[1].equals(tables(alone)[1])


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (
            "{year: 2023, recruitment: {moratorium: true}}",
            "timeline.events.0.year: 2023 is not after start_year",
        ),
        ("{year: 2025}", "timeline.events.0: give exactly one of recruitment"),
        ("{year: 2025, retirement_age: {pelaksanna: 60}}", "Did you mean 'pelaksana'"),
        (
            "{year: 2025, recruitment: {cpns: {pengawas: 3}}}",
            "cpns.pengawas: 'pengawas' is not an entry level",
        ),
        (
            "{year: 2025, conversion: {from_level: jpt_pratama, to_level: ahli_madya, share: 0.5}}",
            "conversion.from_level: 'jpt_pratama' is not a structural level",
        ),
        (
            "{year: 2025, conversion: {from_level: pengawas, to_level: administrator, share: 0.5}}",
            "conversion.to_level: 'administrator' is not a functional level",
        ),
        ("{year: 2025, until: 2027, retirement_age: {pelaksana: 60}}", "until: applies to recruitment"),
        ("{year: 2026, until: 2025, recruitment: {moratorium: true}}", "until: 2025 is before year 2026"),
        (
            "{year: 2025, recruitment: {moratorium: true, cpns: {pelaksana: 1}}}",
            "a moratorium recruits nobody",
        ),
        ("{year: 2025, retirement_age: {pelaksana: 90}}", "retirement_age.pelaksana: Input should be less"),
    ],
)
def test_bad_timeline_input_names_the_event_and_field(event, message):
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(").replace(".", r"\.")):
        scenario(event)
