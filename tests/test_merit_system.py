"""The merit system in depth: each rule on its own, then its effects on seeded replications."""

from __future__ import annotations

import numpy as np
import pytest

import meritsim
from meritsim import ScenarioError
from meritsim.model import appointments
from meritsim.model.calendar import Simulation
from meritsim.model.record import Recorder
from meritsim.model.rules import assessment, kkn, talent, training, transfers
from meritsim.model.rules.merit_index import ASPECTS, category, merit_index
from meritsim.model.scenario.domain import BAIK, EDUCATION_INDEX, PREDIKAT_INDEX, RANK_INDEX
from meritsim.model.scenario.merit_system import Assessment, Kkn, Talent, Training
from meritsim.model.scenario.schema import TruncatedNormal
from meritsim.model.streams import Draws
from meritsim.model.workforce import Workforce
from meritsim.model.world import World

COMP = TruncatedNormal(mean=7, sd=2, min=1, max=10)


def people(n: int, level: int = 0) -> Workforce:
    wf = Workforce.empty(n)
    wf.key[:] = np.arange(n)
    wf.level[:] = level
    wf.competence[:] = 7.0
    wf.managerial[:] = 3.0
    return wf


# -- assessment ------------------------------------------------------------------------------


def test_assessment_centre_capacity_and_order():
    """Never assessed first, then the oldest assessment, up to the centre's capacity."""
    wf = people(10)
    wf.assessed_at[:] = [np.nan, -5, -1, np.nan, -4, -2.9, -3.5, np.nan, 0.5, -10]
    due = assessment.due(wf, 0.0, Assessment(capacity_share=0.5, frequency_years=3))
    assert sorted(due.tolist()) == [0, 1, 3, 7, 9]  # the never assessed (0, 3, 7), then the oldest


def test_assessment_error_and_self_assessment_optimism():
    wf = people(4)
    wf.competence[:] = [2.0, 5.0, 8.0, 9.8]
    exact = Assessment(
        error_sd=0, managerial_error_sd=0, potential_error_sd=0, self_noise_sd=0, self_optimism=0.8
    )
    dice = Draws(0, 0).at("assessment", 1)
    got = assessment.estimated_competence(wf, np.arange(4), exact, COMP, dice)
    assert got.tolist() == pytest.approx([2.8, 5.8, 8.8, 10.0])  # self-view: optimistic, clipped
    assessment.assess(wf, np.arange(2), 1.0, exact, COMP, dice)
    got = assessment.estimated_competence(wf, np.arange(4), exact, COMP, dice)
    assert got[:2].tolist() == [2.0, 5.0] and wf.assessed_at[:2].tolist() == [1.0, 1.0]
    noisy = Assessment(error_sd=2.0)
    assessment.assess(wf, np.arange(4), 2.0, noisy, COMP, dice)
    assert not np.allclose(wf.assessed_competence, wf.competence)


def test_job_fit_gap_against_the_required_level(org):
    wf = people(3, level=org.keys.index("administrator"))  # requires level 3
    wf.managerial[0] = 2.0
    wf.managerial[1] = 4.0
    wf.managerial[2] = [1, 1, 3, 3, 3, 3, 5, 5]
    assert assessment.job_fit_gap(wf, org).tolist() == pytest.approx([1.0, 0.0, 0.5])


# -- talent management -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predikat", "potential", "box"),
    [
        ("Sangat Baik", 0.9, 9),
        ("Baik", 0.9, 8),
        ("Sangat Baik", 0.6, 7),
        ("Kurang", 0.9, 6),
        ("Baik", 0.6, 5),
        ("Sangat Baik", 0.1, 4),
        ("Butuh Perbaikan", 0.6, 3),
        ("Baik", 0.1, 2),
        ("Sangat Kurang", 0.1, 1),
    ],
)
def test_nine_box_follows_domain(predikat, potential, box):
    wf = people(1)
    wf.skp[0, 0] = PREDIKAT_INDEX[predikat]
    wf.assessed_potential[:] = potential
    only_potential = Talent(
        competency_weight=0, potential_weight=1, qualification_weight=0, integrity_weight=0
    )
    talent.place(wf, np.arange(1), only_potential)
    assert wf.box[0] == box
    assert talent.in_talent_pool(wf, np.arange(1))[0] == (box >= 7)


