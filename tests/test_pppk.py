"""PPPK, the second employment type: recruitment share, contracts renewed on performance, no rank
promotion, closed posts, their own retirement age, the honorer conversion, the split counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model import pppk
from meritsim.model.audit import Invariants
from meritsim.model.calendar import Simulation
from meritsim.model.establishment import compile_establishment
from meritsim.model.outcomes import outcomes
from meritsim.model.record import Recorder
from meritsim.model.rules.exits import CONTRACT_END, due_exits, update_exit_dates
from meritsim.model.scenario import ScenarioError
from meritsim.model.scenario.domain import BAIK, PREDIKAT_INDEX
from meritsim.model.streams import Draws
from meritsim.model.workforce import LEFT, NO_PREDIKAT, PNS, PPPK, PPPK_PART_TIME
from meritsim.model.world import World
from staff import staff

SMALL = ["organisation.scale=0.1", "history.years=20"]
SHARES = "pppk.recruitment_share={pelaksana: 0.5, ahli_pertama: 0.5, guru_pertama: 0.5, terampil: 0.5}"
HONORER = (
    "{year: 2024, until: 2025, honorer_conversion: "
    "{count: {pelaksana: 1000, guru_pertama: 500}, part_time_share: 0.4}}"
)
BUTUH = PREDIKAT_INDEX["Butuh Perbaikan"]


def load(*overrides: str, events: tuple[str, ...] = ()) -> meritsim.Scenario:
    timeline = [f"timeline.events=[{', '.join(events)}]"] if events else []
    return meritsim.load_scenario("default", [*SMALL, *timeline, *overrides])


class RankWatch:
    """Every PPPK's rank whenever ranks can change, and any PPPK in a post closed to them."""

    def __init__(self) -> None:
        self.rank: dict[int, int] = {}
        self.changed = self.in_closed = 0

    def __call__(self, event: str, w: World) -> None:
        if event not in ("rank_promotion", "appointment", "observation"):
            return
        wf = w.wf
        rows = np.flatnonzero(wf.active & (wf.employment != PNS))
        self.in_closed += int(np.count_nonzero(~w.est.pppk_open[wf.level[rows]]))
        for i, r in zip(wf.id[rows].tolist(), wf.rank[rows].tolist(), strict=True):
            self.changed += self.rank.setdefault(i, r) != r


@pytest.fixture(scope="module")
def watched() -> tuple[Simulation, RankWatch, pd.DataFrame, pd.DataFrame]:
    """PPPK recruited into every entry level open to them and honorary staff converted in 2024-2025,
    8 years with the engine's audit on."""
    watch = RankWatch()
    sim = Simulation(load(SHARES, events=(HONORER,)), 0, years=8, observers=[Invariants(), watch])
    result = sim.run()
    return sim, watch, result.yearly, result.org


def test_pppk_never_get_a_rank_promotion(watched):
    sim, watch, _, org = watched
    assert len(watch.rank) > 150 and watch.changed == 0
    assert org.rank_promotions[1:].sum() > 100  # PNS do
    wf = sim.wf
    served = wf.active & (wf.employment != PNS) & (sim.world.date - wf.rank_since >= 4) & wf.good_record
    assert served.sum() > 20  # PPPK who would have been promoted as PNS


def test_pppk_never_hold_a_closed_level(watched):
    sim, watch, yearly, _ = watched
    assert watch.in_closed == 0
    closed = [k for k, o in zip(sim.est.keys, sim.est.pppk_open, strict=True) if not o]
    assert closed == ["pengawas", "administrator", "jpt_pratama", "jpt_madya"]
    assert yearly[yearly.level.isin(closed)].headcount_pppk.sum() == 0
    # five PPPK and five PNS pelaksana who meet every other rule of a pengawas post
    est = sim.est
    wf = staff(est, "pelaksana", "III/d", "S1", 10, years_in_post=5, employment=[PPPK] * 5 + [PNS] * 5)
    assert est.eligible(wf, est.keys.index("pengawas"), 0.0).tolist() == [5, 6, 7, 8, 9]
    opened = compile_establishment(load("pppk.recruitment_share={pelaksana: 0.5}",
                                        "pppk.open_levels=[pelaksana, pengawas]"))  # fmt: skip
    assert opened.eligible(wf, est.keys.index("pengawas"), 0.0).tolist() == list(range(10))


