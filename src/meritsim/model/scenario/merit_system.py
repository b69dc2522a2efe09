"""Scenario sections of the merit system in depth (docs/explanation/domain.md): competency assessment, talent
management, training, open selection for JPT, integrity and KKN, transfers, the merit index.

Defaults follow the published figures of docs/explanation/domain.md where there is one; every other
default is an assumption, stated in its description, to be varied in sweeps.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Month, Strict

#: The 8 managerial competencies of PermenPANRB 38/2017, each at levels 1-5.
Competency = Literal[
    "integrity",
    "cooperation",
    "communication",
    "results_orientation",
    "public_service",
    "developing_self_and_others",
    "managing_change",
    "decision_making",
]
COMPETENCIES: tuple[str, ...] = get_args(Competency)  # in order; the one spelling of the list


class Assessment(Strict):
    """Competency assessment: an assessment centre (periodic, capacity-limited, with error) and
    self-assessment (optimistic) for those it has not reached."""

    error_sd: float = Field(
        1.0, ge=0, le=100, description="Assessment-centre error of assessed competence, competence units."
    )
    managerial_error_sd: float = Field(
        0.5, ge=0, le=10, description="Assessment-centre error of each managerial competency, levels (1-5)."
    )
    potential_error_sd: float = Field(0.1, ge=0, le=1, description="Error of assessed potential (0-1).")
    frequency_years: float = Field(
        3.0,
        ge=0.5,
        le=20,
        description="Years between assessments of a person (Banten: every ASN at least every 3 years).",
    )
    valid_years: float = Field(
        3.0,
        ge=0.5,
        le=20,
        description="Years an assessment stays valid: older results no longer count in merit scores "
        "(a self-assessment does) nor in assessment coverage (assumption: one cycle).",
    )
    capacity_share: float = Field(
        0.34, ge=0, le=1, description="People the centre can assess per year, as a share of staff."
    )
    month: Month = Field(6, description="Month in which the year's assessments close.")
    self_optimism: float = Field(
        0.8, ge=-10, le=10, description="Optimism of self-assessed competence, competence units (assumption)."
    )
    self_noise_sd: float = Field(1.0, ge=0, le=10, description="Noise of self-assessment, competence units.")
    managerial_spread_sd: float = Field(
        0.5, ge=0, le=3, description="Spread of a person's managerial levels around their overall level."
    )


class Talent(Strict):
    """Talent management: the 9-box and the talent pool (PermenPANRB 3/2020; Kepka BKN 411/2025)."""

    competency_weight: float = Field(0.40, ge=0, le=1, description="Potential axis: assessed competency.")
    potential_weight: float = Field(0.25, ge=0, le=1, description="Potential axis: assessed potential.")
    qualification_weight: float = Field(0.20, ge=0, le=1, description="Potential axis: education.")
    integrity_weight: float = Field(0.15, ge=0, le=1, description="Potential axis: integrity/morality.")
    potential_low: float = Field(
        0.54, ge=0, le=1, description="Potential axis below this: low (about the lowest quarter of default)."
    )
    potential_high: float = Field(
        0.72,
        ge=0,
        le=1,
        description="Potential axis at or above this: high (about the top 15 % of "
        "default, so that about 15 % of staff are in the talent pool; assumption).",
    )
    succession_first: bool = Field(
        True, description="merit: fill posts from the talent pool (boxes 7-9) before anyone else."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Talent:
        if self.potential_low > self.potential_high:
            raise ValueError("potential_low must not exceed potential_high")
        if (
            self.competency_weight + self.potential_weight + self.qualification_weight + self.integrity_weight
            <= 0
        ):
            raise ValueError("at least one potential-axis weight must be positive")
        return self


class Training(Strict):
    """Training (diklat) assigned by assessed gap, within a budget and the centre's seats."""

    budget_million_rp: float = Field(
        2000.0, ge=0, le=1e9, description="Yearly budget at scale 1, million Rp (x organisation.scale)."
    )
    cost_million_rp: float = Field(5.0, gt=0, le=1e6, description="Cost per participant, million Rp.")
    seats: int = Field(500, ge=0, le=10_000_000, description="Seats per year at scale 1 (x scale).")
    competence_gain: float = Field(
        0.5,
        ge=0,
        le=10,
        description="Competence gained by a participant at the bottom of the scale; "
        "the gain shrinks linearly to 0 at the maximum (diminishing returns).",
    )
    managerial_gain: float = Field(
        0.5, ge=0, le=4, description="Level gained in the trained competency, shrinking to 0 at level 5."
    )
    catalogue: list[Competency] = Field(
        default_factory=lambda: cast("list[Competency]", list(COMPETENCIES)),  # equal, checked at import
        min_length=1,
        description="Managerial competencies the training centre offers courses in; each participant "
        "is trained in the offered competency with the largest assessed gap.",
    )
    on_job_learning: float = Field(
        0.01,
        ge=0,
        le=1,
        description="Share of the gap to maximum competence closed per year at work (assumption).",
    )
    month: Month = Field(9, description="Month in which the year's training ends.")


