"""Distributions of scenario values: a truncated normal, and ages."""

from __future__ import annotations

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict


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
