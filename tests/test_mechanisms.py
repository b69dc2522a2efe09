"""Every mechanism has a switch, and documented parameters change what they say."""

from __future__ import annotations

import numpy as np
import pytest

import meritsim
from meritsim.model.scenario.mechanisms import Mechanisms

SMALL = ["organisation.scale=0.3"]


def run(*overrides: str, policy: str = "merit", years: int = 8, reps: int = 2) -> meritsim.Results:
    return meritsim.simulate(
        "default", overrides=[*SMALL, f"policy.name={policy}", *overrides], years=years, replications=reps
    )


#: what a mechanism needs to act at all in the default province (default: nothing more)
ACTING = {
    "supervision": ["supervision.kind=independent"],
    "contract_renewal": ["pppk.recruitment_share={pelaksana: 0.5}", "pppk.renewal_predikat=Sangat Baik"],
}


@pytest.mark.parametrize("switch", list(Mechanisms.model_fields))
def test_switching_a_mechanism_off_changes_the_run(switch):
    busy = ["rules.appraisal.favouritism=0.5", "kkn.attempt_probability=0.5", *ACTING.get(switch, [])]
    on = run(*busy, policy="patronage").org
    off = run(*busy, f"mechanisms.{switch}=false", policy="patronage").org
    assert not on.drop(columns=["scenario"]).equals(off.drop(columns=["scenario"])), switch


def test_favouritism_bends_the_appraisal_towards_the_favoured():
    """Patronage with favouritism 0 and 1: different predikat and rank promotions
    (`rules.appraisal.favouritism` was documented but ignored before)."""
    fair = run("rules.appraisal.favouritism=0", policy="patronage", reps=3).org
    bent = run("rules.appraisal.favouritism=1", policy="patronage", reps=3).org
    predikat = [c for c in fair.columns if c.startswith("predikat_")]
    assert not np.allclose(fair[predikat].sum(), bent[predikat].sum(), rtol=0.02)
    assert fair.rank_promotions.sum() != bent.rank_promotions.sum()
    off = run("rules.appraisal.favouritism=1", "mechanisms.favouritism=false", policy="patronage", reps=3).org
    assert (off[predikat].to_numpy() == fair[predikat].to_numpy()).all()


def test_favouritism_changes_who_is_dismissed_for_poor_appraisals():
    """With a dismissal rule that bites (two years at Butuh Perbaikan or below), bent appraisals
    dismiss more: the unfavoured are rated down."""
    rule = [
        "organisation.scale=0.1",
        "history.years=5",
        "rules.exits.dismissal_predikat=Butuh Perbaikan",
        "rules.exits.dismissal_years=2",
    ]
    fair, bent = (
        run(*rule, f"rules.appraisal.favouritism={f}", policy="patronage", reps=2).org.dismissals.sum()
        for f in (0, 1)
    )
    assert fair > 0 and bent > 1.1 * fair


def test_potential_causes_growth_so_a_merit_score_that_weighs_it_does_better():
    """When potential matters (it speeds up learning and training and carries competence to a
    higher post), a merit score that weighs it puts better people in the top posts than one that
    does not; with the potential mechanism off, weighing it only dilutes the score."""
    weights = "policy.merit_weights={competence: 0.5, appraisal: 0.3, potential: %s}"
    matters = ["traits.potential_effect=1", "rules.carryover.potential_effect=1"]

    def senior(potential_weight: str, *more: str) -> np.ndarray:
        out = run(weights % potential_weight, "assessment.potential_error_sd=0", *more, years=20, reps=4)
        return out.outcomes.senior_competence_mean.to_numpy()

    gain = (senior("0.5", *matters) - senior("0.0", *matters)).mean()
    assert gain > 0.05
    inert = (senior("0.5", "mechanisms.potential=false") - senior("0.0", "mechanisms.potential=false")).mean()
    assert inert < gain - 0.1


def test_potential_sets_the_pace_of_learning():
    from meritsim.model.rules.training import growth
    from meritsim.model.workforce import Workforce

    wf = Workforce.empty(3)
    wf.potential[:] = [0.0, 0.5, 1.0]
    assert growth(wf, slice(None), 0.5).tolist() == [0.5, 1.0, 1.5]
    assert growth(wf, slice(None), 0.0) == 1.0


def test_the_demotivated_quit_sooner():
    """``kkn.demotivated_attrition``: high performers passed over (many under patronage) quit
    within the year at that extra rate, so more leave by attrition."""
    quits = {
        a: run(f"kkn.demotivated_attrition={a}", "history.years=10", policy="patronage").org.attritions.sum()
        for a in (0.0, 1.0)
    }
    assert quits[1.0] > 1.4 * quits[0.0], quits
