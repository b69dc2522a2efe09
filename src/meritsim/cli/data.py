"""`meritsim import-workforce`: start from an agency's real (pseudonymised) workforce."""

from __future__ import annotations

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
def import_workforce(export, mapping, out, salt_file, encoding, on_error) -> None:
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
    try:
        result = run_import(export, m, load_salt(salt_file or _default_salt()), out, encoding=encoding)
    except ImportError_ as exc:
        fail(str(exc))
    click.echo(
        f"Imported {result.rows} employees (pseudonymised) into {result.scenario} and {result.snapshot}"
    )
    if result.report:
        click.echo(f"Skipped {result.skipped} bad row(s); report: {result.report}")
