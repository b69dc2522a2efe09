"""The scenario schema: one strict pydantic model tree, every value with a default, bounds and a unit.

Levers (what an analyst controls: ``policy``, ``policy_change``, ``rules``) and uncertainties of
the world (``traits``, ``assessment`` error, attrition) live in separate sections so that sweeps
can vary them differently.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from meritsim.params.domain import EDUCATION, PREDIKAT, RANKS
from meritsim.params.merit_system import (
    Assessment,
    Kkn,
    MeritIndex,
    OpenSelection,
    Talent,
    Training,
    Transfers,
)
from meritsim.params.schema_base import Month, Strict

RankCode = Literal[RANKS]
EducationCode = Literal[EDUCATION]
PredikatName = Literal[PREDIKAT]
EducationShares = dict[EducationCode, float]


def _check_shares(shares: dict[str, float], what: str) -> None:
    if not shares:
        raise ValueError(f"{what}: give at least one education level with a positive share")
    if any(v < 0 for v in shares.values()):
        raise ValueError(f"{what}: shares must be >= 0, got {shares}")
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"{what}: shares must add up to 1, they add up to {total:g}")


class TruncatedNormal(Strict):
    """A normal distribution truncated to [min, max] (values outside are redrawn)."""

    mean: float = Field(description="Mean before truncation.")
    sd: float = Field(ge=0, le=1000, description="Standard deviation before truncation (>= 0).")
    min: float = Field(description="Lowest value allowed.")
    max: float = Field(description="Highest value allowed.")

    @model_validator(mode="after")
    def _ordered(self) -> TruncatedNormal:
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) must not exceed max ({self.max:g})")
        if self.sd == 0 and not self.min <= self.mean <= self.max:
            raise ValueError(f"with sd 0 the mean ({self.mean:g}) must lie in [min, max]")
        return self


class AgeProfile(TruncatedNormal):
    """Age in years, truncated normal."""

    mean: float = Field(26.0, ge=15, le=75, description="Mean age, years.")
    sd: float = Field(4.0, ge=0, le=30, description="Standard deviation of age, years.")
    min: float = Field(18.0, ge=15, le=75, description="Youngest age, years.")
    max: float = Field(35.0, ge=15, le=75, description="Oldest age, years.")


class RecruitProfile(Strict):
    """Who is recruited (CPNS) into an entry level."""

    education: EducationShares = Field(
        default_factory=lambda: {"S1": 1.0},
        description="Share of recruits by education; sets their entry rank (PP 99/2000).",
    )
    female_share: float = Field(0.5, ge=0, le=1, description="Share of women among recruits.")
    age: AgeProfile = Field(default_factory=AgeProfile, description="Age at recruitment, years.")

    @model_validator(mode="after")
    def _shares(self) -> RecruitProfile:
        _check_shares(self.education, "education")
        return self


class InitialProfile(Strict):
    """The level's staff at the start of the simulation (synthetic generator)."""

    fill: float = Field(0.97, ge=0, le=1, description="Share of the level's posts filled at start.")
    education: EducationShares = Field(
        default_factory=lambda: {"S1": 1.0}, description="Share of staff by education."
    )
    female_share: float = Field(0.5, ge=0, le=1, description="Share of women.")
    age: AgeProfile = Field(
        default_factory=lambda: AgeProfile(mean=42, sd=9, min=20, max=57),
        description="Age at the start, years.",
    )
    entry_age: AgeProfile = Field(
        default_factory=AgeProfile,
        description="Age at which they entered the service, years (sets years of service).",
    )

    @model_validator(mode="after")
    def _shares(self) -> InitialProfile:
        _check_shares(self.education, "education")
        return self