def test_potential_axis_weights():
    wf = people(1)
    wf.assessed_managerial[:] = 5.0  # competency 1.0
    wf.assessed_level[:] = 5.0
    wf.assessed_potential[:] = 0.5
    wf.integrity[:] = 0.0
    wf.education[:] = 9  # S3: qualification 1.0
    score = talent.potential_axis(wf, np.arange(1), Talent())
    assert score[0] == pytest.approx(0.40 * 1 + 0.25 * 0.5 + 0.20 * 1 + 0.15 * 0)
    wf.skp[0, 0] = -1
    talent.place(wf, np.arange(1), Talent())
    assert wf.box[0] == 0  # no appraisal yet: not placed


# -- training ---------------------------------------------------------------------------------


def test_training_participants_are_capped_by_seats_and_budget():
    assert training.participants(Training(seats=500, budget_million_rp=2000, cost_million_rp=5), 1.0) == 400
    assert training.participants(Training(seats=300, budget_million_rp=2000, cost_million_rp=5), 1.0) == 300
    assert training.participants(Training(seats=300, budget_million_rp=0, cost_million_rp=5), 1.0) == 0
    assert training.participants(Training(seats=500, budget_million_rp=2000, cost_million_rp=5), 0.1) == 40


def test_training_goes_to_the_largest_assessed_gaps_with_diminishing_returns(org):
    wf = people(4, level=org.keys.index("jpt_madya"))  # requires level 5
    wf.assessed_at[:] = 0.0
    wf.assessed_managerial[:] = 4.0
    wf.assessed_managerial[1, 3] = 1.0  # the largest gap: competency 3
    wf.assessed_managerial[2, 0] = 2.0
    wf.competence[:] = [7.0, 2.0, 9.5, 7.0]
    wf.assessed_min[:] = wf.assessed_managerial.min(axis=1)  # kept by the assessment in a run
    cfg = Training(seats=2, budget_million_rp=1e6, competence_gain=0.9, managerial_gain=1.0)
    trained = training.train(wf, org, cfg, 1.0, COMP)
    assert trained.tolist() == [1, 2]
    assert wf.managerial[1, 3] == pytest.approx(3.0 + 1.0 * (5 - 3.0) / 4)
    assert wf.competence[1] - 2.0 > wf.competence[2] - 9.5 > 0  # far from the top gains more
    narrow = Training(seats=4, budget_million_rp=1e6, catalogue=["integrity"])
    assert set(training.train(wf, org, narrow, 1.0, COMP).tolist()) == {0, 1, 2, 3}


# -- KKN ------------------------------------------------------------------------------------------


def test_bribes_need_low_integrity_an_offer_and_weak_enforcement():
    wf = people(1000)
    wf.integrity[:] = 0.2
    pool = np.arange(1000)
    dice = Draws(1, 0).at("bribery", 1)
    open_market = Kkn(attempt_probability=1, acceptance_probability=1, enforcement=0)
    assert kkn.bought(wf, pool, 5, open_market, dice).size == 5
    enforced = Kkn(attempt_probability=1, acceptance_probability=1, enforcement=1)
    assert kkn.bought(wf, pool, 5, enforced, dice).size == 0
    wf.integrity[:] = 0.9
    assert kkn.bought(wf, pool, 5, open_market, dice).size == 0


