"""Base of the scenario models: strictness and shared field types."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Month = Literal[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]


class Strict(BaseModel):
    """Base: unknown keys and silent type coercion are errors; values are immutable."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
