"""Formula injection, completely: no CSV cell meritsim writes can run in a spreadsheet or open a
new row."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from meritsim.cli import main
from meritsim.study.safe_csv import csv_text, is_formula, neutralise

HOSTILE = ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "\r=x", '  =HYPERLINK("x")', "\u00a0+x"]


@pytest.mark.parametrize("value", HOSTILE)
def test_every_formula_start_is_neutralised(value):
    assert is_formula(value)
    assert neutralise(pd.DataFrame({"c": [value]})).c.iloc[0] == "'" + value


def test_numbers_and_plain_text_stay_as_they_are():
    df = pd.DataFrame({"text": ["-1.5", "+2", "1e-3", "ok", "a=b"], "value": [-1.5, 2, 3, 4, 5]})
    out = neutralise(df)
    assert (
        out.text.tolist() == ["-1.5", "+2", "1e-3", "ok", "a=b"] and out.value.tolist() == df.value.tolist()
    )


def test_headers_and_categorical_cells_are_neutralised_and_line_breaks_quoted():
    df = pd.DataFrame({"=bad header": pd.Categorical(["=x", "ok"]), "note": ["a\rb", "c\nd"]})
    text = csv_text(df)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["'=bad header", "note"], ["'=x", "a\rb"], ["ok", "c\nd"]]
    assert len(text.splitlines()) > 3  # the breaks are inside quotes, not new records


def read_cells(path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as f:
        return [cell for row in csv.reader(f) for cell in row]


def test_scenario_names_echoed_in_every_table_are_neutralised(tmp_path):
    for i, name in enumerate(['=HYPERLINK("http://x")', " +1\r\n=2"]):
        scenario = {"extends": "default", "name": name, "organisation": {"scale": 0.02}}
        (tmp_path / f"s{i}.yaml").write_text(yaml.safe_dump(scenario))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["compare", str(tmp_path / "s0.yaml"), str(tmp_path / "s1.yaml"), "--replications", "2",
         "--years", "2", "--jobs", "1", "--quiet", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for table in ("comparison.csv", "summary.csv"):
        cells = read_cells(out / table)
        assert not [c for c in cells if is_formula(c)], table
        assert '\'=HYPERLINK("http://x")' in cells and "' +1\r\n=2" in cells
        assert len(pd.read_csv(out / table)) == len(pd.read_csv(out / table, engine="python"))
