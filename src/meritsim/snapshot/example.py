"""A realistic example export (SIMPEG-style columns) made from a simulated workforce, so that the
import can be tested and demonstrated without anybody's real data. NIPs and names are fake."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from meritsim.engine import Simulation
from meritsim.params.domain import EDUCATION, PREDIKAT, RANKS
from meritsim.params.schema import Scenario
from meritsim.snapshot.mapping import ImportMapping

ESELON = {"jpt_madya": "I.b", "jpt_pratama": "II.a", "administrator": "III.a", "pengawas": "IV.a"}
TITLE = {
    "pelaksana": "Pengadministrasi Umum", "ahli_pertama": "Analis Kebijakan Ahli Pertama",
    "ahli_muda": "Analis Kebijakan Ahli Muda", "ahli_madya": "Analis Kebijakan Ahli Madya",
    "ahli_utama": "Analis Kebijakan Ahli Utama", "terampil": "Pranata Komputer Terampil",
    "mahir": "Pranata Komputer Mahir", "penyelia": "Pranata Komputer Penyelia",
    "pengawas": "Kepala Seksi", "administrator": "Kepala Bidang", "jpt_pratama": "Kepala Dinas",
    "jpt_madya": "Sekretaris Daerah",
}  # fmt: skip


def example_export(scenario: Scenario, snapshot_date: str = "2025-12-31", seed: int = 0) -> pd.DataFrame:
    """One row per employee of ``scenario``'s starting workforce, as an agency would export it."""
    sim = Simulation(scenario, seed=seed)
    wf, org = sim.wf, sim.org
    rng = np.random.default_rng(seed)
    today = dt.date.fromisoformat(snapshot_date)
    fmt = ImportMapping().date_formats[0]

    def date(years_ago: np.ndarray) -> list[str]:
        return [(today - dt.timedelta(days=float(d) * 365.25)).strftime(fmt) for d in years_ago]

    keys = np.array(org.keys)[wf.level]
    born = date(-wf.born)
    nip = [f"{b.replace('-', '')}{rng.integers(10**9, 10**10)}" for b in born]
    columns = {
        "NIP": nip,
        "Nama": [f"Pegawai Contoh {i}" for i in range(len(wf))],
        "Tanggal Lahir": born,
        "Jenis Kelamin": np.where(wf.female, "P", "L"),
        "Pendidikan": np.array(EDUCATION)[wf.education],
        "Golongan": np.array(RANKS)[wf.rank],
        "TMT Golongan": date(-wf.rank_since),
        "Jabatan": [TITLE.get(k, k) for k in keys],
        "Eselon": [ESELON.get(k, "") for k in keys],
        "Unit Kerja": [f"OPD {u + 1:02d}" for u in wf.unit],
        "Predikat 1": [PREDIKAT[p] if p >= 0 else "" for p in wf.skp[:, 0]],
        "Predikat 2": [PREDIKAT[p] if p >= 0 else "" for p in wf.skp[:, 1]],
    }
    return pd.DataFrame(columns)
