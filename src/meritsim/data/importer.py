"""`meritsim import-workforce`: export -> validated, pseudonymised snapshot + a scenario using it.

Identifiers never leave this module: NIP becomes a salted pseudonym and names are dropped before
anything is written; the problem report shows no personal value. An import either writes a
scenario that runs, or writes nothing but its problem report.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from meritsim.data.mapping import ImportMapping
from meritsim.data.pseudonym import SALT_BYTES, SaltError, fingerprint, pseudonym
from meritsim.data.read import ExportError, read_export
from meritsim.data.validate import clean, codes, parse_dates, problems
from meritsim.model.scenario import ScenarioError
from meritsim.study.safe_csv import write_csv
from meritsim.study.store import atomic_write

SNAPSHOT_META = b"meritsim"


@dataclass
class ImportResult:
    """What an import wrote, and what it did with the rows."""

    scenario: Path
    snapshot: Path
    report: Path | None
    rows: int
    skipped: int
    defaulted: int  # rows with no eselon and no listed title phrase: the mapping's default level


def level_of(eselon: pd.Series, jabatan: pd.Series, m: ImportMapping) -> tuple[pd.Series, pd.Series]:
    """Post level key of each row (by normalised eselon code, else by a phrase in the post
    title, else the default level) and whether the default was used."""
    out = eselon.map(m.level_by_eselon)
    title = jabatan.str.upper()
    for phrase, level in m.level_by_jabatan.items():
        out = out.where(out.notna() | ~title.str.contains(phrase.upper(), regex=False), level)
    defaulted = out.isna()
    return out.fillna(m.default_level), defaulted


def snapshot_table(cells: pd.DataFrame, m: ImportMapping, salt: bytes) -> pd.DataFrame:
    """The pseudonymised snapshot of valid rows: one row per employee, no NIP, no name."""
    c = m.columns
    code = codes(cells, m)
    level, _ = level_of(code["eselon"], cells[c.jabatan], m)
    table = pd.DataFrame(
        {
            "pseudonym": code["nip"].map(lambda nip: pseudonym(nip, salt)),
            "birth_date": parse_dates(cells[c.birth_date], m.date_formats),
            "female": code["sex"].map(m.sex_codes).eq("F"),
            "education": code["education"],
            "rank": code["golongan"],
            "rank_date": parse_dates(cells[c.tmt_golongan], m.date_formats),
            "level": level,
            "unit": cells[c.unit],
        }
    )
    for column, name in ((c.assessment, "assessment"), (c.affinity_proxy, "affinity_proxy")):
        if column:
            table[name] = pd.to_numeric(cells[column].replace("", None), errors="coerce")
    from meritsim.model.scenario.domain import PREDIKAT_INDEX

    for i, col in enumerate(c.predikat, start=1):
        table[f"predikat_{i}"] = code[col].map(PREDIKAT_INDEX).fillna(-1).astype("int8")
    return table.reset_index(drop=True)


def _summary(found: pd.DataFrame, export: Path, report: Path) -> str:
    """The first problems, those of one line with the same reason and value on one line."""
    groups: dict[tuple, list[str]] = {}
    for r in found.itertuples():
        groups.setdefault((r.line, r.reason, r.value), []).append(r.column)
    lines = [
        f"  line {line}, {', '.join(cols)}{f' ({value})' if value else ''}: {reason}"
        for (line, reason, value), cols in groups.items()
    ]
    head = f"{len(found)} problem(s) in {found.line.nunique()} row(s) of {export}; see {report}"
    more = f"\n  ... and {len(lines) - 10} more" if len(lines) > 10 else ""
    return head + "\n" + "\n".join(lines[:10]) + more


def _reasons(found: pd.DataFrame) -> str:
    counts = Counter(f"{r.column}: {r.reason.split(';')[0]}" for r in found.itertuples())
    return "; ".join(f"{n} x {reason}" for reason, n in counts.most_common(5))


def _base_scenario(m: ImportMapping):
    from meritsim.model.load import load_scenario

    try:
        base = load_scenario(m.base_scenario)
    except ScenarioError as exc:
        raise ExportError(f"the mapping's base_scenario is not valid:\n{exc}") from None
    unknown = sorted(m.levels() - set(base.organisation.levels))
    if unknown:
        raise ExportError(
            f"the mapping assigns level(s) {', '.join(unknown)}, which the base scenario "
            f"{m.base_scenario!r} lacks; its levels: {', '.join(base.organisation.levels)}"
        )
    return base


def _write_parquet(table: pd.DataFrame, path: Path, meta: dict) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow = pa.Table.from_pandas(table, preserve_index=False)
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), SNAPSHOT_META: json.dumps(meta)})
    atomic_write(path, lambda tmp: pq.write_table(arrow, tmp))


def snapshot_metadata(path: str | Path) -> dict:
    """What an import recorded in a snapshot file (salt fingerprint, date, rows); {} if none."""
    import pyarrow.parquet as pq

    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta[SNAPSHOT_META]) if SNAPSHOT_META in meta else {}


def _check_runs(scenario: Path, written: list[Path]) -> None:
    """The written scenario must load and start a simulation; else remove what was written."""
    from meritsim.model.calendar import Simulation
    from meritsim.model.load import load_scenario

    try:
        Simulation(load_scenario(scenario), years=1)
    except (ScenarioError, ValueError, KeyError) as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise ExportError(f"the imported scenario would not run, so nothing was kept:\n{exc}") from None


def import_workforce(
    export: str | Path, mapping: ImportMapping, salt: bytes, out: str | Path, *, encoding: str = "utf-8"
) -> ImportResult:
    """Validate and pseudonymise ``export``, write ``OUT.snapshot.parquet`` and the scenario
    ``OUT`` (a YAML that extends the mapping's base scenario and starts from the snapshot), and,
    if any row is bad, ``OUT.problems.csv`` (a stale one is removed first).

    Raises:
        SaltError: a salt shorter than 32 bytes.
        ExportError: an unreadable file; bad rows when ``on_error`` is ``stop``; more skipped
            rows than ``max_skip_share`` (exit code 1); a result that would not run.
    """
    export, out, m = Path(export), Path(out), mapping
    if len(salt) < SALT_BYTES:
        raise SaltError(f"the salt has {len(salt)} bytes; at least {SALT_BYTES} random bytes are needed")
    report = out.with_name(out.stem + ".problems.csv")
    report.unlink(missing_ok=True)
    base = _base_scenario(m)
    raw = read_export(export, encoding)
    cells = clean(raw.table, m)
    found = problems(raw, cells, m)
    skipped = 0
    if len(found):
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(report, lambda tmp: write_csv(found, tmp))
        summary = _summary(found, export, report)
        if m.on_error == "stop" or (found.line == raw.header_line).any():
            raise ExportError(summary)
        bad = pd.Series(raw.lines).isin(found.line).to_numpy()
        skipped, total = int(bad.sum()), len(bad)
        if skipped == total:
            raise ExportError(summary + "\nno valid rows are left")
        if skipped > m.max_skip_share * total:
            raise ExportError(
                f"skipping {skipped} of {total} rows ({100 * skipped / total:.1f} %) is more than the "
                f"allowed {100 * m.max_skip_share:g} % (--max-skip-share); nothing was imported. "
                f"Reasons: {_reasons(found)}. Every problem is in {report}",
                exit_code=1,
            )
        cells = cells[~bad]
    table = snapshot_table(cells, m, salt)
    _, defaulted = level_of(codes(cells, m)["eselon"], cells[m.columns.jabatan], m)
    snapshot = out.with_name(out.stem + ".snapshot.parquet")
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    meta = {"salt_fingerprint": fingerprint(salt), "snapshot_date": m.snapshot_date, "rows": len(table)}
    _write_parquet(table, snapshot, meta)
    counts = table.level.value_counts()
    posts = {k: {"posts": int(counts.get(k, 0))} for k in base.organisation.levels}
    scenario = {
        "extends": m.base_scenario,
        "description": f"Imported from {export.name} ({len(table)} employees, pseudonymised), "
        f"snapshot of {m.snapshot_date}, imported {dt.date.today().isoformat()}; posts are the "
        "observed staffing (levels absent from the export have 0 posts).",
        "workforce": {"snapshot": snapshot.name, "snapshot_date": m.snapshot_date},
        "organisation": {"scale": 1.0, "levels": posts},
    }
    text = yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True)
    atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    _check_runs(out, [out, snapshot])
    return ImportResult(
        out, snapshot, report if len(found) else None, len(table), skipped, int(defaulted.sum())
    )
