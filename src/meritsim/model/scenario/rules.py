"""The civil-service rules section: appraisal, rank promotion, exits, staffing, recruitment and
the carry-over of competence on promotion."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Month, Strict
from meritsim.model.scenario.codes import PredikatName


class Appraisal(Strict):
    """Yearly SKP appraisal (PermenPANRB 6/2022): results x behaviour -> predikat."""

    month: Month = Field(12, description="Month of the year in which the appraisal closes.")
    results_noise_sd: float = Field(
        1.0, ge=0, le=10, description="Noise of observed results around competence, comp. units."
    )
    results_above: float = Field(8.0, description="Observed results at or above: above expectation.")
    results_below: float = Field(5.0, description="Observed results below: below expectation.")
    favouritism: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Supervisor favouritism: observed results + favouritism x 4 x (affinity - 0.5), "
        "competence units ('like and dislike' in the appraisal; 0 = none).",
    )
    behaviour_noise_sd: float = Field(
        0.15, ge=0, le=1, description="Noise of observed behaviour around integrity (0-1 units)."
    )
    behaviour_above: float = Field(0.85, description="Observed behaviour at or above: above.")
    behaviour_below: float = Field(0.4, description="Observed behaviour below: below expectation.")
    record_years: int = Field(
        2, ge=1, le=5, description="Years of appraisal record that promotions look at, years."
    )
    min_predikat: PredikatName | None = Field(
        "Baik",
        description="Predikat needed in each year of the record for rank and post promotion; "
        "unset = no requirement.",
    )
    organisation_predikat: Literal["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"] = Field(
        "Baik",
        description="The organisation's own predikat, which caps the share of Sangat Baik in each "
        "unit (SE MenPANRB: Istimewa 70 %, Butuh Perbaikan and Kurang 10 %, Sangat Kurang none; "
        "Baik 30 %, since at most 70 % may be Baik: an assumption).",
    )
    credit_conversion: dict[PredikatName, float] = Field(
        default_factory=lambda: dict[PredikatName, float](
            {"Sangat Baik": 1.5, "Baik": 1.0, "Butuh Perbaikan": 0.75, "Kurang": 0.5, "Sangat Kurang": 0.25}
        ),
        description="Share of a functional level's yearly credit points earned at each predikat "
        "(PermenPANRB 1/2023 conversion of SKP to angka kredit).",
    )  # fmt: skip

    @model_validator(mode="after")
    def _thresholds(self) -> Appraisal:
        if self.results_below > self.results_above:
            raise ValueError("results_below must not exceed results_above")
        if self.behaviour_below > self.behaviour_above:
            raise ValueError("behaviour_below must not exceed behaviour_above")
        return self


class RankPromotion(Strict):
    """Regular rank promotion (KP reguler, PP 99/2000 art. 6-7)."""

    enabled: bool = Field(True, description="Whether ranks advance at all.")
    min_years_in_rank: float = Field(4.0, ge=1, le=20, description="Years in rank needed, years.")
    months: list[Month] = Field(
        default_factory=lambda: list[Month]([2, 4, 6, 8, 10, 12]),
        description="Promotion dates in the year (six per year since 2023).",
    )


class Exits(Strict):
    """Retirement at BUP, voluntary attrition and dismissal."""

    check_months: list[Month] = Field(
        default_factory=lambda: list[Month]([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        description="Months in which retirements and quits take effect.",
    )
    attrition_rate: float = Field(
        0.005, ge=0, le=0.5, description="Voluntary quit rate, per person per year."
    )
    dismissal_predikat: PredikatName | None = Field(
        "Sangat Kurang",
        description="A predikat at or below this counts as poor for dismissal; unset = none.",
    )
    dismissal_years: int = Field(
        3, ge=1, le=10, description="Consecutive poor appraisals that lead to dismissal, years."
    )
    min_competence: float | None = Field(
        None,
        description="Latent competence below which people are dismissed at each exit check "
        "(the Peter-principle model uses 4); unset = never.",
    )


class Staffing(Strict):
    """Filling vacant posts by promotion (top level first, so vacancies cascade down)."""

    months: list[Month] = Field(
        default_factory=lambda: list[Month]([3, 6, 9, 12]), description="Months of the staffing rounds."
    )


class Recruitment(Strict):
    """CPNS recruitment into entry levels."""

    months: list[Month] = Field(default_factory=lambda: list[Month]([12]), description="Recruitment months.")
    fill_share: float = Field(
        1.0, ge=0, le=1, description="Share of entry-level vacancies filled by each wave."
    )


class Carryover(Strict):
    """How competence carries over on promotion: Peter hypothesis to common sense."""

    redraw_share: float = Field(
        0.0,
        ge=0,
        le=1,
        description="1 = competence redrawn from the recruitment distribution (Peter hypothesis), "
        "0 = kept plus a uniform change (common-sense hypothesis); between: a mix.",
    )
    change_min: float = Field(-1.0, ge=-10, le=10, description="Lower bound of the change.")
    change_max: float = Field(1.0, ge=-10, le=10, description="Upper bound of the change.")
    potential_effect: float = Field(
        0.5,
        ge=0,
        le=10,
        description="Shift of the change by potential: + e x (2 potential - 1) competence units, so "
        "high potential carries competence better to a higher post (assumption; 0 = none).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Carryover:
        if self.change_min > self.change_max:
            raise ValueError("change_min must not exceed change_max")
        return self


class Rules(Strict):
    """The civil-service rules (levers an analyst may change)."""

    appraisal: Appraisal = Field(default_factory=Appraisal, description="Yearly SKP appraisal.")
    rank_promotion: RankPromotion = Field(
        default_factory=RankPromotion, description="Regular rank promotion."
    )
    exits: Exits = Field(default_factory=Exits, description="Retirement, attrition, dismissal.")
    staffing: Staffing = Field(default_factory=Staffing, description="Staffing rounds.")
    recruitment: Recruitment = Field(default_factory=Recruitment, description="CPNS recruitment.")
    carryover: Carryover = Field(
        default_factory=Carryover, description="Competence carried over on promotion."
    )