def test_detection_scales_with_enforcement_and_passed_over_lose_motivation():
    wf = people(10_000)
    wf.irregular[:] = True
    dice = Draws(2, 0).at("detection", 1)
    assert kkn.detected(wf, Kkn(enforcement=0.0), dice).size == 0
    found = kkn.detected(wf, Kkn(enforcement=1.0, detection_probability=0.3), dice).size
    assert 2700 < found < 3300
    kkn.pass_over(wf, np.arange(3), Kkn(motivation_loss=0.3))
    assert wf.motivation[:4].tolist() == pytest.approx([0.7, 0.7, 0.7, 1.0])
    assert kkn.working_competence(wf, np.arange(4), Kkn(performance_effect=0.2))[0] == pytest.approx(7 * 0.94)


def test_open_selection_committee_shortlists_three_per_post(scenario, org):
    """Even the 'worst' appointing official can only pick from the committee's three best."""
    worst = scenario.policy.model_copy(update={"name": "worst"})
    sc = scenario.model_copy(update={"kkn": Kkn(attempt_probability=0), "policy": worst})
    wf = people(20, level=org.keys.index("administrator"))
    wf.competence[:] = np.linspace(3, 9.5, 20)
    wf.assessed_potential[:] = 0.5
    wf.skp[:, :2] = BAIK
    wf.rank[:] = RANK_INDEX["IV/b"]
    wf.education[:] = EDUCATION_INDEX["S2"]
    wf.born[:] = -45.0
    wf.post_since[:] = -5.0
    world = World(sc, org, wf, Draws(1, 0), Recorder(org, sc, 0), sc.policy)
    filled = appointments.fill(world, org.keys.index("jpt_pratama"), 1)
    assert filled.rows[0] >= 14 and not filled.irregular.any()  # among the best assessed, not row 0


# -- transfers and the merit index --------------------------------------------------------------


def test_transfers_move_staff_towards_workload():
    wf = people(1000)
    wf.unit[:] = 0  # everyone in unit 0 of 4
    before = transfers.balance(wf, 4, 0.3)
    moved = transfers.rebalance(wf, 4, 0.3, 0.5, Draws(3, 0).at("transfers", 1))
    assert moved == 500 and transfers.balance(wf, 4, 0.3) > before
    assert transfers.workload_shares(5, 0.0).tolist() == pytest.approx([0.2] * 5)


@pytest.mark.parametrize(
    ("score", "name"),
    [
        (400, "IV Sangat Baik"),
        (325, "IV Sangat Baik"),
        (324.9, "III Baik"),
        (250, "III Baik"),
        (249, "II Kurang"),
        (175, "II Kurang"),
        (174.9, "I Buruk"),
        (0, "I Buruk"),
    ],
)
def test_merit_index_categories(score, name):
    assert category(score) == name


def test_merit_index_formula(scenario):
    year = {
        "headcount": 90, "posts": 100, "hires": 8, "entry_vacancies": 10, "assessed_valid": 90,
        "senior_appointments": 0, "senior_from_pool": 0, "trained": 5, "with_gap": 10,
        "merit_consistent": 10, "irregular_merit": 0, "appointments": 10, "appraisals": 90,
        "appraisals_accurate": 45, "irregular_holders": 0, "detected": 0, "irregular_checked": 0,
    }  # fmt: skip
    index, scores = merit_index(scenario, year)
    assert scores["needs_planning"] == pytest.approx(0.9) and scores["procurement"] == pytest.approx(0.8)
    assert scores["career_development"] == pytest.approx((1 + 0.5) / 2)  # no senior appointment: left out
    assert scores["promotion_transfer"] == 1.0 and scores["performance_management"] == 0.5
    assert scores["pay_awards_discipline"] == 1.0  # nothing irregular to detect: left out
    simulated = [a for a in ASPECTS if a not in ("protection_services", "information_systems")]
    assert index == pytest.approx(
        400 * np.mean([scores[a] for a in simulated])
    )  # the 2 unsimulated: weight 0
    only = scenario.merit_index.model_copy(
        update=dict.fromkeys((a for a in ASPECTS if a != "needs_planning"), 0.0)
    )
    index, _ = merit_index(scenario.model_copy(update={"merit_index": only}), year)
    assert index == pytest.approx(400 * 0.9)


