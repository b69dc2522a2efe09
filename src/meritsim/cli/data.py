"""`meritsim import-workforce`: start from an agency's real (pseudonymised) workforce."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click
import yaml
from pydantic import ValidationError

from meritsim.cli.common import fail, main


def _default_salt() -> Path:
    config = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
    return config / "meritsim" / "pseudonym-salt"


@main.command("import-workforce")
@click.argument("export", type=click.Path(dir_okay=False))
@click.option(
    "--mapping", type=click.Path(dir_okay=False), help="YAML: columns, date formats, codes, levels."
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Scenario file to write (.yaml).")
@click.option(
    "--salt-file",
    type=click.Path(dir_okay=False),
    help="Secret salt of the pseudonyms "
    "[~/.config/meritsim/pseudonym-salt, created if missing]; keep it for later snapshots.",
)
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of a CSV export.")
@click.option("--on-error", type=click.Choice(["stop", "skip"]), help="Stop at bad rows or skip them.")
@click.option("--snapshot-date", metavar="YYYY-MM-DD", help="Date of the export [the mapping's].")
def import_workforce(export, mapping, out, salt_file, encoding, on_error, snapshot_date) -> None:
    """Validate EXPORT (CSV or Excel), replace NIP and names by salted pseudonyms, and write a
    snapshot and a scenario (OUT) that starts from it. Bad rows are listed in OUT.problems.csv."""
    from meritsim.snapshot.importer import import_workforce as run_import
    from meritsim.snapshot.mapping import ImportMapping
    from meritsim.snapshot.pseudonym import load_salt
    from meritsim.snapshot.read import ImportError_

    try:
        data = yaml.safe_load(Path(mapping).read_text(encoding="utf-8")) if mapping else {}
        m = ImportMapping.model_validate(data or {})
    except (OSError, yaml.YAMLError) as exc:
        fail(f"cannot read the mapping {mapping}: {exc}")
    except ValidationError as exc:
        fail(f"mapping {mapping} is not valid: {exc}")
    if on_error:
        m = m.model_copy(update={"on_error": on_error})
    if snapshot_date:
        try:
            dt.date.fromisoformat(snapshot_date)
        except ValueError:
            fail(f"--snapshot-date {snapshot_date!r} is not a date like 2024-12-31")
        m = m.model_copy(update={"snapshot_date": snapshot_date})
    try:
        result = run_import(export, m, load_salt(salt_file or _default_salt()), out, encoding=encoding)
    except ImportError_ as exc:
        fail(str(exc))
    click.echo(
        f"Imported {result.rows} employees (pseudonymised) into {result.scenario} and {result.snapshot}"
    )
    if result.report:
        click.echo(f"Skipped {result.skipped} bad row(s); report: {result.report}")


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Calibrated scenario to write.")
def calibrate(scenarios, out) -> None:
    """Estimate attrition, retirement, recruitment and a promotion model from two or more imported
    SCENARIOS (yearly snapshots of one agency, from `meritsim import-workforce`); write the
    calibrated scenario OUT and OUT.calibration.csv."""
    import pandas as pd

    from meritsim.api import load_scenario
    from meritsim.cli.common import load
    from meritsim.organisation import compile_organisation
    from meritsim.snapshot.calibrate import calibrate as run_calibration
    from meritsim.snapshot.calibrate import calibrated_overrides
    from meritsim.snapshot.safe_io import write_csv

    loaded = [load(s, ()) for s in scenarios]
    if any(s.workforce is None for s in loaded):
        fail("every scenario must start from a snapshot (made by `meritsim import-workforce`)")
    if len(loaded) < 2:
        fail("calibration needs at least two snapshots")
    snaps = [(pd.Timestamp(s.workforce.snapshot_date), pd.read_parquet(s.workforce.snapshot)) for s in loaded]
    base = loaded[-1]
    org = compile_organisation(base)
    bup = {k: lv.retirement_age for k, lv in base.organisation.levels.items()}
    try:
        cal = run_calibration(snaps, org, bup)
    except ValueError as exc:
        fail(str(exc))
    out = Path(out)
    m = cal.merit_coefficient
    interval = f"95 % CI {m['ci_low']:+.3f} to {m['ci_high']:+.3f}"
    scenario = {
        "extends": str(Path(scenarios[-1]).resolve()),
        "description": f"Calibrated from {len(snaps)} snapshots; merit coefficient {m['estimate']:+.3f} "
        f"({interval}; appraisal record and assessment minus years in rank, logit, standardised).",
        **calibrated_overrides(cal),
    }
    out.write_text(yaml.safe_dump(scenario, sort_keys=False, allow_unicode=True), encoding="utf-8")
    tables = pd.concat(
        [
            cal.rates.assign(table="rates"),
            cal.recruitment.assign(table="recruitment"),
            cal.promotion.assign(table="promotion"),
        ],
        ignore_index=True,
    )
    write_csv(tables, out.with_name(out.stem + ".calibration.csv"))
    load_scenario(out)  # the calibrated scenario must itself be valid
    click.echo(cal.rates.to_string(index=False, float_format="%.4f"))
    click.echo(cal.promotion.to_string(index=False, float_format="%.3f"))
    click.echo(f"merit coefficient {m['estimate']:+.3f} ({interval}); wrote {out}")