class OpenSelection(Strict):
    """Open selection for levels with selection_months > 0 (JPT; UU 5/2014 art. 108, PermenPANRB 15/2019)."""

    shortlist: int = Field(
        3,
        ge=0,
        le=20,
        description="Candidates the committee proposes per post, by assessed score "
        "(0 = no committee: the policy picks among all eligible).",
    )
    acting_factor: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Effectiveness of an acting official (plt) in a vacant post, as a "
        "share of the mean competence of the levels below (assumption).",
    )


class Kkn(Strict):
    """Integrity and KKN: bribes for posts, their detection and sanction, and demotivation."""

    enforcement: float = Field(
        0.3, ge=0, le=1, description="Enforcement (a lever): lowers acceptance of bribes, raises detection."
    )
    integrity_threshold: float = Field(
        0.5, ge=0, le=1, description="Candidates with integrity below this may offer a bribe."
    )
    attempt_probability: float = Field(0.2, ge=0, le=1, description="Chance such a candidate offers one.")
    acceptance_probability: float = Field(
        0.5, ge=0, le=1, description="Chance the appointing official accepts, before enforcement."
    )
    detection_probability: float = Field(
        0.3, ge=0, le=1, description="Yearly chance an irregular appointment is detected at full enforcement."
    )
    shortlist_override_probability: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Chance that an appointing official who favours affinity ignores the committee's "
        "shortlist in an open selection, before enforcement (assumption); appointing someone not on "
        "it is irregular.",
    )
    price_million_rp: float = Field(
        100.0, ge=0, le=1e6, description="Price of a post per level rank above entry, million Rp."
    )
    sanction: Literal["dismissal", "none"] = Field("dismissal", description="What detection leads to.")
    motivation_loss: float = Field(
        0.3, ge=0, le=1, description="Motivation lost by a high performer passed over (motivation 0-1)."
    )
    motivation_recovery: float = Field(0.2, ge=0, le=1, description="Motivation regained per year.")
    demotivated_attrition: float = Field(
        0.05, ge=0, le=1, description="Extra quit rate per year at zero motivation."
    )
    performance_effect: float = Field(
        0.2, ge=0, le=1, description="Share of competence not put to work at zero motivation."
    )


class Transfers(Strict):
    """Transfers (mutasi) between units to balance workload (a lever)."""

    share_per_year: float = Field(
        0.0, ge=0, le=1, description="Largest share of staff moved per year to balance workload."
    )
    month: Month = Field(7, description="Month of the yearly transfer round.")


class MeritIndex(Strict):
    """Weights of the 8 aspects of the merit-system index estimate (the instrument BKN and
    KemenPANRB took over from KASN; weights were not published, so they are parameters) and the
    assumed scores of the two aspects the model does not simulate (left out by default)."""

    needs_planning: float = Field(1.0, ge=0, le=10, description="Weight: needs planning.")
    procurement: float = Field(1.0, ge=0, le=10, description="Weight: procurement (recruitment).")
    career_development: float = Field(1.0, ge=0, le=10, description="Weight: career development.")
    promotion_transfer: float = Field(1.0, ge=0, le=10, description="Weight: promotion and transfer.")
    performance_management: float = Field(1.0, ge=0, le=10, description="Weight: performance management.")
    pay_awards_discipline: float = Field(1.0, ge=0, le=10, description="Weight: pay, awards, discipline.")
    protection_services: float = Field(
        0.0, ge=0, le=10, description="Weight: protection and services (not simulated: 0 leaves it out)."
    )
    information_systems: float = Field(
        0.0, ge=0, le=10, description="Weight: information systems (not simulated: 0 leaves it out)."
    )
    protection_score: float = Field(
        0.75, ge=0, le=1, description="Score (0-1) of protection and services, not simulated (assumption)."
    )
    information_systems_score: float = Field(
        0.75, ge=0, le=1, description="Score (0-1) of information systems, not simulated (assumption)."
    )

    @model_validator(mode="after")
    def _some_weight(self) -> MeritIndex:
        weights = (
            self.needs_planning,
            self.procurement,
            self.career_development,
            self.promotion_transfer,
            self.performance_management,
            self.pay_awards_discipline,
            self.protection_services,
            self.information_systems,
        )
        if sum(weights) <= 0:
            raise ValueError("at least one aspect weight must be positive")
        return self
