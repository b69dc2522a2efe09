"""Realistic example exports (SIMPEG-style columns) made from a simulated workforce whose true
parameters are known, so that import and calibration can be tested and demonstrated without
anybody's real data. NIPs and names are fake; a person keeps the same NIP from year to year."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from meritsim.model.calendar import Simulation
from meritsim.model.establishment import Establishment
from meritsim.model.scenario.domain import EDUCATION, PREDIKAT, RANKS
from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import Workforce

ESELON = {"jpt_madya": "I.b", "jpt_pratama": "II.a", "administrator": "III.a", "pengawas": "IV.a"}
TITLE = {
    "pelaksana": "Pengadministrasi Umum",
    "ahli_pertama": "Analis Kebijakan Ahli Pertama",
    "ahli_muda": "Analis Kebijakan Ahli Muda",
    "ahli_madya": "Analis Kebijakan Ahli Madya",
    "ahli_utama": "Analis Kebijakan Ahli Utama",
    "terampil": "Pranata Komputer Terampil",
    "mahir": "Pranata Komputer Mahir",
    "penyelia": "Pranata Komputer Penyelia",
    "guru_pertama": "Guru Ahli Pertama",
    "guru_muda": "Guru Ahli Muda",
    "guru_madya": "Guru Ahli Madya",
    "pengawas": "Kepala Seksi",
    "administrator": "Kepala Bidang",
    "jpt_pratama": "Kepala Dinas",
    "jpt_madya": "Sekretaris Daerah",
}
COLUMNS = [
    "NIP",
    "Nama",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Pendidikan",
    "Golongan",
    "TMT Golongan",
    "Jabatan",
    "Eselon",
    "Unit Kerja",
    "Nilai Asesmen",
    "Kedekatan",
    "Predikat 1",
    "Predikat 2",
]


def export_frame(wf: Workforce, org: Establishment, origin: dt.date) -> pd.DataFrame:
    """Everyone in service in ``wf``; simulated date 0 is calendar day ``origin`` (so that a
    person's dates, and NIP, are the same in every year's export)."""
    act = np.flatnonzero(wf.active)

    def dates(years: np.ndarray) -> list[str]:
        return [(origin + dt.timedelta(days=round(float(y) * 365.25))).isoformat() for y in years]

    keys = np.array(org.keys)[wf.level[act]]
    born = dates(wf.born[act])
    assessed = wf.assessed_competence[act]
    return pd.DataFrame(
        {
            "NIP": [f"{b.replace('-', '')}{i:010d}" for b, i in zip(born, wf.id[act], strict=True)],
            "Nama": [f"Pegawai Contoh {i}" for i in wf.id[act]],
            "Tanggal Lahir": born,
            "Jenis Kelamin": np.where(wf.female[act], "P", "L"),
            "Pendidikan": np.array(EDUCATION)[wf.education[act]],
            "Golongan": np.array(RANKS)[wf.rank[act]],
            "TMT Golongan": dates(wf.rank_since[act]),
            "Jabatan": [TITLE.get(k, k) for k in keys],
            "Eselon": [ESELON.get(k, "") for k in keys],
            "Unit Kerja": [f"OPD {u + 1:02d}" for u in wf.unit[act]],
            "Nilai Asesmen": ["" if np.isnan(a) else f"{a:.1f}" for a in assessed],
            # an observable proxy of closeness to the appointing official (e.g. the same home region)
            "Kedekatan": np.where(wf.affinity[act] > 0.7, "1", "0"),
            "Predikat 1": [PREDIKAT[p] if p >= 0 else "" for p in wf.skp[act, 0]],
            "Predikat 2": [PREDIKAT[p] if p >= 0 else "" for p in wf.skp[act, 1]],
        },
        columns=COLUMNS,
    )


def snapshot_day(origin: dt.date, year: int) -> dt.date:
    """Calendar day of the export after ``year`` simulated years."""
    return origin + dt.timedelta(days=round(year * 365.25))


def example_export(scenario: Scenario, snapshot_date: str = "2025-12-31", seed: int = 0) -> pd.DataFrame:
    """The starting workforce of ``scenario`` as one export."""
    sim = Simulation(scenario, seed=seed)
    return export_frame(sim.wf, sim.est, dt.date.fromisoformat(snapshot_date))


def example_exports(
    scenario: Scenario, years: int, first_date: str = "2021-12-31", seed: int = 0
) -> list[tuple[str, pd.DataFrame]]:
    """Yearly exports (date, table) of one simulated run: the start and each year end."""
    sim = Simulation(scenario, years=years, seed=seed)
    origin = dt.date.fromisoformat(first_date)
    out = [(origin.isoformat(), export_frame(sim.wf, sim.est, origin))]
    for year in sim.years_run():
        out.append((snapshot_day(origin, year).isoformat(), export_frame(sim.wf, sim.est, origin)))
    return out


def write_examples(folder: str, years: int = 3) -> None:
    """(Re)write the example exports of ``folder``/truth.yaml: ``export_<date>.csv`` per year and
    ``mapping.yaml``. Run: ``python -m meritsim.data.example params/examples``."""
    from pathlib import Path

    import yaml

    from meritsim.model.load import load_scenario

    root = Path(folder)
    truth = load_scenario(root / "truth.yaml")
    for day, table in example_exports(truth, years):
        table.to_csv(root / f"export_{day}.csv", index=False)
    mapping = {
        "columns": {"assessment": "Nilai Asesmen", "affinity_proxy": "Kedekatan"},
        "base_scenario": "default",
    }
    (root / "mapping.yaml").write_text(
        "# Column mapping of the example exports: SIMPEG-style defaults,\n"
        "# plus the assessment score and an affinity proxy.\n" + yaml.safe_dump(mapping, sort_keys=False)
    )


if __name__ == "__main__":  # pragma: no cover
    import sys

    write_examples(sys.argv[1] if len(sys.argv) > 1 else "params/examples")
