"""`meritsim import-workforce` and `meritsim calibrate`: start from an agency's real
(pseudonymised) workforce, and estimate a scenario's parameters from yearly snapshots."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from meritsim.cli.group import fail, main


def _mapping(path: str | None):
    from pydantic import ValidationError

    from meritsim.data.mapping import ImportMapping
    from meritsim.model.scenario.errors import problems_from_validation
    from meritsim.model.scenario.files import locate
    from meritsim.model.scenario.yaml_io import YamlError, read_yaml_file

    try:
        data = read_yaml_file(path, "mapping") if path else {}
    except YamlError as exc:
        fail(f"cannot read the mapping: {exc}")
    if not isinstance(data, dict | None):
        fail(f"the mapping {path} must be a YAML mapping of keys to values")
    try:
        m = ImportMapping.model_validate(data or {})
    except ValidationError as exc:
        found = problems_from_validation(exc, ImportMapping, lambda loc: str(path))
        fail("the mapping is not valid:\n" + "\n".join(f"  {p}" for p in found))
    if path:  # a base scenario file is found next to the mapping
        from meritsim.model.scenario import ScenarioError

        try:
            base = locate(m.base_scenario, relative_to=Path(path).resolve().parent)
        except ScenarioError as exc:
            fail(f"the mapping's base_scenario: {exc}")
        m = m.model_copy(update={"base_scenario": _scenario_ref(base)})
    return m


def _scenario_ref(path: Path) -> str:
    """A bundled scenario by name, any other file by its absolute path."""
    from meritsim.model.scenario.files import bundled_dir

    try:
        return path.resolve().relative_to(bundled_dir().resolve()).with_suffix("").as_posix()
    except ValueError:
        return str(path.resolve())


@main.command("import-workforce")
@click.argument("export", type=click.Path(dir_okay=False))
@click.option(
    "--mapping", type=click.Path(dir_okay=False), help="YAML: columns, date formats, codes, levels."
)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Scenario file to write (.yaml).")
@click.option(
    "--salt-file",
    type=click.Path(dir_okay=False),
    help="Secret salt of the pseudonyms (at least 32 random bytes as hex) "
    "[~/.config/meritsim/pseudonym-salt, created if missing]; keep it, and keep it out of the "
    "output folder.",
)
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of a CSV export.")
@click.option("--on-error", type=click.Choice(["stop", "skip"]), help="Stop at bad rows or skip them.")
@click.option(
    "--max-skip-share",
    type=click.FloatRange(0, 1),
    help="With --on-error skip: the largest share of rows that may be skipped [0.05].",
)
@click.option("--snapshot-date", metavar="YYYY-MM-DD", help="Date of the export [the mapping's].")
def import_workforce(export, mapping, out, salt_file, encoding, on_error, max_skip_share, snapshot_date):
    """Validate EXPORT (CSV or Excel), replace NIP and names by salted pseudonyms, and write a
    snapshot and a scenario (OUT) that starts from it. Bad rows are listed in OUT.problems.csv."""
    import datetime as dt

    from meritsim.data.importer import import_workforce as run_import
    from meritsim.data.pseudonym import SaltError, default_salt_path, load_salt
    from meritsim.data.read import ExportError, check_encoding

    if Path(out).suffix not in (".yaml", ".yml"):
        fail(f"--out {out}: the scenario to write must end in .yaml or .yml")
    m = _mapping(mapping)
    updates = {"on_error": on_error, "max_skip_share": max_skip_share}
    if snapshot_date:
        try:
            dt.date.fromisoformat(snapshot_date)
        except ValueError:
            fail(f"--snapshot-date {snapshot_date[:40]!r} is not a date like 2024-12-31")
        updates["snapshot_date"] = snapshot_date
    m = m.model_copy(update={k: v for k, v in updates.items() if v is not None})
    try:
        check_encoding(encoding)
        salt = load_salt(salt_file or default_salt_path(), out_dir=Path(out).resolve().parent)
        result = run_import(export, m, salt, out, encoding=encoding)
    except SaltError as exc:
        fail(str(exc))
    except ExportError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    click.echo(
        f"Imported {result.rows} employees (pseudonymised) into {result.scenario} and {result.snapshot}"
    )
    if result.defaulted:
        click.echo(
            f"{result.defaulted} employee(s) have no eselon and no title phrase of the mapping: "
            f"counted as {m.default_level} (the mapping's default_level)"
        )
    if result.report:
        click.echo(f"Skipped {result.skipped} bad row(s); report: {result.report}")


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Calibrated scenario to write.")
def calibrate(scenarios, out) -> None:
    """Estimate attrition, retirement, recruitment and a promotion model from two or more imported
    SCENARIOS (yearly snapshots of one agency, from `meritsim import-workforce`, in any order);
    write the calibrated scenario OUT and OUT.calibration.csv."""
    from meritsim.cli.common import load
    from meritsim.data.calibration_files import CalibrationInputError, calibrate_files

    loaded = [(Path(s), load(s, ())) for s in scenarios]
    try:
        cal, written = calibrate_files(loaded, Path(out))
    except CalibrationInputError as exc:
        fail(str(exc))
    m = cal.merit_coefficient
    click.echo(cal.rates.to_string(index=False, float_format="%.4f"))
    click.echo(cal.promotion.to_string(index=False, float_format="%.3f"))
    click.echo(
        f"merit coefficient {m['estimate']:+.3f} (95 % CI {m['ci_low']:+.3f} to {m['ci_high']:+.3f}); "
        f"wrote {', '.join(str(p) for p in written)}"
    )
