"""Importing a personnel export: validation of every row, pseudonyms, neutralised spreadsheets."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import meritsim
from meritsim.cli import main
from meritsim.snapshot.example import example_export
from meritsim.snapshot.importer import import_workforce
from meritsim.snapshot.mapping import ImportMapping
from meritsim.snapshot.pseudonym import load_salt, pseudonym
from meritsim.snapshot.read import ImportError_
from meritsim.snapshot.safe_io import neutralise


@pytest.fixture(scope="module")
def export() -> pd.DataFrame:
    return example_export(meritsim.load_scenario("default", ["organisation.scale=0.03"]))


def write(df: pd.DataFrame, folder: Path, name: str = "export.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    df.to_csv(path, index=False)
    return path


def all_text(folder: Path) -> str:
    """Everything written below ``folder`` (binary files decoded loosely)."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


def test_round_trip_starts_a_simulation_and_leaks_no_identifier(export, tmp_path):
    path = write(export, tmp_path / "in")
    out = tmp_path / "out"
    result = import_workforce(path, ImportMapping(), b"secret", out / "agency.yaml")
    assert result.rows == len(export) and result.report is None
    scenario = meritsim.load_scenario(result.scenario)
    run = meritsim.simulate(scenario, years=2, out=out / "run")
    meritsim.write_outputs(run, out / "run")
    assert run.org.headcount.iloc[0] == len(export)
    snapshot = pd.read_parquet(result.snapshot)
    assert snapshot.pseudonym.str.fullmatch(r"P[0-9a-f]{16}").all() and snapshot.pseudonym.is_unique
    text = all_text(out)
    leaked = [v for v in [*export.NIP, *export.Nama] if v in text]
    assert not leaked, f"{len(leaked)} identifiers written, e.g. {leaked[0]}"


def test_pseudonyms_are_stable_under_a_salt_and_differ_across_salts(tmp_path):
    salt = load_salt(tmp_path / "salt")
    assert load_salt(tmp_path / "salt") == salt and (tmp_path / "salt").stat().st_mode & 0o077 == 0
    nip = "198501012010011001"
    assert pseudonym(nip, salt) == pseudonym(nip, salt) != pseudonym(nip, b"other")
    assert nip not in pseudonym(nip, salt)


BAD = [
    ("Tanggal Lahir", "31-31-1980", "not a date"),
    ("Tanggal Lahir", "2023-02-30", "not a date"),
    ("Tanggal Lahir", "2020-01-01", "age at the snapshot must be 18-70"),
    ("TMT Golongan", "2030-01-01", "rank date after the snapshot date"),
    ("Golongan", "V/a", "unknown golongan"),
    ("NIP", "12345", "NIP must be 18 digits"),
    ("Jenis Kelamin", "X", "unknown code"),
    ("Pendidikan", "S4", "unknown code"),
    ("Predikat 1", "Luar Biasa", "unknown predikat"),
    ("Unit Kerja", '=HYPERLINK("http://x")', "spreadsheet formula"),
    ("Jabatan", "+cmd", "spreadsheet formula"),
    ("Unit Kerja", "@SUM(A1)", "spreadsheet formula"),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD)
def test_each_bad_cell_is_reported_with_line_column_and_reason(export, tmp_path, column, value, reason):
    bad = export.copy()
    bad.loc[3, column] = value
    path = write(bad, tmp_path)
    with pytest.raises(ImportError_) as info:
        import_workforce(path, ImportMapping(), b"s", tmp_path / "a.yaml")
    assert f"line 5, {column}" in str(info.value) and reason in str(info.value)
    report = pd.read_csv(tmp_path / "a.problems.csv", dtype=str)
    assert (report.line == "5").any() and not (tmp_path / "a.yaml").exists()
    assert value not in report.value.tolist() or not value.startswith(("=", "+", "@"))  # neutralised
    if column == "NIP":
        assert value not in (tmp_path / "a.problems.csv").read_text()  # identifiers redacted


def test_duplicated_nip_and_skip_mode(export, tmp_path):
    bad = export.copy()
    bad.loc[5, "NIP"] = bad.loc[4, "NIP"]
    path = write(bad, tmp_path)
    m = ImportMapping(on_error="skip")
    result = import_workforce(path, m, b"s", tmp_path / "a.yaml")
    assert result.skipped == 2 and result.rows == len(export) - 2
    report = pd.read_csv(result.report, dtype=str)
    assert set(report.reason) == {"NIP appears more than once"} and set(report.value) == {"<redacted>"}


def test_unreadable_exports(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("NIP,Nama\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("NIP,Nama\n198501012010011001,Dédé\n".encode("cp1252"))
    for path, reason in (
        (empty, "the file is empty"),
        (header_only, "no rows"),
        (latin, "not readable as utf-8"),
    ):
        with pytest.raises(ImportError_, match=reason):
            import_workforce(path, ImportMapping(), b"s", tmp_path / "a.yaml")
    with pytest.raises(ImportError_, match="column missing"):
        import_workforce(latin, ImportMapping(), b"s", tmp_path / "a.yaml", encoding="cp1252")


def test_excel_exports_and_the_command_line(export, tmp_path):
    path = tmp_path / "export.xlsx"
    export.to_excel(path, index=False)
    result = CliRunner().invoke(
        main,
        [
            "import-workforce",
            str(path),
            "--out",
            str(tmp_path / "x.yaml"),
            "--salt-file",
            str(tmp_path / "salt"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert meritsim.load_scenario(tmp_path / "x.yaml").workforce is not None
    bad = export.copy()
    bad.loc[0, "Golongan"] = "IX"
    write(bad, tmp_path, "bad.csv")
    result = CliRunner().invoke(
        main,
        [
            "import-workforce",
            str(tmp_path / "bad.csv"),
            "--out",
            str(tmp_path / "y.yaml"),
            "--salt-file",
            str(tmp_path / "salt"),
        ],
    )
    assert result.exit_code == 2 and "line 2, Golongan (IX): unknown golongan" in result.output
    assert "Traceback" not in result.output


def test_csv_outputs_neutralise_formula_cells(tmp_path):
    df = pd.DataFrame({"scenario": ["=1+1", "+x", "-y", "@z", "ok"], "value": [-1.5, 2, 3, 4, 5]})
    assert neutralise(df).scenario.tolist() == ["'=1+1", "'+x", "'-y", "'@z", "ok"]
    assert neutralise(df).value.tolist() == [-1.5, 2, 3, 4, 5]  # numbers untouched
    run = meritsim.simulate("default", overrides=["organisation.scale=0.02", "name==cmd"], years=1)
    meritsim.write_outputs(run, tmp_path)
    assert "'=cmd" in (tmp_path / "summary.csv").read_text()


def test_snapshot_must_fit_the_scenario(export, tmp_path):
    path = write(export, tmp_path)
    result = import_workforce(path, ImportMapping(), b"s", tmp_path / "a.yaml")
    with pytest.raises(meritsim.ScenarioError, match="cannot hold the snapshot"):
        meritsim.load_scenario(result.scenario, ["organisation.levels.pelaksana.posts=1"])