class Level(Strict):
    """A post level (jabatan): its size, who may be appointed to it, and its rules."""

    label: str = Field("", description="Display name, e.g. 'JPT Pratama'; defaults to the key.")
    track: Literal["administrative", "functional"] = Field(
        "administrative", description="Career track the level belongs to."
    )
    posts: int = Field(
        ge=0, le=50_000_000, description="Number of posts (establishment); 0 = the level has none."
    )
    weight: float = Field(
        ge=0, le=1, description="Responsibility weight of the level in effectiveness (0-1)."
    )
    promotes_from: list[str] = Field(
        default_factory=list,
        description="Levels whose members may be promoted here; empty = entry level, filled by recruitment.",
    )
    min_rank: RankCode = Field("I/a", description="Lowest rank that may be appointed here.")
    max_rank: RankCode | None = Field(
        None,
        description="Highest rank reachable while holding this post; unset = the education "
        "ceiling of regular promotion applies (PP 99/2000).",
    )
    retirement_age: float = Field(
        58, ge=40, le=75, description="Retirement age (BUP) while holding this post, years."
    )
    min_years_in_source: float = Field(
        0, ge=0, le=40, description="Years a candidate must have held the level below, years."
    )
    max_age: float | None = Field(
        None, ge=18, le=75, description="Oldest age at appointment, years; unset = no limit."
    )
    min_education: EducationCode | None = Field(None, description="Lowest education admitted.")
    selection_months: int = Field(
        0,
        ge=0,
        le=36,
        description="Months from vacancy to appointment; > 0 runs an open selection per vacancy "
        "(JPT), 0 fills vacancies at the next staffing round.",
    )
    required_competency: int = Field(
        1, ge=1, le=5, description="Required managerial competency level (PermenPANRB 38/2017)."
    )
    recruit: RecruitProfile | None = Field(
        None, description="Who is recruited into this level; required for entry levels."
    )
    initial: InitialProfile = Field(default_factory=InitialProfile, description="Staff at the start.")


class Organisation(Strict):
    """The establishment: post levels (listed bottom to top) and units (OPD)."""

    units: int = Field(12, ge=1, le=100_000, description="Number of organisational units (OPD).")
    scale: float = Field(1.0, gt=0, le=10_000, description="Multiplier applied to every level's posts.")
    levels: dict[str, Level] = Field(description="Post levels by key, listed bottom to top.")
    unit_workload_cv: float = Field(
        0.3,
        ge=0,
        le=3,
        description="Spread (coefficient of variation) of the units' workloads, what transfers "
        "balance staff towards; 0 = equal (assumption).",
    )

    def posts(self, key: str) -> int:
        """Posts of a level after scaling (at least 1, unless the level has none)."""
        posts = self.levels[key].posts
        return max(1, round(posts * self.scale)) if posts else 0

    @model_validator(mode="after")
    def _staffable(self) -> Organisation:
        from meritsim.params.structure import check_structure

        check_structure(self)
        if not any(level.weight > 0 and level.posts > 0 for level in self.levels.values()):
            raise ValueError("levels: at least one level with posts needs a weight above 0 (effectiveness)")
        return self


class WorkforceSource(Strict):
    """Start from a real, pseudonymised workforce (`meritsim import-workforce`) instead of the
    synthetic generator; latent traits are still drawn from ``traits``."""

    snapshot: str = Field(description="Snapshot file (Parquet), relative to the scenario file.")
    snapshot_date: str = Field(description="Date of the export (YYYY-MM-DD); simulated date 0.")


class Traits(Strict):
    """Latent traits of people as drawn at recruitment (and at the start)."""

    competence: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=7, sd=2, min=1, max=10),
        description="Latent competence; its max is the scale's maximum used in effectiveness.",
    )
    potential: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.5, sd=0.2, min=0, max=1),
        description="Potential (0-1), used by merit scores.",
    )
    integrity: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.7, sd=0.15, min=0, max=1),
        description="Integrity (0-1); drives the behaviour rating of the appraisal.",
    )
    affinity: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.5, sd=0.3, min=0, max=1),
        description="Affinity to the appointing official (0-1), what patronage rewards.",
    )


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
        default_factory=lambda: [2, 4, 6, 8, 10, 12],
        description="Promotion dates in the year (six per year since 2023).",
    )


class Exits(Strict):
    """Retirement at BUP, voluntary attrition and dismissal."""

    check_months: list[Month] = Field(
        default_factory=lambda: list(range(1, 13)),
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
        default_factory=lambda: [3, 6, 9, 12], description="Months of the staffing rounds."
    )


class Recruitment(Strict):
    """CPNS recruitment into entry levels."""

    months: list[Month] = Field(default_factory=lambda: [12], description="Recruitment months.")
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