def test_split_counts_add_up_to_the_totals(watched):
    _, _, yearly, org = watched
    for part in ("headcount", "hires", "exits"):
        assert (yearly[f"{part}_pns"] + yearly[f"{part}_pppk"] == yearly[part]).all(), part
        assert (org[f"{part}_pns"] + org[f"{part}_pppk"] == org[part]).all(), part
        by_year = yearly.groupby("year")[[f"{part}_pns", f"{part}_pppk"]].sum()
        assert (by_year.to_numpy() == org[[f"{part}_pns", f"{part}_pppk"]].to_numpy()).all()
    assert (
        org.headcount_pppk_part_time <= org.headcount_pppk
    ).all() and org.headcount_pppk_part_time.max() > 0
    reasons = org.retirements + org.attritions + org.dismissals + org.sanctions + org.contract_ends
    assert (reasons == org.exits).all()
    for column in ("contract_ends", "contract_renewals", "honorer_converted"):
        assert (yearly.groupby("year")[column].sum().to_numpy() == org[column].to_numpy()).all()
    assert org.contract_ends.sum() > 0 and org.contract_renewals.sum() > 0
    table = yearly.set_index(["year", "level"]).sort_index()

    def wide(column: str) -> pd.DataFrame:
        return table[column].unstack("level")

    for suffix in ("", "_pppk"):  # headcount accounting, of everyone and of PPPK
        into = wide(f"promotions_in{suffix}") + wide(f"hires{suffix}") + wide(f"converted_in{suffix}")
        out = wide(f"promotions_out{suffix}") + wide(f"exits{suffix}") + wide(f"converted_out{suffix}")
        head = wide(f"headcount{suffix}")
        expected = head.shift(1) + into + wide("honorer_converted") - out
        assert (head.iloc[1:] == expected.iloc[1:]).all().all(), suffix


def test_the_honorer_conversion_adds_that_many_pppk_with_the_part_time_share(watched):
    _, _, yearly, org = watched
    by_year = org.set_index("calendar_year")
    # 1,000 pelaksana and 500 teachers at scale 0.1, over two years: 50 + 25 a year, 40 % part-time
    assert by_year.honorer_converted[[2024, 2025]].tolist() == [75, 75]
    assert by_year.honorer_converted_part_time[[2024, 2025]].tolist() == [20 + 10, 20 + 10]
    assert by_year.honorer_converted.drop([2024, 2025]).eq(0).all()
    levels = yearly[yearly.calendar_year == 2024].set_index("level")
    assert levels.honorer_converted[["pelaksana", "guru_pertama"]].tolist() == [50, 25]
    posts = yearly.pivot(index="calendar_year", columns="level", values="posts")
    assert (posts.loc[2025] - posts.loc[2023])[["pelaksana", "guru_pertama"]].tolist() == [100, 50]
    assert (posts.loc[2025] - posts.loc[2023]).drop(["pelaksana", "guru_pertama"]).eq(0).all()
    assert 55 <= by_year.headcount_pppk_part_time[2025] <= 60  # a few part-time PPPK left within the year


def test_a_contract_not_renewed_ends_with_reason_contract_end_at_its_end():
    """Honorary staff converted in January 2024 on two-year contracts that are never renewed leave
    in January 2026, all of them who are still there, with reason contract_end."""
    months: list[int] = []
    seen = [0]

    def ends(event: str, w: World) -> None:
        if event == "exits" and w.recorder.counts["contract_ends"] > seen[0]:
            months.append(w.month)
        if event in ("exits", "observation"):
            seen[0] = 0 if event == "observation" else w.recorder.counts["contract_ends"]

    sc = load("pppk.contract_years=2", "pppk.renewal_probability=0", events=(HONORER,))
    sim = Simulation(sc, 0, years=4, observers=[Invariants(), ends])
    years = iter(sim.years_run())
    next(years), next(years)  # the end of 2025
    wf = sim.wf
    first = wf.active & (wf.employment != PNS) & (wf.service_since < 1)  # converted in January 2024
    there = int(first.sum())
    for _ in years:
        pass
    org = sim.world.recorder.tables()[1].set_index("calendar_year")
    assert there > 60 and there - 2 <= org.contract_ends[2026] <= there  # (or retired, quit that month)
    assert org.exits_pppk[2026] >= org.contract_ends[2026]
    assert org.contract_ends[[2024, 2025]].sum() == 0 and org.contract_renewals.sum() == 0
    assert set(months) == {12 * 2 + 1, 12 * 3 + 1}  # January 2026 and 2027, two years after each wave
    assert org.headcount_pppk[2027] == 0


