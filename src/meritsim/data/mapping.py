"""How an agency's export maps onto meritsim: column names, date formats, codes, post levels."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from meritsim.data.codes import normalise_eselon
from meritsim.model.scenario.base import Strict


def _check_format(fmt: str) -> str:
    sample = dt.datetime(2001, 2, 3)
    try:
        back = dt.datetime.strptime(sample.strftime(fmt), fmt)
    except ValueError:
        back = None
    if back is None or back.date() != sample.date():
        raise ValueError(
            f"date format {fmt[:40]!r} does not read back a date: use strftime codes with a day, "
            "a month and a year, e.g. %d-%m-%Y or %Y-%m-%d"
        )
    return fmt


class Columns(Strict):
    """Column names in the export (SIMPEG-style defaults)."""

    nip: str = Field("NIP", description="18-digit NIP (identifier; pseudonymised on import).")
    name: str = Field("Nama", description="Name (identifier; dropped on import, may be absent).")
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

    def used(self) -> list[str]:
        """The columns whose values are read (the name column is only dropped)."""
        optional = [c for c in (self.assessment, self.affinity_proxy) if c]
        return [
            self.nip, self.birth_date, self.sex, self.education, self.golongan, self.tmt_golongan,
            self.jabatan, self.eselon, self.unit, *self.predikat, *optional,
        ]  # fmt: skip


class ImportMapping(Strict):
    """Everything needed to read one export."""

    columns: Columns = Field(default_factory=Columns, description="Column names.")
    date_formats: list[str] = Field(
        default_factory=lambda: ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        min_length=1,
        description="Accepted date formats (strftime codes), tried in order; ISO dates "
        "(YYYY-MM-DD, as Excel date cells are read) are always accepted.",
    )
    snapshot_date: str = Field("2025-12-31", description="Date of the export (YYYY-MM-DD).")
    empty_markers: list[str] = Field(
        default_factory=lambda: ["-", "--", "n/a", "na", "null"],
        description="Cell texts that mean 'no value' (compared case-insensitively, spaces stripped).",
    )
    sex_codes: dict[str, Literal["F", "M"]] = Field(
        default_factory=lambda: dict[str, Literal["F", "M"]](
            {"P": "F", "PEREMPUAN": "F", "F": "F", "W": "F", "L": "M",
             "LAKI-LAKI": "M", "M": "M", "PRIA": "M", "WANITA": "F"}
        ),
        description="Codes of the sex column (compared in upper case).",
    )  # fmt: skip
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
        description="Post level by eselon code; IV/a, IVa, IV.a and 4a are the same code. A "
        "non-empty eselon that is not listed is a row problem.",
    )
    level_by_jabatan: dict[str, str] = Field(
        default_factory=lambda: {
            "GURU AHLI PERTAMA": "guru_pertama",
            "GURU AHLI MUDA": "guru_muda",
            "GURU AHLI MADYA": "guru_madya",
            "AHLI UTAMA": "ahli_utama",
            "AHLI MADYA": "ahli_madya",
            "AHLI MUDA": "ahli_muda",
            "AHLI PERTAMA": "ahli_pertama",
            "PENYELIA": "penyelia",
            "MAHIR": "mahir",
            "TERAMPIL": "terampil",
        },
        description="Post level by a phrase in the post title (upper case), for posts without eselon; "
        "the first phrase that matches wins.",
    )
    default_level: str = Field(
        "pelaksana", description="Level of staff with no eselon and no listed phrase in the title."
    )
    base_scenario: str = Field("default", description="Scenario the imported one extends (a .yaml file).")
    on_error: Literal["stop", "skip"] = Field("stop", description="Stop at bad rows, or skip them.")
    max_skip_share: float = Field(
        0.05, ge=0, le=1, description="skip: most rows that may be skipped, as a share of all rows."
    )

    @field_validator("date_formats")
    @classmethod
    def _formats(cls, formats: list[str]) -> list[str]:
        return [_check_format(f) for f in formats]

    @field_validator("snapshot_date")
    @classmethod
    def _date(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value[:40]!r} is not a date like 2024-12-31") from None
        return value

    @field_validator("level_by_eselon")
    @classmethod
    def _eselon_keys(cls, levels: dict[str, str]) -> dict[str, str]:
        return {normalise_eselon(k): v for k, v in levels.items()}

    def levels(self) -> set[str]:
        """Every level the mapping can assign."""
        return {*self.level_by_eselon.values(), *self.level_by_jabatan.values(), self.default_level}
