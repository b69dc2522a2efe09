"""Each civil-service rule against the regulations: appraisal, rank promotion, retirement, eligibility."""

from __future__ import annotations

import numpy as np
import pytest

from meritsim.model.rules.appraisal import appraise, rate, record
from meritsim.model.rules.carryover import carry_over
from meritsim.model.rules.exits import ATTRITION, DISMISSAL, RETIREMENT, due_exits, update_exit_dates
from meritsim.model.rules.rank_promotion import due_rank_promotions
from meritsim.model.scenario.domain import BAIK, EDUCATION_INDEX, PREDIKAT_INDEX, RANK_INDEX
from meritsim.model.scenario.schema import Appraisal, Carryover, Exits, TruncatedNormal
from meritsim.model.streams import Draws
from meritsim.model.workforce import NO_PREDIKAT, Workforce
from staff import staff


def person(org, level_key: str, rank_code: str, education_code: str, **kw) -> Workforce:
    """A one-row workforce: aged 40 at date 0, four years in rank and post, two Baik years;
    keyword arguments overwrite fields."""
    return staff(org, level_key, rank_code, education_code, **kw)


# -- appraisal (PermenPANRB 6/2022) --------------------------------------------------------


def test_rating_thresholds():
    observed = np.array([4.99, 5.0, 7.99, 8.0])
    assert rate(observed, below=5.0, above=8.0).tolist() == [0, 1, 1, 2]


def test_appraisal_without_noise_follows_the_matrix(org):
    wf = Workforce.empty(3)
    wf.competence[:] = [9.0, 6.0, 3.0]  # results above / as expected / below
    wf.integrity[:] = [0.9, 0.2, 0.6]  # behaviour above / below / as expected
    cfg = Appraisal(results_noise_sd=0.0, behaviour_noise_sd=0.0)
    got = appraise(wf, np.arange(3), cfg, Draws(0, 0).at("appraisal"))
    assert got.tolist() == [
        PREDIKAT_INDEX["Sangat Baik"],
        PREDIKAT_INDEX["Kurang"],
        PREDIKAT_INDEX["Butuh Perbaikan"],
    ]


def test_record_shifts_history_and_dismisses_after_consecutive_poor_years():
    wf = Workforce.empty(2)
    rows = np.arange(2)
    exits = Exits(dismissal_predikat="Sangat Kurang", dismissal_years=3)
    worst, good = PREDIKAT_INDEX["Sangat Kurang"], BAIK
    for year in range(3):
        due = record(wf, rows, np.array([worst, good if year == 1 else worst]), exits)
    assert due.tolist() == [0]  # row 1's streak was broken in year 2
    assert wf.skp[0, :3].tolist() == [worst] * 3 and wf.skp[0, 3] == NO_PREDIKAT


# -- regular rank promotion (PP 99/2000) -----------------------------------------------------


def test_s1_pelaksana_climbs_every_four_years_to_iii_d_then_stops(scenario, org):
    """PP 99/2000: III/a -> III/b at +4, III/c at +8, III/d at +12, then stops."""
    wf = person(org, "pelaksana", "III/a", "S1", rank_since=0.0)
    cfg = scenario.rules.rank_promotion
    reached = {}
    for month in range(1, 12 * 20 + 1):
        date = month / 12
        rows = due_rank_promotions(wf, org, date, cfg)
        wf.rank[rows] += 1
        wf.rank_since[rows] = date
        if rows.size:
            reached[int(wf.rank[0])] = date
    assert reached == {RANK_INDEX["III/b"]: 4.0, RANK_INDEX["III/c"]: 8.0, RANK_INDEX["III/d"]: 12.0}


@pytest.mark.parametrize(
    ("change", "promoted"),
    [
        ({}, True),
        ({"rank_since": -3.9}, False),  # less than 4 years in rank
        ({"skp": BAIK - 1}, False),  # not Baik in both of the last two years
        ({"skp": NO_PREDIKAT}, False),  # no appraisal record yet (a new CPNS)
        ({"rank": RANK_INDEX["III/d"]}, False),  # at the S1 education ceiling
    ],
)
def test_rank_promotion_conditions(scenario, org, change, promoted):
    wf = person(org, "pelaksana", "III/b", "S1", **change)
    rows = due_rank_promotions(wf, org, 0.0, scenario.rules.rank_promotion)
    assert (rows.size == 1) is promoted


def test_post_rank_range_caps_structural_officials(scenario, org):
    """A pengawas (eselon IV, rank range up to III/d) with S2 stops at III/d although the S2
    education ceiling is IV/a; an administrator can reach IV/b."""
    cfg = scenario.rules.rank_promotion
    capped = person(org, "pengawas", "III/d", "S2")
    assert due_rank_promotions(capped, org, 0.0, cfg).size == 0
    admin = person(org, "administrator", "IV/a", "S1")
    assert due_rank_promotions(admin, org, 0.0, cfg).size == 1


