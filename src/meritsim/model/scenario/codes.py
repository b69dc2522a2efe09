"""Codes of the regulations as field types: ranks, education, SKP predikat."""

from __future__ import annotations

from typing import Literal

from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS

RankCode = Literal[RANKS]
EducationCode = Literal[EDUCATION]
PredikatName = Literal[PREDIKAT]
EducationShares = dict[EducationCode, float]
