"""`meritsim validate-history`: the model run from its start year against BKN's figures."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.study.history import dates_in_run, month_of, validate_history

SMALL = ["organisation.scale=0.02"]


def test_dates_are_months_from_the_end_of_the_start_year():
    assert month_of("2023-06-30", 2022) == 6 and month_of("2024-07-01", 2023) == 7
    assert month_of("2022-12-31", 2022) == 0  # the starting state itself
    assert dates_in_run(2018, 6) == ["2019-06-30", "2022-12-31", "2023-06-30", "2024-07-01"]
    assert dates_in_run(2023, 1) == ["2024-07-01"]


def test_replications_are_averaged_before_the_error_is_taken():
    check = validate_history("national", SMALL, replications=2, years=2)
    runs, table = check.replications, check.table
    assert set(runs.replication) == {0, 1} and not table.empty
    total = table[(table.dimension == "total") & (table.population == "PNS")].iloc[0]
    per_run = runs[(runs.dimension == "total") & (runs.population == "PNS")].model
    assert total.model == pytest.approx(per_run.mean())
    assert total.error == pytest.approx(100 * (total.model - total.statistic) / total.statistic)
    assert total.within == (abs(total.error) <= total.tolerance)


def test_the_command_writes_the_table_and_says_what_is_missed(tmp_path):
    result = CliRunner().invoke(main, ["validate-history", "national", "--set", SMALL[0], "--years", "2",
                                       "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 0, result.output
    table = pd.read_csv(tmp_path / "validation.csv")
    assert {"model", "statistic", "error", "tolerance", "within"} <= set(table.columns)
    assert "figures within their tolerance" in result.output and (tmp_path / "manifest.json").exists()


def test_a_run_that_reaches_no_published_date_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["validate-history", "default", "--set", "timeline.start_year=2030",
                                       "--years", "1", "--out", str(tmp_path)])  # fmt: skip
    assert result.exit_code == 2 and "no published statistics between the end of 2030" in result.output
    assert "Traceback" not in result.output
