"""The merit-system supervisor as an institution (a lever): who it is, what it watches, how well it
finds irregular appointments, how often its recommendations are followed, how much politics
interferes.

KASN supervised the merit system until 2024 (UU 20/2023 removed it); Perpres 91/2024 and 92/2024
moved supervision to BKN, inside the executive; the Constitutional Court's decision
121/PUU-XXII/2024 (16 Oct 2025) requires an independent supervisor within two years. The one
published figure is KASN's: 1,261 recommendations on JPT selections to mid-2024, 88 % followed
(docs/explanation/domain.md). Every other default is an assumption, stated in its description.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from meritsim.model.scenario.base import Strict

SupervisorKind = Literal["none", "executive", "independent"]


class Interference(Strict):
    """Political interference by kind of supervisor: the chance that an irregular act within its
    reach is shielded from it (never becomes a finding)."""

    executive: float = Field(
        0.3,
        ge=0,
        le=1,
        description="A supervisor inside the executive (BKN's deputy since 2024) answers to the "
        "appointing officials' own government (assumption: no published figure).",
    )
    independent: float = Field(
        0.1,
        ge=0,
        le=1,
        description="An independent body (as decision 121/PUU-XXII/2024 requires) is harder to "
        "lean on (assumption: no published figure).",
    )


class Supervision(Strict):
    """The merit-system supervisor in force: ``none`` (no supervisor; every lever below is then
    inert), ``executive`` or ``independent``. In an open (JPT) selection it supervises, an
    appointment outside the committee's shortlist or a bought post is shielded by political
    interference or else found with ``detection``; each finding is a recommendation to annul the
    appointment, followed with ``compliance``: the appointee is then sanctioned (dismissed, exit
    reason ``sanction``) and the post falls vacant. Each year it also finds irregular post holders
    in the units it watches (``yearly_detection``), the same way. Being watched deters: bribes and
    shortlist overrides become rarer."""

    kind: SupervisorKind = Field(
        "none", description="none, executive (inside the government) or independent."
    )
    agency_coverage: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Share of the organisation's units (OPD) it watches each year: their irregular "
        "post holders are reviewed, and appointments outside JPT selections are deterred by this "
        "share (assumption).",
    )
    jpt_coverage: float = Field(
        1.0,
        ge=0,
        le=1,
        description="Share of the open (JPT) selections it supervises (KASN supervised JPT "
        "selections in every agency; the share it covered was not published: assumption).",
    )
    detection: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Chance that it finds an irregular appointment in a selection it supervises "
        "(assumption).",
    )
    yearly_detection: float = Field(
        0.1,
        ge=0,
        le=1,
        description="Yearly chance that it finds an irregular post holder in a unit it watches; "
        "adds to the detection of kkn (assumption).",
    )
    compliance: float = Field(
        0.88,
        ge=0,
        le=1,
        description="Share of its recommendations the appointing official follows (KASN: 88 % of "
        "1,261 recommendations on JPT selections to mid-2024).",
    )
    deterrence: float = Field(
        0.5,
        ge=0,
        le=1,
        description="How much being watched lowers the chance of an irregular act: in a supervised "
        "selection bribe acceptance and shortlist overrides are x (1 - deterrence), in other "
        "appointments x (1 - deterrence x agency_coverage) (assumption).",
    )
    interference: Interference = Field(
        default_factory=Interference,
        description="Chance that political interference shields an irregular act from it, by kind.",
    )

    @property
    def acts(self) -> bool:
        """Whether there is a supervisor at all."""
        return self.kind != "none"

    @property
    def shielding(self) -> float:
        """The interference that applies to this kind of supervisor."""
        return self.interference.independent if self.kind == "independent" else self.interference.executive
