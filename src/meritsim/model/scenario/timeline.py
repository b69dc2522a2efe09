"""The timeline section: calendar years and dated events (CPNS and PPPK formations and moratoria,
BUP changes, the conversion of structural posts to functional posts, changes of supervisor, the
conversion of honorary staff to PPPK).

Year 0 of a run is the end of calendar year ``start_year``; simulated year y is calendar year
``start_year + y``. Every event takes effect in January of its calendar year, before the month's
exits (a formation applies to that year's recruitment waves). An event dated in or before
``start_year`` is refused (the starting state already holds it); events after the run's last year
are ignored, so one timeline serves runs of any length.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict
from meritsim.model.scenario.errors import suggestion
from meritsim.model.scenario.pppk import HonorerConversion
from meritsim.model.scenario.supervision import Supervision

if TYPE_CHECKING:
    from meritsim.model.scenario.organisation import Organisation

Year = Annotated[int, Field(ge=1900, le=2300)]
Cpns = Annotated[int, Field(ge=0, le=10_000_000)]
Share = Annotated[float, Field(ge=0, le=1)]
Age = Annotated[float, Field(ge=40, le=75)]
KINDS = ("recruitment", "retirement_age", "conversion", "supervision", "honorer_conversion")
SPREAD = ("recruitment", "conversion", "honorer_conversion")  # kinds that may last until a year


class Formation(Strict):
    """CPNS formations of a year per entry level: a number of recruits, a share of the vacancies,
    or none at all (a moratorium). Levels not named keep ``rules.recruitment``."""

    cpns: dict[str, Cpns] = Field(
        default_factory=dict,
        description="CPNS recruited in the year per entry level, at organisation.scale 1 (scaled "
        "like posts), over the year's recruitment waves; at most the level's vacancies (0 = none).",
    )
    fill_share: dict[str, Share] = Field(
        default_factory=dict,
        description="Share of the entry level's vacancies each wave fills, instead of "
        "rules.recruitment.fill_share.",
    )
    moratorium: bool = Field(False, description="No CPNS at all in any entry level (a moratorium).")
    pppk_share: dict[str, Share] = Field(
        default_factory=dict,
        description="Share of the year's recruits in the entry level who are PPPK (the PPPK "
        "formation; cpns then counts CPNS and PPPK together), instead of pppk.recruitment_share.",
    )

    @model_validator(mode="after")
    def _one_rule(self) -> Formation:
        if self.moratorium and (self.cpns or self.fill_share or self.pppk_share):
            raise ValueError("a moratorium recruits nobody: leave out cpns, fill_share and pppk_share")
        if not (self.moratorium or self.cpns or self.fill_share or self.pppk_share):
            raise ValueError("give cpns, fill_share, pppk_share or moratorium: true")
        both = sorted(set(self.cpns) & set(self.fill_share))
        if both:
            raise ValueError(f"cpns: {', '.join(both)} also in fill_share; give one rule per level")
        return self


class Conversion(Strict):
    """Structural posts converted to functional posts (penyetaraan jabatan, the 2019-2021
    bureaucratic simplification): ``share`` of the posts ``from_level`` has when the conversion
    starts become posts of ``to_level``, spread evenly over ``year`` .. ``until``; a proportional
    number of holders (chosen at random) move with them, keeping rank, competence and
    credits."""

    from_level: str = Field(description="A structural level (administrative, filled by promotion, "
                            "no open selection), e.g. pengawas or administrator.")  # fmt: skip
    to_level: str = Field(description="A functional level, e.g. ahli_muda or ahli_madya.")
    share: float = Field(gt=0, le=1, description="Share of the level's posts converted in all.")


class TimelineEvent(Strict):
    """One dated event: exactly one of ``recruitment``, ``retirement_age``, ``conversion``,
    ``supervision`` and ``honorer_conversion``."""

    year: Year = Field(description="Calendar year in which it takes effect (in January).")
    until: Year | None = Field(
        None,
        description="Last calendar year of a recruitment formation (it holds each year), a "
        "conversion or an honorer conversion (spread evenly); unset = the one year.",
    )
    note: str = Field("", description="What the event is, with its source.")
    recruitment: Formation | None = Field(None, description="The year's CPNS formations.")
    retirement_age: dict[str, Age] | None = Field(
        None,
        description="New retirement age (BUP) of levels, years, from this year on; exit dates of "
        "their holders are recomputed.",
    )
    conversion: Conversion | None = Field(None, description="Structural posts made functional.")
    supervision: Supervision | None = Field(
        None, description="The supervisor in force from this year on (it replaces the one before)."
    )
    honorer_conversion: HonorerConversion | None = Field(
        None, description="Honorary staff appointed PPPK (full-time or part-time) with posts of their own."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> TimelineEvent:
        given = [k for k in KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            found = f" (got {', '.join(given)})" if given else ""
            raise ValueError(f"give exactly one of {', '.join(KINDS)}{found}")
        if self.until is not None:
            if given[0] not in SPREAD:
                raise ValueError(f"until: applies to {', '.join(SPREAD)} only, not {given[0]}")
            if self.until < self.year:
                raise ValueError(f"until: {self.until} is before year {self.year}")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in KINDS if getattr(self, k) is not None)

    @property
    def last(self) -> int:
        """The last calendar year the event acts in."""
        return self.year if self.until is None else self.until


class Timeline(Strict):
    """Calendar years and dated events. Events of one year apply in list order (a later one wins
    where two set the same thing)."""

    start_year: Year = Field(
        2023,
        description="Calendar year of year 0 (the starting state is its end; year 1 is the next "
        "year). 2023: the default province's post mix is BKN's of June 2023. With an imported "
        "snapshot, the snapshot's year.",
    )
    events: list[TimelineEvent] = Field(default_factory=list, description="The dated events.")

    @model_validator(mode="after")
    def _after_the_start(self) -> Timeline:
        for i, event in enumerate(self.events):
            if event.year <= self.start_year:
                raise ValueError(
                    f"events.{i}.year: {event.year} is not after start_year ({self.start_year}): "
                    f"events act from the first simulated year, {self.start_year + 1}; the "
                    "starting state already holds earlier ones"
                )
        return self


def _level(path: str, key: str, choices: list[str], what: str) -> None:
    if key not in choices:
        hint = suggestion(key, choices)
        raise ValueError(f"{path}: {key!r} is not {what}.{hint} Choose from: {', '.join(choices)}.")


def check_timeline(timeline: Timeline, org: Organisation) -> None:
    """The events name levels of ``org`` that can take them (ValueError naming the field)."""
    levels = list(org.levels)
    entry = [k for k, lv in org.levels.items() if not lv.promotes_from]
    structural = [
        k for k, lv in org.levels.items()
        if lv.track == "administrative" and lv.promotes_from and lv.selection_months == 0
    ]  # fmt: skip
    functional = [k for k, lv in org.levels.items() if lv.track == "functional"]
    for i, event in enumerate(timeline.events):
        at = f"timeline.events.{i}"
        if event.recruitment is not None:
            for field in ("cpns", "fill_share"):
                for key in getattr(event.recruitment, field):
                    path = f"{at}.recruitment.{field}.{key}"
                    _level(path, key, levels, "a level of the organisation")
                    _level(path, key, entry, "an entry level (CPNS are recruited into entry levels only)")
        for key in event.retirement_age or {}:
            _level(f"{at}.retirement_age.{key}", key, levels, "a level of the organisation")
        if event.conversion is not None:
            c = event.conversion
            _level(f"{at}.conversion.from_level", c.from_level, levels, "a level of the organisation")
            _level(f"{at}.conversion.from_level", c.from_level, structural,
                   "a structural level (administrative, filled by promotion, no open selection)")  # fmt: skip
            _level(f"{at}.conversion.to_level", c.to_level, levels, "a level of the organisation")
            _level(f"{at}.conversion.to_level", c.to_level, functional, "a functional level")