class MeritWeights(Strict):
    """Weights of the documented merit score (normalised to sum to 1)."""

    competence: float = Field(0.5, ge=0, le=1, description="Assessed competence / competence max.")
    appraisal: float = Field(0.3, ge=0, le=1, description="Mean predikat of the record / 4.")
    potential: float = Field(0.2, ge=0, le=1, description="Potential (0-1).")

    @model_validator(mode="after")
    def _positive(self) -> MeritWeights:
        if self.competence + self.appraisal + self.potential <= 0:
            raise ValueError("at least one merit weight must be positive")
        return self


class PolicySpec(Strict):
    """The promotion policy (a lever) and the parameters of the built-in policies."""

    name: str = Field("merit", description="Registered policy name (see `meritsim policies`).")
    merit_weights: MeritWeights = Field(
        default_factory=MeritWeights, description="Weights of the merit score (merit, patronage, hybrid)."
    )
    patronage_strength: float = Field(
        0.5, ge=0, le=1, description="patronage: bias added for affinity; 0 = pure merit."
    )
    hybrid_merit_share: float = Field(
        0.7, ge=0, le=1, description="hybrid: weight of merit against seniority."
    )
    alternate_best_probability: float = Field(
        0.5, ge=0, le=1, description="alternate: probability of promoting the best (else worst)."
    )
    options: dict[str, float | int | str | bool] = Field(
        default_factory=dict, description="Free options for policies added by plug-ins."
    )


class PolicyChange(Strict):
    """A reform: a different policy from a given year on."""

    year: int = Field(ge=1, le=200, description="First simulated year under the new policy.")
    policy: PolicySpec = Field(description="The policy in force from `year` on.")


class Scenario(Strict):
    """A complete, validated scenario."""

    name: str = Field("scenario", description="Scenario name, used in outputs.")
    description: str = Field("", description="What the scenario represents, with sources.")
    seed: int = Field(20261123, ge=0, le=2**63 - 1, description="Master random seed.")
    years: int = Field(30, ge=1, le=200, description="Simulated years.")
    replications: int = Field(1, ge=1, le=100_000, description="Independent replications.")
    organisation: Organisation = Field(description="The establishment: levels, posts, units.")
    workforce: WorkforceSource | None = Field(
        None, description="A real starting workforce; unset = the synthetic generator."
    )
    traits: Traits = Field(default_factory=Traits, description="Latent traits of people (uncertainty).")
    assessment: Assessment = Field(
        default_factory=Assessment, description="Competency assessment (uncertainty)."
    )
    rules: Rules = Field(default_factory=Rules, description="Civil-service rules (levers).")
    policy: PolicySpec = Field(default_factory=PolicySpec, description="Promotion policy (lever).")
    policy_change: PolicyChange | None = Field(None, description="Optional reform.")
    talent: Talent = Field(default_factory=Talent, description="Talent management: 9-box, talent pool.")
    training: Training = Field(default_factory=Training, description="Training (diklat).")
    open_selection: OpenSelection = Field(
        default_factory=OpenSelection, description="Open selection for JPT posts."
    )
    kkn: Kkn = Field(default_factory=Kkn, description="Integrity and KKN: bribery, detection, demotivation.")
    transfers: Transfers = Field(default_factory=Transfers, description="Transfers (mutasi) between units.")
    merit_index: MeritIndex = Field(
        default_factory=MeritIndex, description="Weights of the merit-system index estimate."
    )

    @model_validator(mode="after")
    def _coherent(self) -> Scenario:
        if self.policy_change is not None and self.policy_change.year > self.years:
            raise ValueError(
                f"policy_change.year ({self.policy_change.year}) is after the last simulated "
                f"year ({self.years})"
            )
        c = self.traits.competence
        for key, level in self.organisation.levels.items():
            if level.initial.age.max > level.retirement_age:
                raise ValueError(
                    f"organisation.levels.{key}.initial.age.max ({level.initial.age.max:g}) must "
                    f"not exceed its retirement_age ({level.retirement_age:g})"
                )
        m = self.rules.exits.min_competence
        if m is not None and m > c.max:
            raise ValueError(f"rules.exits.min_competence ({m:g}) exceeds traits.competence.max")
        return self
