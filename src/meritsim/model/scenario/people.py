"""Latent traits of people (uncertainties of the world)."""

from __future__ import annotations

from pydantic import Field

from meritsim.model.scenario.base import Strict
from meritsim.model.scenario.distributions import TruncatedNormal


class Traits(Strict):
    """Latent traits of people as drawn at recruitment (and at the start)."""

    competence: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=7, sd=2, min=1, max=10),
        description="Latent competence; its max is the scale's maximum used in effectiveness.",
    )
    potential: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.5, sd=0.2, min=0, max=1),
        description="Potential (0-1): how fast competence grows and how well it carries to a higher "
        "post (see potential_effect); assessed potential enters merit scores and the 9-box.",
    )
    structural_interest: float = Field(
        0.3,
        ge=0,
        le=1,
        description="Share of functional staff who would take a structural post if chosen (the "
        "others stay on the functional track; assumption).",
    )
    potential_effect: float = Field(
        0.5,
        ge=0,
        le=1,
        description="How much potential speeds up learning and training: gains x (1 + e x (2 "
        "potential - 1)), so e = 0.5 gives half the gain at potential 0 and 1.5 times at 1 "
        "(assumption; 0 = potential causes nothing).",
    )
    integrity: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.7, sd=0.15, min=0, max=1),
        description="Integrity (0-1); drives the behaviour rating of the appraisal.",
    )
    affinity: TruncatedNormal = Field(
        default_factory=lambda: TruncatedNormal(mean=0.5, sd=0.3, min=0, max=1),
        description="Affinity to the appointing official (0-1), what patronage rewards.",
    )
