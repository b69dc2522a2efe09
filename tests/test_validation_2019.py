"""validation/national_2019 run from mid-2019 through 2024 meets BKN's published figures within
the documented tolerances (issue #12, point 6; docs/howto/validate-history.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from meritsim.study.history import validate_history

ROOT = Path(__file__).resolve().parents[1]
SMALL = ["organisation.scale=0.005"]  # about 21,000 PNS: each stands for 200
#: Figures the model is not meant to meet within the issue's tolerance, each with the looser
#: bound asserted instead (the same table is in docs/howto/validate-history.md): the weak
#: retirements estimate spreads the PNS aged 51-60 in June 2023 evenly over ten years.
LOOSER = {("PNS", "retirements", "all"): 35.0}  # percent of the statistic


@pytest.fixture(scope="module")
def check():
    return validate_history("validation/national_2019", SMALL, replications=2, years=6)


def test_every_published_date_and_dimension_is_compared(check):
    table = check.table
    assert list(dict.fromkeys(table.date)) == [
        "2019-06-30", "2022-12-31", "2023-06-30", "2024-07-01", "2023-07-01/2033-06-30",
    ]  # fmt: skip
    at_2023 = set(table[table.date == "2023-06-30"].dimension)
    assert at_2023 == {"agency", "sex", "age", "service", "education", "jabatan", "golongan", "total"}
    assert set(table[table.date == "2019-06-30"].dimension) == {"total", "eselon"}
    totals = table[table.dimension == "total"].groupby("date").population.apply(set).to_dict()
    assert totals["2019-06-30"] == {"PNS", "structural_posts"}, "no ASN or PPPK figure for 2019"
    for date in ("2022-12-31", "2023-06-30", "2024-07-01"):
        assert totals[date] == {"PNS", "PPPK", "ASN"}, date
    assert set(table.role) == {"input", "calibrated", "check"}


def test_every_figure_is_within_its_documented_tolerance(check):
    for r in check.table.itertuples():
        key = (r.population, r.dimension, r.category)
        if r.relation == "more_than":
            assert r.model > r.statistic, key  # golongan III: more than half
        elif key in LOOSER:
            assert abs(r.error) <= LOOSER[key], (key, r.error)
            assert not r.within, f"{key} now meets the issue's tolerance: tighten LOOSER and the docs"
        else:
            assert r.within and abs(r.error) <= 3.0, (key, r.date, r.model, r.statistic, r.error)


def test_the_looser_bounds_are_the_documented_ones():
    text = (ROOT / "docs" / "howto" / "validate-history.md").read_text()
    for (population, dimension, _), bound in LOOSER.items():
        assert f"| {population} {dimension} | weak | within {bound:g} % |" in text
