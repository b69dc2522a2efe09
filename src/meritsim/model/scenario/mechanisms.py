"""Switches for every mechanism, and the independent yardstick every policy is judged by.

Each switch turns one mechanism off without touching its parameters, so that a policy's advantage
can be decomposed: run the comparison again with one switch off and see what it contributed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from meritsim.model.scenario.base import Strict


class Mechanisms(Strict):
    """Which mechanisms act (all by default)."""

    demotivation: bool = Field(
        True, description="High performers passed over lose motivation: they work less and quit more."
    )
    bribery: bool = Field(True, description="Candidates of low integrity may buy posts.")
    shortlist_override: bool = Field(
        True,
        description="An appointing official who favours affinity may appoint outside the open "
        "selection committee's shortlist (an irregular act).",
    )
    detection: bool = Field(True, description="Irregular appointments are detected and sanctioned.")
    training: bool = Field(True, description="The training centre's courses (diklat) raise competence.")
    learning: bool = Field(True, description="Competence grows with a year at work.")
    favouritism: bool = Field(
        True, description="Supervisors bend appraisals by affinity (rules.appraisal.favouritism)."
    )
    potential: bool = Field(
        True,
        description="Potential sets how fast competence grows (learning, training) and how well it "
        "carries over to a higher post.",
    )
    study: bool = Field(True, description="In-service study raises education (levels' study_rate).")
    credit_rises: bool = Field(
        True,
        description="A functional level is reached by credit points (angka kredit) outside the "
        "promotion policy: free places go to those with most credits; off, the policy decides "
        "every functional move as for any post.",
    )
    acting_officials: bool = Field(
        True, description="Acting officials (plt) work in vacant senior posts while they are vacant."
    )
    supervision: bool = Field(
        True,
        description="The merit-system supervisor (section supervision and the timeline's "
        "supervision events) watches, deters, finds and recommends; off, there is none.",
    )
    contract_renewal: bool = Field(
        True,
        exclude_if=lambda on: on is True,  # added after 0.3.0: a scenario that keeps it keeps its hash
        description="A PPPK contract is renewed only when the appraisal record qualifies "
        "(pppk.renewal_predikat, renewal_probability); off, every contract is renewed.",
    )


class Yardstick(Strict):
    """What decides whether an appointment went to the best candidates ("merit-consistent"), who
    was passed over, and the merit index's promotion aspect: the same for every policy, never a
    policy's own score."""

    kind: Literal["latent", "panel"] = Field(
        "latent",
        description="latent: the candidates' true competence; panel: an independent panel's "
        "assessment of it, with its own error.",
    )
    best_per_post: int = Field(
        3,
        ge=1,
        le=20,
        description="An appointment is merit-consistent when it goes to one of the best "
        "best_per_post x posts candidates of the pool by the yardstick (3: as many as a committee "
        "shortlists per post); their high performers who are not chosen are passed over.",
    )
    panel_error_sd: float = Field(
        0.5,
        ge=0,
        le=10,
        description="panel: error of the independent assessment, competence units (assumption).",
    )
