"""The fixed civil-service tables match the regulations (PP 99/2000 jo. PP 12/2002, PermenPANRB 6/2022)."""

from __future__ import annotations

import numpy as np
import pytest

from meritsim.model.scenario import domain as d


def test_seventeen_ranks_in_order():
    assert len(d.RANKS) == 17
    assert d.RANKS[0] == "I/a" and d.RANKS[-1] == "IV/e"
    assert d.RANK_NAMES["III/a"] == "Penata Muda" and d.RANK_NAMES["IV/e"] == "Pembina Utama"
    assert [d.golongan(r) for r in d.RANKS].count("IV") == 5


@pytest.mark.parametrize(
    ("education", "entry", "ceiling"),
    [
        ("SD", "I/a", "II/a"),
        ("SLTP", "I/c", "II/c"),
        ("SLTA", "II/a", "III/b"),
        ("D-I", "II/a", "III/b"),
        ("D-II", "II/b", "III/b"),
        ("D-III", "II/c", "III/c"),
        ("S1", "III/a", "III/d"),
        ("D-IV", "III/a", "III/d"),
        ("S2", "III/b", "IV/a"),
        ("S3", "III/c", "IV/b"),
    ],
)
def test_entry_rank_and_ceiling_by_education(education, entry, ceiling):
    i = d.EDUCATION_INDEX[education]
    assert d.RANKS[d.ENTRY_RANK_BY_EDUCATION[i]] == entry
    assert d.RANKS[d.CEILING_BY_EDUCATION[i]] == ceiling


@pytest.mark.parametrize(
    ("results", "behaviour", "expected"),
    [
        (d.ABOVE, d.BELOW, "Kurang"),
        (d.ABOVE, d.AS_EXPECTED, "Baik"),
        (d.ABOVE, d.ABOVE, "Sangat Baik"),
        (d.AS_EXPECTED, d.BELOW, "Kurang"),
        (d.AS_EXPECTED, d.AS_EXPECTED, "Baik"),
        (d.AS_EXPECTED, d.ABOVE, "Baik"),
        (d.BELOW, d.BELOW, "Sangat Kurang"),
        (d.BELOW, d.AS_EXPECTED, "Butuh Perbaikan"),
        (d.BELOW, d.ABOVE, "Butuh Perbaikan"),
    ],
)
def test_predikat_matrix(results, behaviour, expected):
    assert d.PREDIKAT[d.PREDIKAT_MATRIX[results, behaviour]] == expected


def test_predikat_order_worst_first():
    assert d.PREDIKAT[d.BAIK] == "Baik"
    assert d.PREDIKAT.index("Sangat Baik") > d.BAIK > d.PREDIKAT.index("Butuh Perbaikan")
    assert np.all(np.diff(d.EDUCATION_GRADE) >= 0)
