"""BKN's published statistics as data (params/statistics/), and the model compared with them."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model.calendar import Simulation
from meritsim.model.scenario.domain import EDUCATION
from meritsim.model.scenario.statistics import (
    CATEGORIES,
    COLUMNS,
    StatisticsError,
    load_statistics,
    published,
    published_dates,
    statistics_dir,
)
from meritsim.study import validation
from meritsim.study.validation import EDUCATION_GROUPS, agencies, compare, compare_run, jabatan_types

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "params" / "statistics"


def test_the_shipped_tables_are_tidy_sourced_and_complete():
    files = sorted(SHIPPED.glob("*.csv"))
    assert [f.stem for f in files] == ["flows", "pns_2023", "structural_posts_2019", "totals"]
    assert statistics_dir().resolve() == SHIPPED.resolve(), "found through the scenarios' package data"
    for path in files:
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows and list(rows[0]) == list(COLUMNS), path.name
        for row in rows:
            assert row["source"].strip(), f"{path.name}: a row without its source"
            assert row["category"] in CATEGORIES[row["dimension"]], row
            assert row["weak"] in ("true", "false") and float(row["value"]) >= 0
    stats = load_statistics()
    assert len(stats) == sum(len(list(csv.DictReader(p.open(encoding="utf-8")))) for p in files)
    shares = stats[(stats.unit == "percent") & (stats.relation != "more_than")]
    complete = 0
    for (date, dimension), group in shares.groupby(["date", "dimension"]):
        if set(group.category) == set(CATEGORIES[dimension]):
            complete += 1
            assert group.value.sum() == pytest.approx(100, abs=1), (date, dimension)
    assert complete == 3, "age, service and education at 30 Jun 2023"
    # the weak figure is marked weak, the bound is a bound, and nothing invented fills a gap
    assert stats[stats.dimension == "retirements"].weak.all()
    golongan = published("golongan", "2023-06-30")
    assert list(golongan.category) == ["III"] and golongan.relation.iloc[0] == "more_than"
    assert published("sex", "2023-06-30").category.tolist() == ["female"]
    assert "V" not in set(published("eselon", population="structural_posts").category)


def test_the_figures_are_those_of_the_domain_reference():
    totals = published("total").set_index(["date", "population"]).value
    assert totals["2023-06-30", "PNS"] == 3_795_302 and totals["2024-07-01", "PPPK"] == 1_103_045
    assert totals["2019-06-30", "PNS"] == 4_286_918
    jabatan = published("jabatan", "2023-06-30").set_index("category").value
    assert jabatan.sum() == totals["2023-06-30", "PNS"], "structural is the rest"
    assert published("total", area="jawa_barat").value.tolist() == [337_203]
    assert published_dates("PNS") == ["2019-06-30", "2022-12-31", "2023-06-30", "2024-07-01"]


def _broken(tmp_path: Path, line: int, field: str, value: str) -> Path:
    """A copy of the shipped tables with one field of one line of pns_2023.csv changed."""
    folder = tmp_path / "statistics"
    shutil.copytree(SHIPPED, folder)
    path = folder / "pns_2023.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[line - 2][field] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.mark.parametrize(
    ("line", "field", "value", "expected"),
    [
        (5, "category", "upto30", "line 5: category: unknown category of 'age'. Did you mean 'upto_30'?"),
        (5, "date", "2023-06-31", "line 5: date: must be a date YYYY-MM-DD"),
        (5, "source", "", "line 5: source: is empty: every figure needs its source"),
        (5, "value", "-3", "line 5: value: must be a number, at least 0"),
        (5, "dimension", "ages", "line 5: dimension: unknown dimension. Did you mean 'age'?"),
        (5, "value", "19", "lines 5, 6, 7, 8: value: the age shares sum to 110 %, not 100 +/- 1"),
        (18, "value", "437018", "lines 16, 17, 18: value: the jabatan counts sum to 3,895,302"),
    ],
)
def test_a_bad_table_names_the_file_line_and_field(tmp_path, line, field, value, expected):
    folder = _broken(tmp_path, line, field, value)
    with pytest.raises(StatisticsError) as caught:
        load_statistics(folder)
    message = str(caught.value)
    assert str(folder / "pns_2023.csv") in message and expected in message, message
    assert len(caught.value.problems) == 1, message


def test_a_bad_header_or_a_repeated_figure_is_reported(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,area,populaton\n2023-06-30,national,PNS\n", encoding="utf-8")
    with pytest.raises(StatisticsError, match=r"unknown column 'populaton'. Did you mean 'population'\?"):
        load_statistics(tmp_path)
    bad.unlink()
    shutil.copy(SHIPPED / "totals.csv", tmp_path / "totals.csv")
    shutil.copy(SHIPPED / "totals.csv", tmp_path / "again.csv")
    with pytest.raises(
        StatisticsError, match=r"again.csv: line 2: the same figure appears again at .*totals.csv: line 2"
    ):
        load_statistics(tmp_path)
    with pytest.raises(StatisticsError, match="holds no statistics tables"):
        load_statistics(tmp_path / "nothing")


def test_every_education_code_has_a_bkn_group():
    assert set(EDUCATION_GROUPS) == set(EDUCATION)
    assert {EDUCATION_GROUPS[e] for e in ("D-IV", "S1", "S3")} == {"bachelor_plus"}


def test_jabatan_types_of_the_default_levels(small_default):
    types = jabatan_types(small_default.organisation)
    assert types["pelaksana"] == "pelaksana" and types["pengawas"] == types["jpt_madya"] == "structural"
    assert types["guru_pertama"] == types["terampil"] == "functional"


@pytest.fixture(scope="module")
def national() -> tuple[meritsim.Scenario, pd.DataFrame]:
    """The national scenario at 1/5,000 of its size (about 760 PNS and 100 PPPK), at year 0."""
    scenario = meritsim.load_scenario("national", ["organisation.scale=0.0002"])
    sim = Simulation(scenario, 0, years=0)
    return scenario, validation.staff(sim.wf, sim.est, 0.0)


def test_the_comparison_has_a_row_per_published_share_with_its_error(national):
    scenario, staff = national
    table = compare(staff, "2023-06-30", jabatan=jabatan_types(scenario.organisation))
    assert list(table.columns) == list(validation.COLUMNS)
    shares = table[table.error_unit == "points"]
    expected = {
        d: set(published(d, "2023-06-30").category) for d in ("age", "service", "education", "jabatan")
    }
    expected |= {"sex": {"female"}, "golongan": {"III"}}
    assert {d: set(g.category) for d, g in shares.groupby("dimension")} == expected
    assert len(shares) == 16 and table.error_unit.eq("points").all(), "no totals for a comparison of shares"
    with_agency = compare(
        staff,
        "2023-06-30",
        jabatan=jabatan_types(scenario.organisation),
        agency=agencies(scenario.organisation),
    )
    assert len(with_agency) == 18 and set(with_agency.dimension) - set(table.dimension) == {"agency"}
    # by hand, from the people table (the PNS: PPPK have totals of their own)
    staff = staff[staff.employment == "PNS"]
    female = 100 * staff.female.mean()
    row = table.set_index(["dimension", "category"]).loc[("sex", "female")]
    assert row.model == pytest.approx(female) and row.error == pytest.approx(female - 54)
    assert row.within == (abs(female - 54) <= 3)
    oldest = 100 * np.mean(np.floor(staff.age) > 50)
    assert table.set_index(["dimension", "category"]).loc[("age", "51_60")].model == pytest.approx(oldest)
    school = 100 * staff.education.isin(["SD", "SLTP", "SLTA"]).mean()
    assert table.set_index(["dimension", "category"]).loc[("education", "school")].model == pytest.approx(
        school
    )
    gol = table[table.dimension == "golongan"].iloc[0]
    assert gol.relation == "more_than" and np.isnan(gol.tolerance) and gol.within == (gol.model > 50)
    structural = table[(table.dimension == "jabatan") & (table.category == "structural")].iloc[0]
    assert structural.statistic == pytest.approx(100 * 337_018 / 3_795_302)


def test_totals_are_compared_at_the_national_scale(national):
    scenario, staff = national
    weight = 1 / 0.0002
    table = compare(
        staff, "2023-06-30", jabatan=jabatan_types(scenario.organisation),
        agency=agencies(scenario.organisation), weight=weight, totals=True,
    )  # fmt: skip
    totals = table[(table.dimension == "total")].set_index("population")
    pns = int((staff.employment == "PNS").sum())
    total = totals.loc["PNS"]
    assert total.model == pns * weight and total.statistic == 3_795_302
    assert total.error == pytest.approx(100 * (pns * weight - 3_795_302) / 3_795_302)
    assert total.error_unit == "percent" and total.within == (abs(total.error) <= 3)
    assert totals.loc["PPPK"].model == (len(staff) - pns) * weight and totals.loc["PPPK"].statistic == 487_127
    assert totals.loc["ASN"].model == len(staff) * weight
    assert len(table[table.error_unit == "percent"]) == 8, "PNS, PPPK, ASN, three jabatan, two agencies"
    # compare_run runs the same and scales by the scenario file's own scale
    run = compare_run("national", ["organisation.scale=0.0002"])
    pd.testing.assert_frame_equal(run, table)


def test_a_province_is_compared_on_shares_and_eselon_in_2019(small_default):
    run = compare_run("default", ["organisation.scale=0.1"], date="2019-06-30")
    assert set(run.dimension) == {"eselon"} and (run.error_unit == "points").all()
    assert run.model.sum() == pytest.approx(100), "the model has no eselon V"
    with pytest.raises(ValueError, match="no published statistics at '2023-06-29'; dates: 2019-06-30"):
        compare_run("default", ["organisation.scale=0.1"], date="2023-06-29")
