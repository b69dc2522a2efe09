"""How an agency's export maps onto meritsim: column names, date formats, codes, post levels."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from meritsim.params.schema_base import Strict


class Columns(Strict):
    """Column names in the export (SIMPEG-style defaults)."""

    nip: str = Field("NIP", description="18-digit NIP (identifier; pseudonymised on import).")
    name: str = Field("Nama", description="Name (identifier; dropped on import).")
    birth_date: str = Field("Tanggal Lahir", description="Date of birth.")
    sex: str = Field("Jenis Kelamin", description="Sex code (see sex_codes).")
    education: str = Field("Pendidikan", description="Education code: SD ... S3.")
    golongan: str = Field("Golongan", description="Rank code, e.g. III/a.")
    tmt_golongan: str = Field("TMT Golongan", description="Date the current rank took effect.")
    jabatan: str = Field("Jabatan", description="Post title.")
    eselon: str = Field("Eselon", description="Eselon code of structural posts (empty otherwise).")
    unit: str = Field("Unit Kerja", description="Organisational unit (OPD).")
    assessment: str | None = Field(
        None, description="Optional: competency-assessment score (competence units), blank if none."
    )
    affinity_proxy: str | None = Field(
        None,
        description="Optional: a 0/1 proxy of closeness to the appointing official (e.g. same home "
        "region); enters the promotion model when given.",
    )
    predikat: list[str] = Field(
        default_factory=lambda: ["Predikat 1", "Predikat 2"],
        description="SKP predikat columns, latest year first (may be empty).",
    )


class ImportMapping(Strict):
    """Everything needed to read one export."""

    columns: Columns = Field(default_factory=Columns, description="Column names.")
    date_formats: list[str] = Field(
        default_factory=lambda: ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        min_length=1,
        description="Accepted date formats (strftime codes), tried in order.",
    )
    snapshot_date: str = Field("2025-12-31", description="Date of the export (YYYY-MM-DD).")
    sex_codes: dict[str, Literal["F", "M"]] = Field(
        default_factory=lambda: {"P": "F", "PEREMPUAN": "F", "F": "F", "L": "M", "LAKI-LAKI": "M", "M": "M"},
        description="Codes of the sex column (compared in upper case).",
    )
    level_by_eselon: dict[str, str] = Field(
        default_factory=lambda: {
            "I.A": "jpt_madya",
            "I.B": "jpt_madya",
            "II.A": "jpt_pratama",
            "II.B": "jpt_pratama",
            "III.A": "administrator",
            "III.B": "administrator",
            "IV.A": "pengawas",
            "IV.B": "pengawas",
        },
        description="Post level by eselon code (upper case).",
    )
    level_by_jabatan: dict[str, str] = Field(
        default_factory=lambda: {
            "AHLI UTAMA": "ahli_utama",
            "AHLI MADYA": "ahli_madya",
            "AHLI MUDA": "ahli_muda",
            "AHLI PERTAMA": "ahli_pertama",
            "PENYELIA": "penyelia",
            "MAHIR": "mahir",
            "TERAMPIL": "terampil",
        },
        description="Post level by a phrase in the post title (upper case), for posts without eselon.",
    )
    default_level: str = Field("pelaksana", description="Level of everyone else.")
    base_scenario: str = Field("default", description="Scenario the imported one extends.")
    on_error: Literal["stop", "skip"] = Field("stop", description="Stop at bad rows, or skip them.")
