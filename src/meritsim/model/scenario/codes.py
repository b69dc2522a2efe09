"""Codes of the regulations as field types: ranks, education, SKP predikat."""

from __future__ import annotations

from typing import Literal, get_args

from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS

# Spelled out for the type checker (a Literal cannot be built from a tuple statically); the checks
# below keep them identical, in order, to the tuples of domain.py, which stay the single source.
RankCode = Literal[
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
]  # fmt: skip
EducationCode = Literal["SD", "SLTP", "SLTA", "D-I", "D-II", "D-III", "D-IV", "S1", "S2", "S3"]
PredikatName = Literal["Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik"]
EducationShares = dict[EducationCode, float]

for _literal, _codes in ((RankCode, RANKS), (EducationCode, EDUCATION), (PredikatName, PREDIKAT)):
    if get_args(_literal) != _codes:  # pragma: no cover - one edited without the other
        raise AssertionError(f"{get_args(_literal)} differs from domain.py's {_codes}")
del _literal, _codes
