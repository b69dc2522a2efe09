"""Fixed civil-service tables (PP 99/2000 jo. PP 12/2002, PermenPANRB 6/2022): ranks, education, SKP predikat.

These are facts of the regulations, not scenario parameters; scenarios refer to them by code
(``"III/a"``, ``"S1"``, ``"Baik"``).
"""

from __future__ import annotations

import numpy as np

#: The 17 ranks (pangkat/golongan-ruang), lowest first; an employee's rank is an index here.
RANKS: tuple[str, ...] = (
    "I/a", "I/b", "I/c", "I/d",
    "II/a", "II/b", "II/c", "II/d",
    "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
)  # fmt: skip

RANK_NAMES: dict[str, str] = dict(
    zip(
        RANKS,
        (
            "Juru Muda", "Juru Muda Tk I", "Juru", "Juru Tk I",
            "Pengatur Muda", "Pengatur Muda Tk I", "Pengatur", "Pengatur Tk I",
            "Penata Muda", "Penata Muda Tk I", "Penata", "Penata Tk I",
            "Pembina", "Pembina Tk I", "Pembina Utama Muda", "Pembina Utama Madya",
            "Pembina Utama",
        ),
        strict=True,
    )
)  # fmt: skip

#: Education levels, lowest first; an employee's education is an index here.
EDUCATION: tuple[str, ...] = (
    "SD",
    "SLTP",
    "SLTA",
    "D-I",
    "D-II",
    "D-III",
    "D-IV",
    "S1",
    "S2",
    "S3",
)

#: Comparable attainment: D-IV counts as S1 (PP 99/2000 groups them).
EDUCATION_GRADE = np.array([0, 1, 2, 3, 4, 5, 6, 6, 7, 8], dtype=np.int8)

#: Entry rank and ceiling of regular promotion by education (PP 99/2000 jo. PP 12/2002).
ENTRY_RANK: dict[str, str] = {
    "SD": "I/a", "SLTP": "I/c", "SLTA": "II/a", "D-I": "II/a", "D-II": "II/b",
    "D-III": "II/c", "D-IV": "III/a", "S1": "III/a", "S2": "III/b", "S3": "III/c",
}  # fmt: skip
REGULAR_CEILING: dict[str, str] = {
    "SD": "II/a", "SLTP": "II/c", "SLTA": "III/b", "D-I": "III/b", "D-II": "III/b",
    "D-III": "III/c", "D-IV": "III/d", "S1": "III/d", "S2": "IV/a", "S3": "IV/b",
}  # fmt: skip

#: SKP predikat (PermenPANRB 6/2022), worst first; a predikat is an index here.
PREDIKAT: tuple[str, ...] = ("Sangat Kurang", "Kurang", "Butuh Perbaikan", "Baik", "Sangat Baik")
BAIK = PREDIKAT.index("Baik")

#: Ratings of results and of behaviour: 0 below, 1 as expected, 2 above expectation.
BELOW, AS_EXPECTED, ABOVE = 0, 1, 2

#: PREDIKAT_MATRIX[results, behaviour] -> predikat index (PermenPANRB 6/2022).
PREDIKAT_MATRIX = np.array(
    [
        # behaviour: below, as expected, above
        [0, 2, 2],  # results below: Sangat Kurang, Butuh Perbaikan, Butuh Perbaikan
        [1, 3, 3],  # results as expected: Kurang, Baik, Baik
        [1, 3, 4],  # results above: Kurang, Baik, Sangat Baik
    ],
    dtype=np.int8,
)

RANK_INDEX = {code: i for i, code in enumerate(RANKS)}
EDUCATION_INDEX = {code: i for i, code in enumerate(EDUCATION)}
PREDIKAT_INDEX = {name: i for i, name in enumerate(PREDIKAT)}

#: The degree an in-service study leads to: school and diplomas -> S1, S1/D-IV -> S2, S2 -> S3.
NEXT_DEGREE = np.array(
    [EDUCATION.index(e) for e in ("SD", "SLTP", "S1", "S1", "S1", "S1", "S2", "S2", "S3", "S3")],
    dtype=np.int8,
)

#: Per education index: entry rank index and regular-promotion ceiling index.
ENTRY_RANK_BY_EDUCATION = np.array([RANK_INDEX[ENTRY_RANK[e]] for e in EDUCATION], dtype=np.int8)
CEILING_BY_EDUCATION = np.array([RANK_INDEX[REGULAR_CEILING[e]] for e in EDUCATION], dtype=np.int8)


def golongan(rank_code: str) -> str:
    """The golongan (roman numeral) of a rank code, e.g. ``"III/a" -> "III"``."""
    return rank_code.split("/")[0]
