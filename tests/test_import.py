"""Importing a personnel export: every row validated, nothing dropped or mis-mapped silently,
nothing personal in any message or problem report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import meritsim
from meritsim.cli import main
from meritsim.data.importer import import_workforce
from meritsim.data.mapping import ImportMapping
from meritsim.data.read import ExportError
from personnel import SALT, SALT_HEX, linked_exports, make_messy, write_messy_csv


@pytest.fixture(scope="module")
def export() -> pd.DataFrame:
    return linked_exports()[0][1]


def write(df: pd.DataFrame, folder: Path, name: str = "export.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    df.to_csv(path, index=False)
    return path


def cli(*args: str, salt: Path | None = None):
    """Run meritsim; the salt file is made (a fixed, strong salt) unless given."""
    args = list(args)
    if "import-workforce" in args and "--salt-file" not in args:
        if salt is None:
            salt = Path(args[args.index("import-workforce") + 1]).resolve().parent / "salt-for-tests"
            salt.write_text(SALT_HEX)
            salt.chmod(0o600)
        args += ["--salt-file", str(salt)]
    return CliRunner().invoke(main, args)


def test_round_trip_starts_a_simulation(export, tmp_path):
    path = write(export, tmp_path / "in")
    result = import_workforce(path, ImportMapping(), SALT, tmp_path / "out" / "agency.yaml")
    assert result.rows == len(export) and result.report is None and result.skipped == 0
    run = meritsim.simulate(meritsim.load_scenario(result.scenario), years=2)
    assert run.org.headcount.iloc[0] == len(export)
    snapshot = pd.read_parquet(result.snapshot)
    assert snapshot.pseudonym.str.fullmatch(r"P[0-9a-f]{16}").all() and snapshot.pseudonym.is_unique
    assert "Nama" not in snapshot and "NIP" not in snapshot


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
    ("Eselon", "V/a", "eselon not in the mapping"),
    ("Unit Kerja", '=HYPERLINK("http://x")', "formula"),
    ("Jabatan", "+cmd", "formula"),
    ("Unit Kerja", "@SUM(A1)", "formula"),
    ("Unit Kerja", " \t=1+1", "formula"),
]


@pytest.mark.parametrize(("column", "value", "reason"), BAD)
def test_each_bad_cell_is_reported_with_line_column_and_reason(export, tmp_path, column, value, reason):
    bad = export.copy()
    bad.loc[3, column] = value
    path = write(bad, tmp_path)
    with pytest.raises(ExportError) as info:
        import_workforce(path, ImportMapping(), SALT, tmp_path / "a.yaml")
    assert f"line 5, {column}" in str(info.value) and reason in str(info.value)
    report = pd.read_csv(tmp_path / "a.problems.csv", dtype=str, keep_default_na=False)
    assert (report.line == "5").any() and not (tmp_path / "a.yaml").exists()
    text = (tmp_path / "a.problems.csv").read_text() + str(info.value)
    if column in ("NIP", "Tanggal Lahir") or reason == "formula":  # personal or a formula: never shown
        assert value.strip() not in text
    if column == "Eselon":
        assert "(V/a)" in str(info.value)  # a code is named, so that the mapping can be fixed


def test_unmapped_eselon_never_falls_back_to_pelaksana_and_spellings_agree(export, tmp_path):
    forms = export.copy()
    pengawas = forms.index[forms.Eselon.eq("IV.a")][:4]
    for i, spelling in zip(pengawas, ["IV/a", "IVa", "4a", "eselon iv.a"], strict=True):
        forms.loc[i, "Eselon"] = spelling
    result = import_workforce(write(forms, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    snapshot = pd.read_parquet(result.snapshot)
    assert (snapshot.level.iloc[pengawas] == "pengawas").all()
    forms.loc[pengawas[0], "Eselon"] = "VI"
    with pytest.raises(ExportError, match=r"Eselon \(VI\): eselon not in the mapping"):
        import_workforce(write(forms, tmp_path), ImportMapping(), SALT, tmp_path / "b.yaml")


def test_a_problem_in_a_column_the_mapping_does_not_use_never_rejects_a_row(export, tmp_path):
    messy = make_messy(export)  # formulas, e-mails and NIPs in columns the mapping does not read
    messy["Nama"] = "=cmd|' /C calc'!A0"  # the name is only dropped
    result = import_workforce(write(messy, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    assert result.rows == len(export) and result.report is None


def test_nip_spellings_link_the_same_person(export, tmp_path):
    messy = make_messy(export)  # spaces, full-width digits, a leading apostrophe
    plain = import_workforce(write(export, tmp_path / "p"), ImportMapping(), SALT, tmp_path / "p.yaml")
    odd = import_workforce(write(messy, tmp_path / "m"), ImportMapping(), SALT, tmp_path / "m.yaml")
    a, b = pd.read_parquet(plain.snapshot), pd.read_parquet(odd.snapshot)
    assert a.pseudonym.tolist() == b.pseudonym.tolist()


def test_bom_blank_lines_semicolons_and_empty_markers(export, tmp_path):
    messy = make_messy(export)
    path = write_messy_csv(messy, tmp_path / "export.csv")  # BOM, ';', blank rows, '-' and 'n/a'
    (tmp_path / "m.yaml").write_text("columns: {assessment: Nilai Asesmen}\n")
    result = cli("import-workforce", str(path), "--mapping", str(tmp_path / "m.yaml"), "--out",
                 str(tmp_path / "out" / "a.yaml"))  # fmt: skip
    assert result.exit_code == 0, result.output
    snapshot = pd.read_parquet(tmp_path / "out" / "a.snapshot.parquet")
    assert len(snapshot) == len(export)
    assert (snapshot.predikat_2[export["Predikat 2"].eq("").to_numpy()] == -1).all()
    assert snapshot.assessment.isna().sum() == export["Nilai Asesmen"].eq("").sum()


def test_line_numbers_count_physical_lines_with_blank_rows(export, tmp_path):
    bad = export.copy()
    bad.loc[20, "Golongan"] = "IX"  # the 21st row: line 22 without blank lines
    path = write_messy_csv(bad, tmp_path / "export.csv")  # one blank line after row 11
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    physical = next(i for i, line in enumerate(lines, 1) if ";IX;" in line)
    assert physical == 23
    with pytest.raises(ExportError, match=f"line {physical}, Golongan"):
        import_workforce(path, ImportMapping(), SALT, tmp_path / "a.yaml")


def test_a_quoted_line_break_is_one_record(export, tmp_path):
    bad = export.copy()
    bad.loc[0, "Jabatan"] = "Pengadministrasi\nUmum"
    bad.loc[1, "Golongan"] = "IX"
    with pytest.raises(ExportError, match="line 4, Golongan"):  # header 1, row 1 takes lines 2-3
        import_workforce(write(bad, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")


def test_a_headerless_file_shows_positions_not_values(export, tmp_path):
    path = tmp_path / "noheader.csv"
    export.to_csv(path, index=False, header=False)
    result = cli("import-workforce", str(path), "--out", str(tmp_path / "out" / "a.yaml"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "does not look like a header" in result.output and "columns 1-16" in result.output
    first = export.iloc[0]
    shown = result.output + (tmp_path / "out" / "a.problems.csv").read_text()
    assert (
        first.NIP not in shown and first.Nama.split()[0] not in shown and first["Tanggal Lahir"] not in shown
    )


def test_a_misnamed_column_gets_a_suggestion(export, tmp_path):
    renamed = export.rename(columns={"Tanggal Lahir": "Tanggal lahir"})
    with pytest.raises(ExportError, match="Did you mean 'Tanggal lahir'"):
        import_workforce(write(renamed, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")


def test_a_stale_problem_report_is_removed(export, tmp_path):
    bad = export.copy()
    bad.loc[0, "Golongan"] = "IX"
    with pytest.raises(ExportError):
        import_workforce(write(bad, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    assert (tmp_path / "a.problems.csv").exists()
    result = import_workforce(write(export, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    assert result.report is None and not (tmp_path / "a.problems.csv").exists()


def test_skipping_too_many_rows_exits_1_and_says_why(export, tmp_path):
    bad = export.copy()
    bad.loc[: len(bad) // 10, "Golongan"] = "IX"  # about 10 % of rows
    path = write(bad, tmp_path)
    result = cli("import-workforce", str(path), "--out", str(tmp_path / "o" / "a.yaml"), "--on-error", "skip")
    assert result.exit_code == 1, result.output
    assert "more than the allowed 5 %" in result.output and "unknown golongan" in result.output
    assert not (tmp_path / "o" / "a.yaml").exists() and (tmp_path / "o" / "a.problems.csv").exists()
    result = cli("import-workforce", str(path), "--out", str(tmp_path / "o" / "a.yaml"), "--on-error", "skip",
                 "--max-skip-share", "0.2")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Skipped {len(bad) // 10 + 1} bad row(s)" in result.output


def test_duplicated_nip_in_skip_mode(export, tmp_path):
    bad = export.copy()
    bad.loc[5, "NIP"] = bad.loc[4, "NIP"]
    result = import_workforce(write(bad, tmp_path), ImportMapping(on_error="skip"), SALT, tmp_path / "a.yaml")
    assert result.skipped == 2 and result.rows == len(export) - 2
    report = pd.read_csv(result.report, dtype=str)
    assert set(report.reason) == {"NIP appears more than once"} and set(report.value) == {"<redacted>"}


def test_levels_absent_from_the_export_get_no_posts(export, tmp_path):
    without = export[~export.Jabatan.str.contains("Ahli Utama")]
    result = import_workforce(write(without, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    scenario = meritsim.load_scenario(result.scenario)
    assert scenario.organisation.posts("ahli_utama") == 0
    counts = pd.read_parquet(result.snapshot).level.value_counts()
    assert all(scenario.organisation.posts(k) == counts.get(k, 0) for k in scenario.organisation.levels)


def test_a_mapping_to_a_level_the_scenario_lacks_is_refused(export, tmp_path):
    m = ImportMapping(level_by_eselon={"IV.A": "kepala_seksi"})
    with pytest.raises(ExportError, match="kepala_seksi, which the base scenario"):
        import_workforce(write(export, tmp_path), m, SALT, tmp_path / "a.yaml")


def test_an_import_whose_scenario_cannot_run_writes_nothing(export, tmp_path):
    levels = meritsim.load_scenario("default").organisation.levels
    weights = ", ".join(f"{k}: {{weight: {1 if k == 'ahli_utama' else 0}}}" for k in levels)
    base = tmp_path / "base.yaml"  # only ahli_utama counts in effectiveness ...
    base.write_text(f"extends: default\norganisation: {{levels: {{{weights}}}}}\n")
    (tmp_path / "m.yaml").write_text(f"base_scenario: {base.name}\n")
    without = export[~export.Jabatan.str.contains("Ahli Utama")]  # ... and the export has none
    result = cli("import-workforce", str(write(without, tmp_path)), "--mapping", str(tmp_path / "m.yaml"),
                 "--out", str(tmp_path / "o" / "a.yaml"))  # fmt: skip
    assert result.exit_code == 2 and "would not run" in result.output and "weight above 0" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o" / "a.yaml").exists() and not (tmp_path / "o" / "a.snapshot.parquet").exists()


def test_excel_dates_and_formulas_without_values(export, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(export.columns))
    for row in export.itertuples(index=False):
        cells = list(row)
        cells[2] = dt.datetime.fromisoformat(cells[2])  # a real date cell
        ws.append(cells)
    ws.append([])  # a blank row is not a person
    path = tmp_path / "export.xlsx"
    wb.save(path)
    result = import_workforce(path, ImportMapping(), SALT, tmp_path / "a.yaml")
    snapshot = pd.read_parquet(result.snapshot)
    assert result.rows == len(export)
    assert (snapshot.birth_date.dt.strftime("%Y-%m-%d") == export["Tanggal Lahir"]).all()
    ws["E3"] = "=D3"  # a formula whose value was never computed (saved by a script)
    ws["A4"] = 198501012010011001  # a NIP stored as a number: digits lost
    wb.save(path)
    with pytest.raises(ExportError) as info:
        import_workforce(path, ImportMapping(), SALT, tmp_path / "b.yaml")
    assert "line 3, Pendidikan: a formula without a stored value" in str(info.value)
    assert "line 4, NIP: a number too long to be stored exactly" in str(info.value)


def test_unreadable_exports(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("NIP,Nama\n\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("NIP,Nama\n198501012010011001,Dédé\n".encode("cp1252"))
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    for path, reason in (
        (empty, "the file is empty"),
        (header_only, "no rows"),
        (latin, "not readable as utf-8"),
        (old, "save it as .xlsx or CSV"),
    ):
        with pytest.raises(ExportError, match=reason):
            import_workforce(path, ImportMapping(), SALT, tmp_path / "a.yaml")
    with pytest.raises(ExportError, match="column missing"):
        import_workforce(latin, ImportMapping(), SALT, tmp_path / "a.yaml", encoding="cp1252")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
        (["--snapshot-date", "31-12-2024"], "is not a date like 2024-12-31"),
    ],
)
def test_bad_options_are_clear_errors(export, tmp_path, args, expected):
    path = write(export, tmp_path)
    result = cli("import-workforce", str(path), "--out", str(tmp_path / "o" / "a.yaml"), *args)
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ("date_formats: ['%Q-%m']", "does not read back a date"),
        ("date_formats: ['%d']", "does not read back a date"),
        ("snapshot_date: 2024-13-01", "snapshot_date"),
        ("base_scenario: /etc/passwd", "is not a scenario"),
        ("columns: {nip: [1, 2]}", "columns.nip"),
        ("- a list", "must be a YAML mapping"),
    ],
)
def test_bad_mappings_are_clear_errors(export, tmp_path, mapping, expected):
    (tmp_path / "m.yaml").write_text(mapping + "\n")
    path = write(export, tmp_path)
    result = cli("import-workforce", str(path), "--mapping", str(tmp_path / "m.yaml"), "--out",
                 str(tmp_path / "o" / "a.yaml"))  # fmt: skip
    assert result.exit_code == 2 and expected in result.output, result.output
    assert "Traceback" not in result.output and "root:" not in result.output


def test_out_folders_that_cannot_be_written_are_clear_errors(export, tmp_path):
    path = write(export, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli("import-workforce", str(path), "--out", str(blocker / "sub" / "a.yaml"), salt=tmp_path / "s")
    (tmp_path / "s").unlink(missing_ok=True)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert str(blocker) in result.output
    result = cli("import-workforce", str(path), "--out", str(tmp_path / "o" / "new" / "a.yaml"))
    assert result.exit_code == 0, result.output  # a missing parent is made


def test_snapshot_must_fit_the_scenario(export, tmp_path):
    result = import_workforce(write(export, tmp_path), ImportMapping(), SALT, tmp_path / "a.yaml")
    with pytest.raises(meritsim.ScenarioError, match="cannot hold the snapshot"):
        meritsim.load_scenario(result.scenario, ["organisation.levels.pelaksana.posts=1"])