def world_with_pppk(*overrides: str, n: int = 4) -> World:
    """Four pelaksana PPPK at date 0 whose contracts end now: records Baik-Baik, Baik then Butuh
    Perbaikan, Butuh Perbaikan then Baik (the latest first), none yet."""
    sc = load(SHARES, *overrides)
    est = compile_establishment(sc)
    wf = staff(est, "pelaksana", "II/a", "SLTA", n, employment=PPPK, contract_end=0)
    if n == 4:  # (else every record is Baik-Baik)
        wf.skp[:, :2] = [[BAIK, BAIK], [BUTUH, BAIK], [BAIK, BUTUH], [NO_PREDIKAT, NO_PREDIKAT]]
    update_exit_dates(wf, est, np.arange(n))
    return World(sc, est, wf, Draws(1, 0), Recorder(est, sc, 0), sc.policy)


def test_renewal_depends_on_the_appraisal():
    w = world_with_pppk()
    due = due_exits(w.wf, w.est, w.date, w.scenario.rules.exits)
    assert due[CONTRACT_END].tolist() == [0, 1, 2, 3] and due["attrition"].size == 0
    pppk.contracts_due(w, due[CONTRACT_END])
    assert (w.wf.level == LEFT).tolist() == [False, True, True, False]  # a year not appraised: no fault
    assert w.recorder.counts["contract_ends"] == 2 and w.recorder.counts["contract_renewals"] == 2
    assert w.wf.contract_end[[0, 3]].tolist() == [60, 60]  # another five years from now
    assert (w.wf.exit_at[[0, 3]] == 5.0).all()
    for override, renewed in (
        ("pppk.renewal_years=1", [True, False, True, True]),  # only the latest year counts
        ("pppk.renewal_predikat=Butuh Perbaikan", [True] * 4),
        ("pppk.renewal_predikat=Sangat Kurang", [True] * 4),
        ("mechanisms.contract_renewal=false", [True] * 4),
        ("pppk.renewal_predikat=Sangat Baik", [False, False, False, True]),
    ):
        w = world_with_pppk(override)
        assert pppk.renewable(w, np.arange(4)).tolist() == renewed, override
    w = world_with_pppk("pppk.renewal_probability=0.5", n=400)
    share = pppk.renewable(w, np.arange(400)).mean()
    assert 0.4 < share < 0.6


def test_stricter_renewal_ends_more_contracts(watched):
    _, _, _, lenient = watched
    scenario = load(SHARES, "pppk.renewal_predikat=Sangat Baik", events=(HONORER,))
    strict = Simulation(scenario, 0, years=8).run().org
    assert strict.contract_ends.sum() > 3 * lenient.contract_ends.sum()
    assert strict.contract_renewals.sum() < lenient.contract_renewals.sum()


def test_pppk_retire_at_their_own_age_and_part_time_work_part_of_a_post():
    base = load(events=(HONORER,))
    own = load("pppk.retirement_age=56", events=(HONORER,))
    sims = {name: Simulation(sc, 0, years=6) for name, sc in (("base", base), ("own", own))}
    tables = {name: sim.run() for name, sim in sims.items()}
    wf = sims["own"].wf
    age = sims["own"].world.date - wf.born
    contract = wf.active & (wf.employment != PNS)
    assert age[contract].max() < 56 and age[wf.active & (wf.employment == PNS)].max() > 57
    assert tables["own"].org.retirements.sum() > tables["base"].org.retirements.sum()
    full = Simulation(load("pppk.part_time_effort=1", events=(HONORER,)), 0, years=6).run().org
    assert (full.effectiveness[2:] > tables["base"].org.effectiveness[2:]).all()
    assert (full.headcount == tables["base"].org.headcount).all()
    assert (sims["base"].wf.employment == PPPK_PART_TIME).sum() > 40


