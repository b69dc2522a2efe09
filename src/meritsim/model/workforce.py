"""The workforce as a struct of numpy arrays: one array per attribute, one row per employee.

A few columns summarise others so that yearly passes over everyone stay cheap (``good_record``,
``fit_gap``, ``assessed_level``, ``assessed_min``, ``merit``); the rules that change their inputs
update them, and ``meritsim.model.audit.Invariants`` checks them against a fresh computation.

Dates are in years of simulated time (0 = start). A row whose ``level`` is -1 has left the
service. The arrays are views of buffers with spare room at the end, so that a recruitment wave is
written in place; rows of leavers are dropped (and the buffers regrown) only when room runs out or
at a year end with many leavers, so a row index is valid within a phase of the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from meritsim.model import kernels

LEFT = -1  # level of someone who has left
HISTORY = 5  # years of SKP predikat kept; column 0 is the latest
NO_PREDIKAT = -1
N_COMPETENCIES = 8  # managerial competencies (PermenPANRB 38/2017), levels 1-5
SPARE = 0.15  # room left for recruits when the buffers are (re)made, as a share of the rows
PNS, PPPK, PPPK_PART_TIME = 0, 1, 2  # employment types (ASN = PNS + PPPK)
NO_CONTRACT = np.iinfo(np.int16).max  # contract_end of a PNS: never


def _compact(buffer: np.ndarray, kept: np.ndarray, chunk: int = 1 << 15) -> None:
    """Move rows ``kept`` (increasing) to the front of ``buffer``, in order, in place: chunk by
    chunk from the front, which is safe since ``kept[i] >= i`` (a chunk's sources lie at or
    after its destination, and later chunks' beyond it); compiled for very many rows."""
    if kernels.enabled(kept.size):
        from meritsim.model.kernels.rows import compact, compact_rows

        (compact if buffer.ndim == 1 else compact_rows)(buffer, kept)
        return
    for start in range(0, kept.size, chunk):
        stop = min(start + chunk, kept.size)
        buffer[start:stop] = buffer[kept[start:stop]]


def _views(array: np.ndarray, buffer: np.ndarray | None) -> bool:
    """Whether ``array`` is ``buffer`` or a view of it."""
    return buffer is not None and (array is buffer or array.base is buffer)


@dataclass(eq=False)
class Workforce:
    """All employees; every field is an array with one row per employee (``skp``, ``managerial``
    and ``assessed_managerial`` have several columns)."""

    id: np.ndarray  # int64, unique, increasing with recruitment order
    key: np.ndarray  # uint32 identity across scenarios, for the keyed random numbers
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
    structural_interest: np.ndarray  # bool a functional expert who would take a structural post
    quit_at: np.ndarray  # float64 date of voluntary exit (inf = never)
    exit_at: np.ndarray  # float64 earliest of retirement (BUP), quit_at and a PPPK contract's end
    first_post_at: np.ndarray  # float64 date of first promotion to a post (nan = none yet)
    first_structural_at: np.ndarray  # float64 date of first structural post (nan = none yet)
    poor_streak: np.ndarray  # int8 consecutive poor appraisals
    skp: np.ndarray  # int8 (n, HISTORY) predikat history, NO_PREDIKAT where none
    good_record: np.ndarray  # bool the appraisal record meets what promotions need
    credits: np.ndarray  # float32 credit points (angka kredit) earned at the current functional level
    managerial: np.ndarray  # float32 (n, 8) latent managerial competency levels 1-5
    fit_gap: np.ndarray  # float32 mean shortfall of ``managerial`` below the post's required level
    assessed_competence: np.ndarray  # float64 last assessment-centre result (nan = never)
    assessed_managerial: np.ndarray  # float32 (n, 8) last assessed competency levels (nan = never)
    assessed_level: np.ndarray  # float32 mean of the last assessed competency levels (nan = never)
    assessed_min: np.ndarray  # float32 lowest of the last assessed competency levels (nan = never)
    assessed_potential: np.ndarray  # float64 last assessed potential (nan = never)
    assessed_at: np.ndarray  # float64 date of the last assessment (nan = never)
    merit: np.ndarray  # float64 merit score as the organisation knows it (0-1; see World.score_merit)
    box: np.ndarray  # int8 talent 9-box (1-9; 0 = not yet placed)
    motivation: np.ndarray  # float64 0-1; lowered when a high performer is passed over
    irregular: np.ndarray  # bool holds the current post through a bribe or nepotism
    employment: np.ndarray  # int8 PNS, PPPK or PPPK_PART_TIME
    contract_end: np.ndarray  # int16 month (months since the start) the PPPK contract ends; NO_CONTRACT
    _buffers: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return self.id.size

    @property
    def active(self) -> np.ndarray:
        """Mask of rows still in service."""
        return self.level != LEFT

    @classmethod
    def columns(cls) -> list[str]:
        """Names of the per-person arrays."""
        return [f.name for f in fields(cls) if not f.name.startswith("_")]

    def _use(self, buffers: dict[str, np.ndarray], n: int) -> None:
        self._buffers = buffers
        for name, buf in buffers.items():
            setattr(self, name, buf[:n])

    def keep(self, mask: np.ndarray) -> None:
        """Drop the rows where ``mask`` is False (order of the rest preserved), in place."""
        self._regrow(mask, extra=0)

    def _regrow(self, mask: np.ndarray, extra: int) -> None:
        kept = np.asarray(mask).nonzero()[0]
        m = kept.size
        room = min((b.shape[0] for b in self._buffers.values()), default=0)
        if m + extra <= room and all(_views(getattr(self, c), self._buffers.get(c)) for c in self.columns()):
            for name in self.columns():  # compact in place: fresh memory costs a page fault a page
                _compact(self._buffers[name], kept)
            self._use(self._buffers, m)
            return
        capacity = m + extra + int(SPARE * (m + extra))
        buffers = self._buffers = dict(self._buffers)
        for name in self.columns():  # column by column, each old one freed once copied: the peak
            old = getattr(self, name)  # is the old workforce plus one new column, not two workforces
            buf = np.empty((capacity, *old.shape[1:]), dtype=old.dtype)
            np.take(old, kept, axis=0, out=buf[:m])  # much faster than np.compress with out
            buffers[name] = buf
            setattr(self, name, buf[:m])
            del old
        self._use(buffers, m)

    def append(self, other: Workforce) -> np.ndarray:
        """Add ``other``'s rows at the end (dropping leavers first if there is no room); returns
        their row indices."""
        k = len(other)
        n = len(self)
        room = min((b.shape[0] for b in self._buffers.values()), default=0) - n
        in_buffers = all(_views(getattr(self, c), self._buffers.get(c)) for c in self.columns())
        if room < k or not in_buffers:  # full, or an array was replaced rather than written to
            self._regrow(self.active, extra=k)
            n = len(self)
        for name in self.columns():
            self._buffers[name][n : n + k] = getattr(other, name)
        self._use(self._buffers, n + k)
        return np.arange(n, n + k)

    @classmethod
    def empty(cls, n: int, spare: float = SPARE) -> Workforce:
        """A workforce of ``n`` rows with neutral values, to be filled in by a generator, in
        buffers with room for ``spare`` x ``n`` more (the first recruits are written in place; the
        room is not written, so it costs no memory until used)."""
        nan = np.nan
        full = n
        n = n + int(spare * n)

        def col(dtype: type, value: float | bool, width: int | None = None) -> np.ndarray:
            out: np.ndarray = np.empty((n,) if width is None else (n, width), dtype)
            out[:full] = value
            return out

        wf = cls(
            id=col(np.int64, 0),
            key=col(np.uint32, 0),
            born=col(np.float64, 0.0),
            female=col(bool, False),
            education=col(np.int8, 0),
            rank=col(np.int8, 0),
            rank_since=col(np.float64, 0.0),
            level=col(np.int16, 0),
            post_since=col(np.float64, 0.0),
            service_since=col(np.float64, 0.0),
            unit=col(np.int32, 0),
            competence=col(np.float64, 0.0),
            potential=col(np.float64, 0.0),
            integrity=col(np.float64, 0.0),
            affinity=col(np.float64, 0.0),
            structural_interest=col(bool, False),
            quit_at=col(np.float64, np.inf),
            exit_at=col(np.float64, np.inf),
            first_post_at=col(np.float64, nan),
            first_structural_at=col(np.float64, nan),
            poor_streak=col(np.int8, 0),
            skp=col(np.int8, NO_PREDIKAT, HISTORY),
            good_record=col(bool, False),
            credits=col(np.float32, 0),
            managerial=col(np.float32, 1, N_COMPETENCIES),
            fit_gap=col(np.float32, 0),
            assessed_competence=col(np.float64, nan),
            assessed_managerial=col(np.float32, nan, N_COMPETENCIES),
            assessed_level=col(np.float32, nan),
            assessed_min=col(np.float32, nan),
            assessed_potential=col(np.float64, nan),
            assessed_at=col(np.float64, nan),
            merit=col(np.float64, 0.0),
            box=col(np.int8, 0),
            motivation=col(np.float64, 1.0),
            irregular=col(bool, False),
            employment=col(np.int8, 0),
            contract_end=col(np.int16, NO_CONTRACT),
        )
        wf._use({name: getattr(wf, name) for name in cls.columns()}, full)
        return wf