# -- retirement (BUP, PP 11/2017 art. 239), attrition, dismissal -----------------------------


@pytest.mark.parametrize(
    ("level", "bup"),
    [("pelaksana", 58), ("pengawas", 58), ("administrator", 58), ("ahli_muda", 58),
     ("jpt_pratama", 60), ("jpt_madya", 60), ("ahli_madya", 60), ("ahli_utama", 65)],
)  # fmt: skip
def test_retirement_age_by_post(org, level, bup):
    wf = person(org, level, "IV/c", "S2")
    update_exit_dates(wf, org, np.arange(1))
    assert wf.exit_at[0] == pytest.approx(-40.0 + bup)
    exits = Exits(attrition_rate=0.0)
    assert due_exits(wf, org, bup - 40 - 1 / 12, exits)[RETIREMENT].size == 0
    assert due_exits(wf, org, bup - 40.0, exits)[RETIREMENT].tolist() == [0]


def test_quits_and_competence_dismissal(org):
    wf = person(org, "pelaksana", "II/a", "SLTA", quit_at=1.0, competence=3.0)
    update_exit_dates(wf, org, np.arange(1))
    out = due_exits(wf, org, 1.0, Exits(min_competence=4.0))
    assert out[ATTRITION].tolist() == [0] and out[DISMISSAL].size == 0
    out = due_exits(wf, org, 0.5, Exits(min_competence=4.0))
    assert out[DISMISSAL].tolist() == [0] and out[ATTRITION].size == 0


# -- eligibility for posts (PP 13/2002, PermenPANRB 15/2019) ----------------------------------------------


def jpt_candidate(org, **change) -> Workforce:
    base = {"born": -50.0, "post_since": -2.0}
    return person(org, "administrator", "IV/b", "S1", **{**base, **change})


@pytest.mark.parametrize(
    ("change", "eligible"),
    [
        ({}, True),
        ({"level": 2}, True),  # administrator is index 2 in default
        ({"rank": RANK_INDEX["IV/a"]}, False),  # below IV/b
        ({"post_since": -1.9}, False),  # under 2 years as administrator
        ({"born": -56.5}, False),  # older than 56
        ({"education": EDUCATION_INDEX["D-III"]}, False),  # below S1
        ({"skp": BAIK - 1}, False),  # appraisal record below Baik
    ],
)
def test_jpt_pratama_eligibility(org, change, eligible):
    wf = jpt_candidate(org, **change)
    got = org.eligible(wf, org.keys.index("jpt_pratama"), 0.0)
    assert (got.size == 1) is eligible


def test_functional_ahli_madya_may_compete_for_jpt_pratama(org):
    """...if they want a structural post (the structural_interest trait)."""
    jpt = org.keys.index("jpt_pratama")
    wf = person(org, "ahli_madya", "IV/b", "S2", born=-50.0, post_since=-3.0, structural_interest=True)
    assert org.eligible(wf, jpt, 0.0).size == 1
    wf.structural_interest[:] = False
    assert org.eligible(wf, jpt, 0.0).size == 0
    wf = person(org, "ahli_muda", "IV/b", "S2", born=-50.0, post_since=-3.0, structural_interest=True)
    assert org.eligible(wf, jpt, 0.0).size == 0


# -- competence on promotion: Peter hypothesis to common sense -------------------------------


def test_carryover_spans_peter_to_common_sense():
    dice = Draws(1, 0).at("carryover", 1)
    keys = np.arange(20_000, dtype=np.uint32)
    dist = TruncatedNormal(mean=7, sd=2, min=1, max=10)
    old = np.full(20_000, 9.5)
    kept = carry_over(old, keys, Carryover(redraw_share=0.0), dist, dice)
    assert kept.min() >= 8.5 and kept.max() <= 10.0
    redrawn = carry_over(old, keys, Carryover(redraw_share=1.0), dist, dice)
    assert abs(redrawn.mean() - 6.8) < 0.1 and redrawn.min() >= 1.0
    mixed = carry_over(old, keys, Carryover(redraw_share=0.5), dist, dice)
    assert redrawn.mean() < mixed.mean() < kept.mean()


def test_nobody_is_appointed_past_the_posts_retirement_age(org):
    """Eligibility excludes candidates already at or past the target level's BUP."""
    target = org.keys.index("pengawas")  # BUP 58
    young = person(org, "pelaksana", "III/b", "S1", born=-57.9)
    old = person(org, "pelaksana", "III/b", "S1", born=-58.0)
    assert org.eligible(young, target, 0.0).size == 1
    assert org.eligible(old, target, 0.0).size == 0