def test_no_pppk_section_changes_nothing():
    """Without PPPK, or with a PPPK section that recruits none, the tables are the same; the
    scenario's parameters hash is that of a scenario without the section."""
    plain = meritsim.simulate("default", overrides=SMALL, replications=1, years=4)
    zero = meritsim.simulate(
        "default", overrides=[*SMALL, "pppk.recruitment_share={pelaksana: 0.0}", "pppk.contract_years=3"],
        replications=1, years=4,
    )  # fmt: skip
    for table in ("yearly", "org", "outcomes"):  # (the parameters hash says the scenarios differ)
        pd.testing.assert_frame_equal(
            getattr(plain, table).drop(columns="parameters_hash", errors="ignore"),
            getattr(zero, table).drop(columns="parameters_hash", errors="ignore"),
        )
    assert plain.org.headcount_pppk.eq(0).all() and plain.yearly.exits_pppk.eq(0).all()
    assert plain.outcomes.pppk_share_final.eq(0).all() and plain.outcomes.contract_renewal_share.isna().all()
    assert "pppk" not in meritsim.load_scenario("default").model_dump()
    assert "pppk" not in meritsim.load_scenario("default", ["pppk={}"]).model_dump()


def test_outcomes_report_the_pppk(watched):
    _, _, _, org = watched
    out = outcomes(watched[2], org)
    assert out.pppk_share_final.iloc[0] == pytest.approx(org.headcount_pppk.iloc[-1] / org.headcount.iloc[-1])
    renewed, ended = org.contract_renewals[1:].sum(), org.contract_ends[1:].sum()
    assert out.contract_renewal_share.iloc[0] == pytest.approx(renewed / (renewed + ended))
    assert out.pppk_hires_per_year.iloc[0] == pytest.approx(org.hires_pppk[1:].mean())


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("pppk.recruitment_share={pengawas: 0.2}",
         "pppk.recruitment_share.pengawas: 'pengawas' is not an entry level"),
        ("pppk.recruitment_share={pelaksna: 0.2}", "Did you mean 'pelaksana'?"),
        ("pppk.open_levels=[ahli_pertama]",
         "pppk.recruitment_share.pelaksana: 'pelaksana' is not an entry level open"),
        ("pppk.contract_years=0.5", "pppk.contract_years"),
        ("timeline.events=[{year: 2024, honorer_conversion: {count: {guru_muda: 5}}}]",
         "timeline.events.0.honorer_conversion.count.guru_muda: 'guru_muda' is not an entry level"),
        ("timeline.events=[{year: 2024, honorer_conversion: {count: {}}}]", "name at least one entry level"),
        ("timeline.events=[{year: 2024, honorer_conversion: {count: {pelaksana: 5}, age: {max: 59}}}]",
         "age.max: 59 is not below the retirement age of PPPK at pelaksana (58)"),
        ("timeline.events=[{year: 2024, recruitment: {moratorium: true, pppk_share: {pelaksana: 1.0}}}]",
         "a moratorium recruits nobody"),
        ("timeline.events=[{year: 2024, recruitment: {pppk_share: {jpt_madya: 1.0}}}]",
         "timeline.events.0.recruitment.pppk_share.jpt_madya"),
        ("timeline.events=[{year: 2024, until: 2026, supervision: {kind: independent}}]",
         "until: applies to"),
        ("pppk.initial={count: {guru_muda: 5}}",
         "pppk.initial.count.guru_muda: 'guru_muda' is not an entry level"),
        ("pppk.initial={count: {}}", "name at least one entry level"),
        ("pppk.initial={count: {pelaksana: 5}, age: {max: 58}}",
         "pppk.initial.age.max: 58 is not below the retirement age of PPPK at pelaksana (58)"),
    ],
)  # fmt: skip
def test_bad_pppk_input_names_the_field(override, message):
    with pytest.raises(ScenarioError) as err:
        meritsim.load_scenario("default", [SHARES.replace("ahli_pertama: 0.5, ", ""), override])
    assert message in str(err.value)


