"""The promotion policy section (a lever) and reforms."""

from __future__ import annotations

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict


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


class History(Strict):
    """A spin-up before year 0: the scenario's own rules run for ``years`` under the status-quo
    ``policy``, so that the start is a steady state (ages, ranks, appraisal records, vacancies)
    rather than a hand-made profile; year 0 is its end. Ignored for an imported workforce, which
    starts as it is."""

    years: int = Field(
        0, ge=0, le=200, description="Spin-up years before year 0 (0 = start from the profiles as they are)."
    )
    policy: PolicySpec = Field(
        default_factory=lambda: PolicySpec(name="seniority"),
        description="The status-quo policy of the spin-up (default: seniority, the DUK order).",
    )
