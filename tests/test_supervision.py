"""The merit-system supervisor: it deters, finds, recommends and is followed; its switch; its
levers; the bundled supervision scenarios; results without a supervisor unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model.calendar import simulate_replication
from meritsim.model.scenario import scenario_hash
from meritsim.study.decompose import acting_switches

#: a small province under patronage (it overrides shortlists) with many bribes; the supervisor
#: takes office in the first year (a timeline event), so every run shares one spin-up
BUSY = ["organisation.scale=0.15", "history.years=10", "policy.name=patronage", "kkn.attempt_probability=0.6"]
#: bribes whenever possible, found whenever in reach: many recommendations
CORRUPT = [
    "kkn.attempt_probability=1",
    "kkn.acceptance_probability=1",
    "kkn.enforcement=0",
    "kkn.integrity_threshold=0.7",
]
SHARP = "detection: 1, yearly_detection: 1, deterrence: 0, interference: {executive: 0, independent: 0}"


def org(
    supervisor: str = "kind: independent", *overrides: str, years: int = 4, reps: int = 2
) -> pd.DataFrame:
    """The org tables of ``reps`` replications with ``supervisor`` (YAML) from 2024, year 1."""
    event = f"timeline.events=[{{year: 2024, supervision: {{{supervisor}}}}}]"
    sc = meritsim.load_scenario("default", [*BUSY, event, *overrides])
    return pd.concat([simulate_replication(sc, r, years=years).org for r in range(reps)], ignore_index=True)


@pytest.fixture(scope="module")
def none() -> pd.DataFrame:
    return org("kind: none")


@pytest.fixture(scope="module")
def independent() -> pd.DataFrame:
    return org()


def last(table: pd.DataFrame, column: str) -> np.ndarray:
    return table[table.year == table.year.max()].sort_values("replication")[column].to_numpy()


def test_an_independent_supervisor_lowers_irregular_holders(none, independent):
    """Same seeds, paired by replication: fewer irregular holders at the end, in every one."""
    assert (last(independent, "irregular_holders") < last(none, "irregular_holders")).all()
    assert independent.irregular_appointments.sum() < none.irregular_appointments.sum()  # deterred
    assert independent.recommendations.sum() > 0 and none.recommendations.sum() == 0
    assert independent.supervised_selections.sum() > 0 and none.supervised_selections.sum() == 0


def test_its_switch_turns_it_off(none):
    off = org("kind: independent", "mechanisms.supervision=false")
    assert off.drop(columns="scenario").equals(none.drop(columns="scenario"))


def test_the_share_of_recommendations_followed_is_compliance():
    table = org(f"kind: independent, compliance: 0.6, {SHARP}", *CORRUPT, reps=2)
    n, followed = table.recommendations.sum(), table.recommendations_followed.sum()
    assert n >= 200 and abs(followed / n - 0.6) < 0.07
    assert org(f"kind: independent, compliance: 0, {SHARP}", reps=1).recommendations_followed.sum() == 0


def test_full_deterrence_under_full_coverage_stops_irregular_acts():
    table = org("kind: independent, deterrence: 1")
    assert table[table.year > 0].irregular_appointments.sum() == 0


def test_interference_is_higher_inside_the_executive():
    """With the schema's interference (executive 0.3, independent 0.1), the executive supervisor's
    findings are shielded more often; at interference 1 nothing is recommended."""
    found = "detection: 1, yearly_detection: 1, deterrence: 0"

    def shielded(t: pd.DataFrame) -> float:
        return t.supervision_shielded.sum() / (t.supervision_shielded.sum() + t.recommendations.sum())

    executive = org(f"kind: executive, {found}", *CORRUPT, reps=2)
    independent = org(f"kind: independent, {found}", *CORRUPT, reps=2)
    assert shielded(executive) > shielded(independent) + 0.1
    blocked = org("kind: executive, interference: {executive: 1}")
    assert blocked.recommendations.sum() == 0 and blocked.supervision_shielded.sum() > 0


@pytest.mark.parametrize(
    "lever",
    [
        "agency_coverage: 0",
        "jpt_coverage: 0",
        "detection: 0",
        "yearly_detection: 0",
        "compliance: 0.2",
        "deterrence: 0",
        "interference: {independent: 0.9}",
    ],
)
def test_every_lever_changes_the_run(independent, lever):
    changed = org(f"kind: independent, {lever}")
    assert not changed.drop(columns="scenario").equals(independent.drop(columns="scenario")), lever


def test_coverage_sets_what_it_watches(independent):
    assert org("kind: independent, jpt_coverage: 0").supervised_selections.sum() == 0
    unwatched = org("kind: independent, agency_coverage: 0, jpt_coverage: 0")
    assert unwatched.recommendations.sum() == 0 and independent.recommendations.sum() > 0


def test_a_timeline_event_changes_the_supervisor():
    """KASN's end: a supervisor in 2024, none from 2025 on."""
    events = "timeline.events=[{year: 2024, supervision: {kind: independent}}, {year: 2025, supervision: {}}]"
    table = org("kind: none", *CORRUPT, events)  # the two events replace the helper's one
    by_year = table.groupby("calendar_year")[["recommendations", "supervised_selections"]].sum()
    assert by_year.loc[2024].sum() > 0 and by_year.loc[2025:].to_numpy().sum() == 0


def test_the_bundled_supervision_scenarios_differ_from_2027_only():
    """They share the spin-up and the supervisors of 2024-2026; from 2027 none has no supervisor."""
    runs = {
        name: meritsim.simulate(
            f"supervision/{name}",
            overrides=["organisation.scale=0.1", "history.years=10"],
            replications=1,
            years=5,
        )
        .org.set_index("calendar_year")
        .drop(columns="scenario")
        for name in ("none", "executive", "independent")
    }
    early = [t.loc[:2026] for t in runs.values()]
    assert early[0].equals(early[1]) and early[1].equals(early[2])
    assert (
        runs["none"].loc[2027:].recommendations.sum()
        == runs["none"].loc[2027:].supervised_selections.sum()
        == 0
    )
    assert runs["executive"].loc[2027:].supervised_selections.sum() > 0


def test_without_a_supervisor_nothing_changes():
    """The decomposition leaves out a supervisor that never acts; the parameters hash of a
    scenario without supervision or timeline is the one it had before they existed."""
    default = meritsim.load_scenario("default")
    assert "supervision" not in acting_switches(default)
    assert "supervision" in acting_switches(meritsim.load_scenario("supervision/none"))  # KASN, BKN
    assert scenario_hash(default) == scenario_hash(
        meritsim.load_scenario("default", ["mechanisms.supervision=true"])
    )
    assert scenario_hash(default) != scenario_hash(
        meritsim.load_scenario("default", ["supervision.kind=executive"])
    )