def test_a_timeline_formation_sets_the_year_s_pppk_share():
    event = "{year: 2025, recruitment: {pppk_share: {pelaksana: 1.0, terampil: 1.0}}}"
    org = Simulation(load(events=(event,)), 0, years=3).run().org.set_index("calendar_year")
    assert org.hires_pppk[2024] == 0 and org.hires_pppk[2026] == 0
    assert org.hires_pppk[2025] > 0 and org.hires_pppk[2025] < org.hires[2025]  # the other levels: CPNS


def test_the_example_province_with_pppk_runs_audited():
    sc = meritsim.load_scenario("examples/pppk", SMALL)
    org = Simulation(sc, 0, years=3, observers=[Invariants()]).run().org.set_index("calendar_year")
    assert org.honorer_converted[[2024, 2025]].tolist() == [170, 170]  # 3,400 over two years, scaled
    assert org.headcount_pppk[2023] > 0 and org.headcount_pppk[2025] > org.headcount_pppk[2023] + 300
    assert org.hires_pppk[2026] > 0.5 * org.hires_pppk[2024]


STOCK = "pppk.initial={count: {pelaksana: 2000, guru_pertama: 1000}, part_time_share: 0.25}"


def test_pppk_at_the_start_join_year_0_with_posts_records_and_spread_contracts():
    """2,000 pelaksana and 1,000 teachers at scale 0.1: 300 PPPK at year 0 (after the PNS-only
    history), a quarter part-time, each with a post of their own, an appraisal record, a 9-box, and a
    contract begun within the last five years (since mid-2019), so renewals spread over 2024-2028."""
    plain = Simulation(load(), 0, years=1)
    sim = Simulation(load(STOCK), 0, years=6, observers=[Invariants()])
    wf, start = sim.wf, sim.world.month
    rows = np.flatnonzero(wf.active & (wf.employment != PNS))
    assert rows.size == 300 and np.count_nonzero(wf.employment[rows] == PPPK_PART_TIME) == 75
    levels = np.array(sim.est.keys)[wf.level[rows]]
    assert (levels == "pelaksana").sum() == 200 and (levels == "guru_pertama").sum() == 100
    added = sim.est.posts - plain.est.posts
    assert added[sim.est.keys.index("pelaksana")] == 200 and added.sum() == 300
    assert (wf.skp[rows, :2] != NO_PREDIKAT).all() and (wf.box[rows] > 0).all()
    begun = wf.service_since[rows]
    assert (begun <= start / 12).all() and (begun >= start / 12 - 4.5).all() and begun.std() > 1
    months_left = wf.contract_end[rows] - start
    assert months_left.min() >= 1 and months_left.max() <= 60 and np.unique(months_left).size > 40
    org = sim.run().org.set_index("year")
    assert org.headcount_pppk[0] == 300
    assert org.headcount_pns[0] == plain.world.recorder.tables()[1].headcount_pns[0]
    assert org.contract_renewals[1:6].gt(0).sum() >= 4  # renewals in most of the first five years


def test_pppk_at_the_start_are_the_same_people_for_every_policy():
    """The stock joins after the cached spin-up, so every policy of a comparison starts with it."""
    first = Simulation(load(STOCK), 0, years=1)
    again = Simulation(load(STOCK, "policy.name=seniority"), 0, years=1)  # from the cached spin-up
    keys = [np.sort(s.wf.key[s.wf.active & (s.wf.employment != PNS)]) for s in (first, again)]
    np.testing.assert_array_equal(*keys)


def test_national_starts_with_bkn_s_pppk_of_june_2023():
    sc = meritsim.load_scenario("national", ["organisation.scale=0.01"])
    org = Simulation(sc, 0, years=1).run().org.set_index("year")
    assert org.headcount_pppk[0] == pytest.approx(4871, abs=3)  # 487,127 x 0.01
    assert org.honorer_converted[1] == pytest.approx(6159, abs=3)  # the 2024 conversion, 615,918
