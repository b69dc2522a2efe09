"""The scenario schema: one strict pydantic model tree, every value with a default, bounds and a unit.

Levers (what an analyst controls: ``policy``, ``policy_change``, ``rules``) and uncertainties of
the world (``traits``, ``assessment`` error, attrition) live in separate sections so that sweeps
can vary them differently.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Month, Strict
from meritsim.model.scenario.codes import EducationCode, EducationShares, PredikatName, RankCode
from meritsim.model.scenario.distributions import AgeProfile, TruncatedNormal
from meritsim.model.scenario.mechanisms import Mechanisms, Yardstick
from meritsim.model.scenario.merit_system import (
    Assessment,
    Kkn,
    MeritIndex,
    OpenSelection,
    Talent,
    Training,
    Transfers,
)
from meritsim.model.scenario.organisation import (
    InitialProfile,
    Level,
    Organisation,
    RecruitProfile,
    WorkforceSource,
)
from meritsim.model.scenario.people import Traits
from meritsim.model.scenario.policy import History, MeritWeights, PolicyChange, PolicySpec
from meritsim.model.scenario.pppk import HonorerConversion, Pppk, check_pppk
from meritsim.model.scenario.rules import (
    Appraisal,
    Carryover,
    Exits,
    RankPromotion,
    Recruitment,
    Rules,
    Staffing,
)
from meritsim.model.scenario.supervision import Supervision
from meritsim.model.scenario.synthesis import Synthesis, check_synthesis
from meritsim.model.scenario.timeline import Timeline, check_timeline

__all__ = [
    "AgeProfile",
    "Appraisal",
    "Assessment",
    "Carryover",
    "EducationCode",
    "EducationShares",
    "Exits",
    "History",
    "HonorerConversion",
    "InitialProfile",
    "Kkn",
    "Level",
    "Mechanisms",
    "MeritIndex",
    "MeritWeights",
    "Month",
    "OpenSelection",
    "Organisation",
    "PolicyChange",
    "PolicySpec",
    "Pppk",
    "PredikatName",
    "RankCode",
    "RankPromotion",
    "RecruitProfile",
    "Recruitment",
    "Rules",
    "Scenario",
    "Staffing",
    "Strict",
    "Supervision",
    "Synthesis",
    "Talent",
    "Timeline",
    "Training",
    "Traits",
    "Transfers",
    "TruncatedNormal",
    "WorkforceSource",
    "Yardstick",
]


class Scenario(Strict):
    """A complete, validated scenario."""

    name: str = Field("scenario", description="Scenario name, used in outputs.")
    description: str = Field("", description="What the scenario represents, with sources.")
    seed: int = Field(20261123, ge=0, le=2**63 - 1, description="Master random seed.")
    years: int = Field(30, ge=1, le=200, description="Simulated years.")
    replications: int = Field(10, ge=1, le=100_000, description="Independent replications.")
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
    history: History = Field(default_factory=History, description="Spin-up to a steady start.")
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
    mechanisms: Mechanisms = Field(
        default_factory=Mechanisms, description="Switches: which mechanisms act (for decompositions)."
    )
    yardstick: Yardstick = Field(
        default_factory=Yardstick, description="The independent yardstick every policy is judged by."
    )
    supervision: Supervision = Field(
        default_factory=Supervision,
        description="The merit-system supervisor at the start and in the history (events may change it).",
    )
    timeline: Timeline = Field(
        default_factory=Timeline,
        description="Calendar years; dated formations, BUP changes, post conversions, supervisors "
        "and honorer conversions.",
    )
    pppk: Pppk = Field(
        default_factory=Pppk,
        exclude_if=lambda value: value == Pppk(),  # a scenario without PPPK keeps its parameters hash
        description="PPPK, the contract staff of the ASN: recruitment share, contracts and their "
        "renewal, retirement age, the levels open to them; unset = no PPPK.",
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
        check_timeline(self.timeline, self.organisation)
        check_pppk(self.pppk, self.timeline, self.organisation)
        check_synthesis(self.organisation.synthesis, self.history.years, self.workforce is not None)
        m = self.rules.exits.min_competence
        if m is not None and m > c.max:
            raise ValueError(f"rules.exits.min_competence ({m:g}) exceeds traits.competence.max")
        return self