def test_acting_officials_fill_vacant_senior_posts_at_reduced_effectiveness():
    runs = {}
    for factor in (0.0, 1.0):
        s = meritsim.load_scenario(
            "default",
            ["organisation.levels.jpt_madya.initial.fill=0.0", f"open_selection.acting_factor={factor}"],
        )
        runs[factor] = Simulation(s, years=1).run().org.effectiveness.iloc[0]
    assert runs[1.0] > runs[0.0]


# -- bad values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("training.budget_million_rp=-5", "greater than or equal to 0"),
        ("kkn.enforcement=1.5", "less than or equal to 1"),
        ("kkn.attempt_probability=-0.1", "greater than or equal to 0"),
        ("assessment.capacity_share=2", "less than or equal to 1"),
        ("training.catalogue=[integrity, leadership]", "Input should be 'integrity'"),
        ("training.catalogue=[decision_makin]", "Did you mean 'decision_making'?"),
        ("talent.potential_low=0.9", "potential_low must not exceed potential_high"),
        ("organisation.levels.pengawas.required_competency=6", "less than or equal to 5"),
    ],
)
def test_bad_merit_system_values_are_rejected(override, message):
    with pytest.raises(ScenarioError) as info:
        meritsim.load_scenario("default", [override])
    assert message in str(info.value)


# -- effects on seeded replications --------------------------------------------------------------

SMALL = ["organisation.scale=0.2", "open_selection.shortlist=0", "history.years=10"]


def senior(
    policy: str, *more: str, years: int = 15, reps: int = 4, outcome: str = "senior_competence_final"
) -> np.ndarray:
    res = meritsim.simulate(
        "default", overrides=[*SMALL, f"policy.name={policy}", *more], years=years, replications=reps
    )
    return res.outcomes[outcome].to_numpy()


def test_perfect_assessment_and_carryover_make_merit_clearly_better_than_lottery():
    exact = ["assessment.error_sd=0", "rules.carryover.redraw_share=0"]
    merit, lottery = senior("merit", *exact), senior("lottery", *exact)
    diff = merit - lottery  # paired: common random numbers
    assert diff.mean() > 0.8 and (diff > 0).all()


def test_merit_advantage_shrinks_toward_zero_as_assessment_error_grows():
    """Merit on assessed competence alone, everyone assessed every year (no self-assessment):
    the noisier the assessment, the less merit beats a lottery."""
    only_assessment = [
        "policy.merit_weights={competence: 1.0, appraisal: 0.0, potential: 0.0}",
        "talent.succession_first=false",
        "assessment.capacity_share=1.0",
        "assessment.frequency_years=1",
    ]
    mean = {"reps": 6, "outcome": "senior_competence_mean"}  # the top posts are few: mean over years
    lottery = senior("lottery", *only_assessment, **mean)
    advantage = {
        e: (senior("merit", *only_assessment, f"assessment.error_sd={e}", **mean) - lottery).mean()
        for e in (0, 2, 100)
    }
    assert advantage[0] > advantage[2] > advantage[100]
    assert abs(advantage[100]) < 0.25 * advantage[0]


def test_more_enforcement_means_fewer_irregular_appointments():
    irregular = {}
    for e in (0.0, 0.5, 1.0):
        res = meritsim.simulate(
            "default", overrides=[*SMALL, f"kkn.enforcement={e}"], years=10, replications=3
        )
        irregular[e] = res.org.irregular_appointments.sum()
    assert irregular[0.0] > irregular[0.5] > irregular[1.0] == 0


def test_training_budget_raises_competence_up_to_the_seat_capacity():
    """Seats 500 at Rp 5 million: budgets beyond Rp 2,500 million buy nothing more."""
    mean = {}
    for budget in (0, 1000, 2500, 5000):
        res = meritsim.simulate(
            "default", overrides=[*SMALL, f"training.budget_million_rp={budget}"], years=10, replications=2
        )
        mean[budget] = res.summary.mean_competence_final.mean()
    assert mean[0] < mean[1000] < mean[2500]
    assert mean[5000] == mean[2500]
