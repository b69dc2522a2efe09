"""One spelling for the codes personnel systems write in many ways (eselon, golongan, education)."""

from __future__ import annotations

import re
import unicodedata

from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "5": "V"}
_ESELON = re.compile(r"(?:ESELON)?(IV|V|I{1,3}|[1-5])[./\\\-_]*([AB])?")
_GOLONGAN = re.compile(r"(?:GOL(?:ONGAN)?\.?)?(IV|I{1,3}|[1-4])[./\\\-_]*([A-E])")
_EDUCATION = {
    **{e.replace("-", ""): e for e in EDUCATION},
    "SMA": "SLTA", "SMK": "SLTA", "SMU": "SLTA", "MA": "SLTA", "SMP": "SLTP", "MTS": "SLTP",
    "D1": "D-I", "D2": "D-II", "D3": "D-III", "D4": "D-IV",
}  # fmt: skip
_PREDIKAT = {p.casefold(): p for p in PREDIKAT}


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))).upper()


def normalise_eselon(value: str) -> str:
    """``IV/a``, ``IVa``, ``IV.a``, ``4a``, ``Eselon IV.a`` -> ``IV.A``; other text upper-cased
    with spaces removed."""
    text = _compact(value)
    m = _ESELON.fullmatch(text)
    if not m:
        return text
    roman = _ROMAN.get(m.group(1), m.group(1))
    return f"{roman}.{m.group(2)}" if m.group(2) else roman


def normalise_golongan(value: str) -> str:
    """``III/a``, ``III/A``, ``IIIa``, ``III.a``, ``3a``, ``Gol. III/a`` -> ``III/a``; other text
    unchanged but stripped."""
    m = _GOLONGAN.fullmatch(_compact(value))
    if not m:
        return str(value).strip()
    code = f"{_ROMAN.get(m.group(1), m.group(1))}/{m.group(2).lower()}"
    return code if code in RANKS else str(value).strip()


def normalise_education(value: str) -> str:
    """``S-1``, ``s1``, ``D3``, ``DIII``, ``SMA`` -> ``S1``, ``D-III``, ``SLTA``; other text
    unchanged but stripped."""
    text = _compact(value).replace("-", "").replace(".", "")
    return _EDUCATION.get(text, str(value).strip())


def normalise_predikat(value: str) -> str:
    """``baik``, ``SANGAT BAIK``, ``Sangat  baik`` -> ``Baik``, ``Sangat Baik``; other text
    unchanged but stripped."""
    text = " ".join(str(value).split())
    return _PREDIKAT.get(text.casefold(), text)
