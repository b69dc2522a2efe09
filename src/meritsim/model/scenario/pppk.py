"""The PPPK section: the second employment type of the ASN (contract staff, PPPK, beside career
civil servants, PNS), and the honorer conversion event of the timeline.

ASN = PNS + PPPK (UU 5/2014, UU 20/2023); BKN counted 363,934 PPPK at 31 Dec 2022, 487,127 at
30 Jun 2023 and 1,103,045 at 1 Jul 2024 (docs/explanation/domain.md). Nothing else about PPPK is
in meritsim's sources: contract length, renewal, their retirement age, the levels open to them and
part-time PPPK are parameters whose defaults are assumptions, said so in each description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field, model_validator

from meritsim.model.scenario.base import Strict
from meritsim.model.scenario.codes import PredikatName
from meritsim.model.scenario.distributions import AgeProfile
from meritsim.model.scenario.errors import suggestion

if TYPE_CHECKING:
    from meritsim.model.scenario.organisation import Organisation
    from meritsim.model.scenario.timeline import Timeline

Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]


class JoiningPppk(Strict):
    """PPPK who join together: ``count`` per entry level open to PPPK (at organisation.scale 1,
    scaled like posts), each in a post of their own (the level gains as many posts);
    ``part_time_share`` of them are part-time PPPK (PPPK paruh waktu)."""

    count: dict[str, Count] = Field(
        description="How many join per entry level open to PPPK, at organisation.scale 1 (scaled "
        "like posts); over all the event's years for a conversion."
    )
    part_time_share: Share = Field(
        0.0, description="Share of them who are part-time PPPK (exactly this share, rounded)."
    )
    age: AgeProfile = Field(
        default_factory=lambda: AgeProfile(mean=38, sd=8, min=20, max=55),
        description="Their age when they join, years: honorary staff have served for years before "
        "(assumption: no age profile of honorary staff or PPPK is in meritsim's sources).",
    )

    @model_validator(mode="after")
    def _some(self) -> JoiningPppk:
        if not self.count:
            raise ValueError("count: name at least one entry level and how many join")
        return self


class HonorerConversion(JoiningPppk):
    """Non-ASN honorary staff (tenaga honorer) appointed PPPK, as in 2024-2025: ``count`` people
    per entry level spread evenly over ``year`` .. ``until``, each in a post of their own (the
    conversion's formation), on a first contract of ``pppk.contract_years``."""


class PppkStock(JoiningPppk):
    """PPPK already employed at the start (a stock, such as BKN's 487,127 of 30 Jun 2023), each on
    a contract that started at an even point of the last ``pppk.contract_years`` (not before
    ``pppk.first_year``), so renewals spread over the first term."""


class Pppk(Strict):
    """PPPK (pegawai pemerintah dengan perjanjian kerja), contract staff of the ASN: recruited by
    formation into entry levels open to them, on contracts of ``contract_years`` renewed when the
    appraisal record meets ``renewal_predikat`` (else they leave at the contract's end, exit reason
    ``contract_end``); no rank promotion (they keep their grade); their own retirement age; only
    the levels in ``open_levels``. Unset (the default), nobody is PPPK unless a timeline event
    (an honorer conversion, a formation's ``pppk_share``) appoints some."""

    recruitment_share: dict[str, Share] = Field(
        default_factory=dict,
        description="Share of each entry level's recruits who are PPPK (full-time), each recruit's "
        "own draw, from calendar year first_year on (also in the history before year 0); the rest "
        "are CPNS. Levels not named recruit CPNS only.",
    )
    first_year: int = Field(
        2019,
        ge=1900,
        le=2300,
        description="First calendar year in which recruitment_share applies (assumption: BKN's "
        "figures show PPPK from 2022; their first recruitment year is not in meritsim's sources).",
    )
    contract_years: float = Field(
        5.0,
        ge=1,
        le=10,
        description="Length of a PPPK contract, years, rounded to months (assumption).",
    )
    renewal_predikat: PredikatName = Field(
        "Baik",
        description="A contract is renewed when each of the last renewal_years appraisals is at "
        "least this predikat (a year not yet appraised does not count against it; Sangat Kurang: "
        "every record qualifies) (assumption).",
    )
    renewal_years: int = Field(
        2, ge=1, le=5, description="Appraisals a renewal looks at, years (assumption)."
    )
    renewal_probability: Share = Field(
        1.0,
        description="Chance that a contract whose record qualifies is renewed (the agency's needs "
        "and budget; each person's own draw; assumption: 1 = always).",
    )
    retirement_age: float | None = Field(
        None,
        ge=40,
        le=75,
        description="Retirement age of PPPK, years; the contract ends there at the latest "
        "(assumption); unset = the BUP of their post, as for PNS.",
    )
    open_levels: list[str] | None = Field(
        None,
        description="Levels PPPK may hold (be recruited, converted or appointed to); unset = every "
        "functional level and the administrative entry levels (pelaksana), not structural or JPT "
        "posts (assumption).",
    )
    initial: PppkStock | None = Field(
        None,
        description="PPPK already employed at the start (unset: none; the starting workforce is PNS only).",
    )
    part_time_effort: Share = Field(
        0.5,
        description="Part-time PPPK work this share of a full-time post: their competence counts at "
        "this share in effectiveness (assumption).",
    )


def default_open_levels(org: Organisation) -> list[str]:
    """Levels open to PPPK unless ``open_levels`` says: functional ones and administrative entry
    levels."""
    return [k for k, lv in org.levels.items() if lv.track == "functional" or not lv.promotes_from]


def open_levels(pppk: Pppk, org: Organisation) -> list[str]:
    """The levels PPPK may hold."""
    return default_open_levels(org) if pppk.open_levels is None else list(pppk.open_levels)


def can_exist(pppk: Pppk, timeline: Timeline) -> bool:
    """Whether anyone can ever be PPPK in a scenario with this section and timeline."""
    if any(share > 0 for share in pppk.recruitment_share.values()):
        return True
    if pppk.initial is not None and any(pppk.initial.count.values()):
        return True
    for event in timeline.events:
        if event.honorer_conversion is not None and any(event.honorer_conversion.count.values()):
            return True
        if event.recruitment is not None and any(s > 0 for s in event.recruitment.pppk_share.values()):
            return True
    return False


def joining(pppk: Pppk, timeline: Timeline, scale: float) -> int:
    """How many PPPK the start's stock and the timeline's honorer conversions bring in all (at
    ``scale``), so that the workforce's buffers can be made with room for them."""
    stocks: list[JoiningPppk] = [pppk.initial] if pppk.initial is not None else []
    stocks += [e.honorer_conversion for e in timeline.events if e.honorer_conversion is not None]
    return sum(round(n * scale) for c in stocks for n in c.count.values())


def _level(path: str, key: str, choices: list[str], what: str) -> None:
    if key not in choices:
        hint = suggestion(key, choices)
        shown = ", ".join(choices) or "none"
        raise ValueError(f"{path}: {key!r} is not {what}.{hint} Choose from: {shown}.")


def check_pppk(pppk: Pppk, timeline: Timeline, org: Organisation) -> None:
    """The section and the timeline's PPPK events name levels that can take PPPK, and their ages
    fit the retirement ages (ValueError naming the field)."""
    levels = list(org.levels)
    for i, key in enumerate(pppk.open_levels or []):
        _level(f"pppk.open_levels.{i}", key, levels, "a level of the organisation")
    allowed = open_levels(pppk, org)
    entry = [k for k in allowed if not org.levels[k].promotes_from]
    what = "an entry level open to PPPK (pppk.open_levels; PPPK are recruited into entry levels)"
    for key in pppk.recruitment_share:
        _level(f"pppk.recruitment_share.{key}", key, levels, "a level of the organisation")
        _level(f"pppk.recruitment_share.{key}", key, entry, what)
    if pppk.initial is not None:
        _check_counts("pppk.initial", pppk.initial, pppk, org, levels, entry, what)
    for i, event in enumerate(timeline.events):
        at = f"timeline.events.{i}"
        if event.recruitment is not None:
            for key in event.recruitment.pppk_share:
                _level(f"{at}.recruitment.pppk_share.{key}", key, levels, "a level of the organisation")
                _level(f"{at}.recruitment.pppk_share.{key}", key, entry, what)
        if event.honorer_conversion is not None:
            conversion = event.honorer_conversion
            _check_counts(f"{at}.honorer_conversion", conversion, pppk, org, levels, entry, what)


def _check_counts(
    at: str, c: JoiningPppk, pppk: Pppk, org: Organisation, levels: list[str],
    entry: list[str], what: str,
) -> None:  # fmt: skip
    """Each level of ``c.count`` is an entry level open to PPPK, and ``c.age`` ends below its BUP."""
    for key in c.count:
        path = f"{at}.count.{key}"
        _level(path, key, levels, "a level of the organisation")
        _level(path, key, entry, what)
        bup = org.levels[key].retirement_age if pppk.retirement_age is None else pppk.retirement_age
        if c.age.max >= bup:
            raise ValueError(
                f"{at}.age.max: {c.age.max:g} is not below the retirement age of PPPK at {key} ({bup:g})"
            )
