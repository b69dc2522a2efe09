"""The leak scan: import, run, calibrate and report a messy export with personal data, then look
for every NIP, 8-digit NIP fragment, name token, phone number and e-mail in every file written
and in everything printed."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from meritsim.cli import main
from personnel import SALT_HEX, leaks, linked_exports, make_messy, scan_text, secrets_of, write_messy_csv


def write_xlsx(df, path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def exports():
    return [t for _, t in linked_exports(scale=0.03, years=1)]


def test_nothing_personal_reaches_any_output_or_message(exports, tmp_path):
    inputs, work = tmp_path / "inputs", tmp_path / "work"
    inputs.mkdir()
    first, second = (make_messy(t) for t in exports)
    second.loc[2, "Golongan"] = "IX"  # bad rows: a report of problems is written ...
    second.loc[3, "Unit Kerja"] = f'=HYPERLINK("mailto:{second.loc[3, "Email"]}","{second.loc[3, "Nama"]}")'
    second.loc[4, "Eselon"] = second.loc[4, "No HP"]  # ... with contact data where a code belongs
    second.loc[5, "Tanggal Lahir"] = second.loc[5, "NIP"][:8]
    files = [write_messy_csv(first, inputs / "2021.csv"), write_xlsx(second, inputs / "2022.xlsx")]
    salt = tmp_path / "salt"
    salt.write_text(SALT_HEX)
    salt.chmod(0o600)
    mapping = inputs / "mapping.yaml"
    mapping.write_text("columns: {assessment: Nilai Asesmen, affinity_proxy: Kedekatan}\n")
    runner = CliRunner()
    printed = []

    def meritsim(*args: str) -> None:
        result = runner.invoke(main, list(args))
        printed.append(result.output)
        assert result.exit_code == 0, result.output

    scenarios = []
    for path, day in zip(files, ("2021-12-31", "2022-12-31"), strict=True):
        out = work / "import" / f"agency_{day}.yaml"
        meritsim("import-workforce", str(path), "--mapping", str(mapping), "--snapshot-date", day,
                 "--out", str(out), "--salt-file", str(salt), "--on-error", "skip")  # fmt: skip
        scenarios.append(str(out))
    assert (work / "import" / "agency_2022-12-31.problems.csv").exists()
    meritsim("run", scenarios[1], "--years", "2", "--replications", "2", "--jobs", "1", "--quiet",
             "--out", str(work / "run"))  # fmt: skip
    meritsim("calibrate", *scenarios, "--out", str(work / "calibrated" / "calibrated.yaml"))
    meritsim("report", "scenario_explorer", "-p", "scenario", scenarios[1], "-p", "scale", "1.0",
             "-p", "years", "2", "--out", str(work / "report"))  # fmt: skip
    found = secrets_of([first, second])
    assert len(found["nip"]) >= 290 and found["name"] and found["phone"] and found["email"]
    sample = {k: sorted(v)[0] for k, v in found.items()}
    assert len(leaks(" ".join(sample.values()), found)) >= len(sample)  # the scan finds each kind
    written = scan_text(work)
    assert "agency_2022" in written and "Golongan" in written  # the scan does see the outputs
    assert not leaks(written, found), leaks(written, found)[:5]
    assert not leaks("\n".join(printed), found), leaks("\n".join(printed), found)[:5]
