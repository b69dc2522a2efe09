"""`meritsim calibrate` on files: check the imported snapshots fit together, estimate, write.

Snapshots are ordered by their date (not by the order given), must have distinct dates, and
must have been pseudonymised with the same salt, or nobody would link up from year to year.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import yaml

from meritsim.data.calibrate import Calibration, calibrate, calibrated_overrides
from meritsim.data.importer import snapshot_metadata
from meritsim.model.scenario import Scenario, ScenarioError
from meritsim.study.safe_csv import write_csv
from meritsim.study.store import atomic_write

MIN_LINKED_SHARE = 0.1  # below this share of staff found again a year later, salts must differ


class CalibrationInputError(ValueError):
    """Snapshots that cannot be calibrated together; the message says which and why."""


def _linked_share(before: pd.DataFrame, after: pd.DataFrame) -> float:
    return float(before["pseudonym"].isin(after["pseudonym"]).mean()) if len(before) else 0.0


def load_snapshots(
    loaded: list[tuple[Path, Scenario]],
) -> list[tuple[Path, Scenario, pd.Timestamp, pd.DataFrame]]:
    """The snapshots of ``loaded`` (file, scenario) in date order, checked to fit together."""
    if any(s.workforce is None for _, s in loaded):
        raise CalibrationInputError(
            "every scenario must start from a snapshot (made by `meritsim import-workforce`)"
        )
    if len(loaded) < 2:
        raise CalibrationInputError("calibration needs at least two snapshots")
    snaps = sorted(
        (
            (path, s, pd.Timestamp(w.snapshot_date), w.snapshot)
            for path, s in loaded
            if (w := s.workforce) is not None  # every one, checked above
        ),
        key=lambda x: x[2],
    )
    dates = [d for _, _, d, _ in snaps]
    repeated = sorted({d.date().isoformat() for d in dates if dates.count(d) > 1})
    if repeated:
        raise CalibrationInputError(
            f"several snapshots have the date {', '.join(repeated)}; give one snapshot per date"
        )
    prints = {str(p): snapshot_metadata(f).get("salt_fingerprint") for p, _, _, f in snaps}
    if len({v for v in prints.values() if v}) > 1:
        raise CalibrationInputError(
            "the snapshots were pseudonymised with different salts, so nobody links from one to "
            "the next; import every export with the same --salt-file. Salt fingerprints: "
            + ", ".join(f"{p}: {v}" for p, v in prints.items())
        )
    tables = [(p, s, d, pd.read_parquet(f)) for p, s, d, f in snaps]
    for (p0, _, _, t0), (p1, _, _, t1) in itertools.pairwise(tables):
        share = _linked_share(t0, t1)
        if share < MIN_LINKED_SHARE:
            raise CalibrationInputError(
                f"only {100 * share:.1f} % of the staff of {p0} are found in {p1}: were they "
                "pseudonymised with different salts, or are they different agencies?"
            )
    return tables


def calibrate_files(loaded: list[tuple[Path, Scenario]], out: Path) -> tuple[Calibration, list[Path]]:
    """Calibrate from imported scenarios; write the calibrated scenario ``out`` (extending the
    latest snapshot's scenario) and ``OUT.calibration.csv``; returns the estimates and the files."""
    table_out = out.with_name(out.stem + ".calibration.csv")
    inputs = {p.resolve() for p, _ in loaded} | {
        Path(s.workforce.snapshot).resolve() for _, s in loaded if s.workforce is not None
    }
    clash = [str(p) for p in (out, table_out) if p.resolve() in inputs]
    if clash:
        raise CalibrationInputError(
            f"--out would overwrite an input ({', '.join(clash)}); choose another file"
        )
    if out.suffix not in (".yaml", ".yml"):
        raise CalibrationInputError(f"--out {out}: the scenario to write must end in .yaml or .yml")
    snaps = load_snapshots(loaded)
    latest_path, latest = snaps[-1][0], snaps[-1][1]
    from meritsim.model.establishment import compile_establishment

    bup = {k: lv.retirement_age for k, lv in latest.organisation.levels.items()}
    try:
        cal = calibrate([(d, t) for _, _, d, t in snaps], compile_establishment(latest), bup)
    except ValueError as exc:
        raise CalibrationInputError(f"the snapshots cannot be calibrated: {exc}") from None
    m = cal.merit_coefficient
    scenario = {
        "extends": str(latest_path.resolve()),
        "description": f"Calibrated from {len(snaps)} snapshots "
        f"({snaps[0][2].date()} to {snaps[-1][2].date()}); merit coefficient {m['estimate']:+.3f} "
        f"(95 % CI {m['ci_low']:+.3f} to {m['ci_high']:+.3f}; appraisal record and assessment minus "
        "years in rank, logit, standardised).",
        **calibrated_overrides(cal, latest),
    }
    tables = pd.concat(
        [
            cal.rates.assign(table="rates"),
            cal.recruitment.assign(table="recruitment"),
            cal.promotion.assign(table="promotion"),
        ],
        ignore_index=True,
    )
    for column in tables.select_dtypes("float").columns:  # 6 significant digits are plenty
        tables[column] = tables[column].map(lambda v: float(f"{v:.6g}"))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True)
        atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        atomic_write(table_out, lambda tmp: write_csv(tables, tmp))
    except OSError as exc:
        raise CalibrationInputError(f"cannot write {exc.filename or out}: {exc.strerror}") from None
    from meritsim.model.load import load_scenario

    try:
        load_scenario(out)  # the calibrated scenario must itself be valid
    except ScenarioError as exc:
        out.unlink(missing_ok=True)
        table_out.unlink(missing_ok=True)
        raise CalibrationInputError(f"the calibrated scenario would not be valid:\n{exc}") from None
    return cal, [out, table_out]
