"""The synthesis section: a starting workforce built from BKN's published margins.

``organisation.synthesis`` replaces the level profiles' draws at the start by a workforce whose
joint distribution matches the published figures of one date (see
:mod:`meritsim.model.synthesis`); the level profiles become the seed of that fit. The synthesised
workforce is the state at that date, year 0: a spin-up (``history.years``) would age it away from
the margins it was fitted to, so the two do not go together.

Where the start's own date has no margins (only a total, as on 30 Jun 2019), ``shares_from``
names the date whose margins are taken instead, an assumption. With ``backcast`` (the default),
when that date is later, the margins describe the start's people as they will be then: aged by
the years between, those who reach their level's retirement age before it left out (they keep
the level profiles' weight); recruits in between are not in the start at all.
"""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Literal, get_args

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict

#: The published dimensions the synthesis can fit (the people's own: the establishment fixes how
#: many hold each level, and so the jabatan type and the agency).
Margin = Literal["age", "service", "education", "sex"]
MARGINS: tuple[str, ...] = get_args(Margin)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Synthesis(Strict):
    """Build the starting workforce from the published margins of one date by iterative
    proportional fitting (raking) of a seed table drawn from the level profiles."""

    date: str = Field(
        description="Date (YYYY-MM-DD) of the published figures the start matches, e.g. "
        "2023-06-30; the synthesised workforce is the state at that date (year 0). BKN's "
        "statistics must have a figure of PNS there (a total at least)."
    )
    shares_from: str | None = Field(
        None,
        description="Date (YYYY-MM-DD) of the published margins to fit, when date has none: e.g. "
        "2023-06-30 for a start on 2019-06-30, whose only figure is the total (an ASSUMPTION that "
        "they hold, said so in the scenario); unset = date. The headcount is always the "
        "establishment's (posts x fill).",
    )
    backcast: bool = Field(
        True,
        description="With shares_from after date: fit the start's people as they will be at "
        "shares_from, aged by the years between, those who reach their level's retirement age "
        "before then left out of the age and service margins (they keep the level profiles' "
        "weight); false = the start itself takes shares_from's shares, unaged.",
    )
    area: str = Field("national", description="Area of the figures: national or a province key.")
    margins: list[Margin] = Field(
        default_factory=lambda: list(get_args(Margin)),
        min_length=1,
        description="Published dimensions of PNS to fit: age (BKN's bands), service (years of "
        "service bands), education (school, diploma, bachelor or higher), sex (share of women).",
    )
    tolerance: float = Field(
        1e-6,
        gt=0,
        le=0.01,
        description="Convergence of the fit: the largest gap between a fitted and a published "
        "margin, as a share of the workforce.",
    )
    max_iterations: int = Field(
        1000, ge=1, le=100_000, description="Rounds of the fit before it gives up with an error."
    )

    @property
    def margins_date(self) -> str:
        """The date whose published margins are fitted."""
        return self.shares_from or self.date

    @property
    def shift_years(self) -> float:
        """Years the people are aged before they are compared with the margins (backcast)."""
        if not (self.backcast and self.shares_from):
            return 0.0
        return (Date.fromisoformat(self.shares_from) - Date.fromisoformat(self.date)).days / 365.25

    @model_validator(mode="after")
    def _published(self) -> Synthesis:
        for field in ("date", "shares_from"):
            value = getattr(self, field)
            if value is not None and not _valid_date(value):
                raise ValueError(f"{field}: expected YYYY-MM-DD, e.g. 2023-06-30 (got {value!r})")
        if len(set(self.margins)) != len(self.margins):
            raise ValueError(f"margins: each dimension once (got {self.margins})")
        from meritsim.model.scenario.statistics import published, published_dates

        dates = published_dates("PNS", self.area)
        if self.date not in dates:
            shown = ", ".join(dates) or "none"
            raise ValueError(
                f"date: BKN's statistics have no figures of PNS in {self.area!r} at {self.date}; "
                f"dates with figures there: {shown}"
            )
        field, when = ("shares_from", self.shares_from) if self.shares_from else ("date", self.date)
        missing = [m for m in self.margins if published(m, when, population="PNS", area=self.area).empty]
        if missing:
            hint = "" if self.shares_from else "; shares_from can name a date that has them"
            raise ValueError(
                f"{field}: BKN's statistics have no figures of PNS in {self.area!r} at {when} by "
                f"{', '.join(missing)} (the margins to fit; params/statistics/README.md lists what is "
                f"published){hint}"
            )
        if self.shift_years < 0:
            raise ValueError(
                f"shares_from: {self.shares_from} is before date ({self.date}): a backcast ages the "
                "start forward to the margins' date; set backcast: false to take earlier shares as "
                "they are"
            )
        return self


def _valid_date(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        Date.fromisoformat(text)
    except ValueError:
        return False
    return True


def check_synthesis(synthesis: Synthesis | None, history_years: int, imported: bool) -> None:
    """A synthesised start is year 0 itself: no spin-up before it, no imported workforce beside it."""
    if synthesis is None:
        return
    if imported:
        raise ValueError(
            "organisation.synthesis: a scenario starts either from an imported workforce "
            "(workforce) or from a synthesised one, not both"
        )
    if history_years:
        raise ValueError(
            f"history.years: must be 0 with organisation.synthesis (got {history_years}): the "
            "synthesised workforce is the state at its date, and a spin-up would age it away from "
            "the published margins; the starting appraisal records, rank, post and assessment "
            "dates are made consistent without one"
        )
