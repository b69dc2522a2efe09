"""The workforce as a struct of numpy arrays: one array per attribute, one row per employee.

Dates are in years of simulated time (0 = start). A row whose ``level`` is -1 has left the
service; such rows are dropped at each year end by :meth:`Workforce.keep`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

LEFT = -1  # level of someone who has left
HISTORY = 5  # years of SKP predikat kept; column 0 is the latest
NO_PREDIKAT = -1
N_COMPETENCIES = 8  # managerial competencies (PermenPANRB 38/2017), levels 1-5


@dataclass
class Workforce:
    """All employees; every field is an array with one row per employee (``skp`` has 5 columns)."""

    id: np.ndarray  # int64, unique, increasing with recruitment order
    born: np.ndarray  # float64 date of birth
    female: np.ndarray  # bool
    education: np.ndarray  # int8 index into domain.EDUCATION
    rank: np.ndarray  # int8 index into domain.RANKS
    rank_since: np.ndarray  # float64 date of the last rank promotion
    level: np.ndarray  # int16 post level, LEFT once gone
    post_since: np.ndarray  # float64 date of appointment to the current level
    service_since: np.ndarray  # float64 date of entry into the service
    unit: np.ndarray  # int32 organisational unit (OPD)
    competence: np.ndarray  # float64 latent competence
    potential: np.ndarray  # float64 0-1
    integrity: np.ndarray  # float64 0-1
    affinity: np.ndarray  # float64 0-1, closeness to the appointing official
    quit_at: np.ndarray  # float64 date of voluntary exit (inf = never)
    exit_at: np.ndarray  # float64 earliest of retirement (BUP of current level) and quit_at
    first_post_at: np.ndarray  # float64 date of first promotion to a post (nan = none yet)
    first_structural_at: np.ndarray  # float64 date of first structural post (nan = none yet)
    poor_streak: np.ndarray  # int8 consecutive poor appraisals
    skp: np.ndarray  # int8 (n, HISTORY) predikat history, NO_PREDIKAT where none
    managerial: np.ndarray  # float32 (n, 8) latent managerial competency levels 1-5
    assessed_competence: np.ndarray  # float64 last assessment-centre result (nan = never)
    assessed_managerial: np.ndarray  # float32 (n, 8) last assessed competency levels (nan = never)
    assessed_potential: np.ndarray  # float64 last assessed potential (nan = never)
    assessed_at: np.ndarray  # float64 date of the last assessment (nan = never)
    box: np.ndarray  # int8 talent 9-box (1-9; 0 = not yet placed)
    motivation: np.ndarray  # float64 0-1; lowered when a high performer is passed over
    irregular: np.ndarray  # bool holds the current post through a bribe or nepotism

    def __len__(self) -> int:
        return self.id.size

    @property
    def active(self) -> np.ndarray:
        """Mask of rows still in service."""
        return self.level != LEFT

    def keep(self, mask: np.ndarray) -> None:
        """Drop the rows where ``mask`` is False (order of the rest preserved)."""
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name)[mask])

    def append(self, other: Workforce) -> np.ndarray:
        """Add ``other``'s rows at the end; returns their row indices."""
        start = len(self)
        for f in fields(self):
            setattr(self, f.name, np.concatenate([getattr(self, f.name), getattr(other, f.name)]))
        return np.arange(start, len(self))

    @classmethod
    def empty(cls, n: int) -> Workforce:
        """A workforce of ``n`` rows with neutral values, to be filled in by a generator."""
        return cls(
            id=np.zeros(n, np.int64),
            born=np.zeros(n),
            female=np.zeros(n, bool),
            education=np.zeros(n, np.int8),
            rank=np.zeros(n, np.int8),
            rank_since=np.zeros(n),
            level=np.zeros(n, np.int16),
            post_since=np.zeros(n),
            service_since=np.zeros(n),
            unit=np.zeros(n, np.int32),
            competence=np.zeros(n),
            potential=np.zeros(n),
            integrity=np.zeros(n),
            affinity=np.zeros(n),
            quit_at=np.full(n, np.inf),
            exit_at=np.full(n, np.inf),
            first_post_at=np.full(n, np.nan),
            first_structural_at=np.full(n, np.nan),
            poor_streak=np.zeros(n, np.int8),
            skp=np.full((n, HISTORY), NO_PREDIKAT, np.int8),
            managerial=np.ones((n, N_COMPETENCIES), np.float32),
            assessed_competence=np.full(n, np.nan),
            assessed_managerial=np.full((n, N_COMPETENCIES), np.nan, np.float32),
            assessed_potential=np.full(n, np.nan),
            assessed_at=np.full(n, np.nan),
            box=np.zeros(n, np.int8),
            motivation=np.ones(n),
            irregular=np.zeros(n, bool),
        )
