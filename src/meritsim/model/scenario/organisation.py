"""The establishment section: post levels, who is recruited and who is there at the start, units;
a starting workforce synthesised from published margins, and an imported one."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict
from meritsim.model.scenario.codes import EducationCode, EducationShares, RankCode
from meritsim.model.scenario.distributions import AgeProfile
from meritsim.model.scenario.synthesis import Synthesis


def _unset(value: object) -> bool:
    """Fields added after 0.3.0 are left out of the resolved scenario while unset, so that a
    scenario that does not use them keeps its parameters hash."""
    return value is None


def _check_shares(shares: EducationShares, what: str) -> None:
    if not shares:
        raise ValueError(f"{what}: give at least one education level with a positive share")
    if any(v < 0 for v in shares.values()):
        raise ValueError(f"{what}: shares must be >= 0, got {shares}")
    total = sum(shares.values())
    if abs(total - 1.0) > 1e-6:
        raise ValueError(f"{what}: shares must add up to 1, they add up to {total:g}")


class RecruitProfile(Strict):
    """Who is recruited (CPNS) into an entry level."""

    education: EducationShares = Field(
        default_factory=lambda: EducationShares({"S1": 1.0}),
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
        default_factory=lambda: EducationShares({"S1": 1.0}), description="Share of staff by education."
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
    family: str = Field(
        "",
        description="Post family for reporting (e.g. teacher, health, functional, structural, "
        "pelaksana); free text.",
    )
    credits_per_year: float = Field(
        0.0,
        ge=0,
        le=1000,
        description="Functional levels: credit points (angka kredit) a year of work earns at a Baik "
        "appraisal (the jenjang's coefficient, PermenPANRB 1/2023); 0 = no credit points.",
    )
    credits_to_rise: float = Field(
        0.0,
        ge=0,
        le=10_000,
        description="Functional levels: credit points needed to move up to a higher jenjang "
        "(PermenPANRB 1/2023); the move then needs only a vacant post, and the promotion policy "
        "chooses only when there are more candidates than posts.",
    )
    rank_step_on_entry: bool = Field(
        False,
        description="An appointment here lifts a candidate one rank step below min_rank to it "
        "(kenaikan pangkat with kenaikan jenjang of functional posts).",
    )
    supervised_by: str | None = Field(
        None,
        description="Level of the direct superiors: nobody here is promoted above the highest rank "
        "held at that level in their unit (PP 99/2000); unset = no such cap.",
    )
    study_rate: float = Field(
        0.0,
        ge=0,
        le=1,
        description="In-service study (izin/tugas belajar): share of this level's staff who gain the "
        "next degree each year (SLTA/diploma -> S1 -> S2 -> S3; assumption).",
    )
    agency: Literal["central", "regional"] | None = Field(
        None,
        exclude_if=_unset,
        description="Central (ministries and agencies) or regional (provinces, regencies, cities) "
        "government, as BKN counts PNS; for reporting and the comparison with BKN's figures; "
        "unset = not said.",
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
    synthesis: Synthesis | None = Field(
        None,
        exclude_if=_unset,
        description="Build the starting workforce from BKN's published margins of a date (the "
        "level profiles are the seed of the fit); unset = draw it from the level profiles.",
    )

    def posts(self, key: str) -> int:
        """Posts of a level after scaling (at least 1, unless the level has none)."""
        posts = self.levels[key].posts
        return max(1, round(posts * self.scale)) if posts else 0

    @model_validator(mode="after")
    def _staffable(self) -> Organisation:
        from meritsim.model.scenario.structure import check_structure

        check_structure(self)
        if not any(level.weight > 0 and level.posts > 0 for level in self.levels.values()):
            raise ValueError("levels: at least one level with posts needs a weight above 0 (effectiveness)")
        return self


class WorkforceSource(Strict):
    """Start from a real, pseudonymised workforce (`meritsim import-workforce`) instead of the
    synthetic generator; latent traits are still drawn from ``traits``."""

    snapshot: str = Field(description="Snapshot file (Parquet), relative to the scenario file.")
    snapshot_date: str = Field(description="Date of the export (YYYY-MM-DD); simulated date 0.")
