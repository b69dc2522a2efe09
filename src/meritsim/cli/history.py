"""`meritsim validate-history`: does the model reproduce what BKN published?"""

from __future__ import annotations

import json
import sys
import time

import click

from meritsim.cli.common import SET_HELP, load, out_folder
from meritsim.cli.group import fail, main
from meritsim.study.resources import MAX_REPLICATIONS


@main.command("validate-history")
@click.argument("scenario", default="national")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@click.option(
    "--replications", type=click.IntRange(1, MAX_REPLICATIONS), default=1, show_default=True,
    help="Replications averaged before the error is taken.",
)  # fmt: skip
@click.option("--years", type=click.IntRange(1, 200), help="Years run from the start [the scenario's].")
@click.option("--seed", type=click.IntRange(0), help="Master seed [the scenario's].")
@click.option("--out", type=click.Path(file_okay=False), help="Output folder [runs/validate-history-TIME].")
@click.option("--strict", is_flag=True, help="Exit with status 1 if a figure is outside its tolerance.")
def validate_history(scenario, overrides, replications, years, seed, out, strict) -> None:
    """Run SCENARIO from its timeline's start year and compare it, at every date with published
    national figures, with BKN's statistics (PNS, PPPK and ASN totals; PNS by age, years of
    service, education, sex, agency, jabatan type and golongan; structural posts; retirements):
    model, statistic, error, whether it is within the tolerance (shares 3 points, totals 3 %) and
    the figure's role. Writes validation.csv and manifest.json (e.g. validation/national_2019)."""
    from meritsim.study.history import validate_history as run
    from meritsim.study.provenance import manifest

    resolved = load(scenario, overrides)
    folder = out_folder(out, "validate-history")
    start = time.perf_counter()
    try:
        check = run(scenario, list(overrides), replications=replications, seed=seed, years=years)
    except ValueError as exc:
        fail(str(exc))
    path = check.write(folder)
    seconds = time.perf_counter() - start
    info = manifest(resolved, resolved.seed if seed is None else seed, replications,
                    years or resolved.years, {"seconds": round(seconds, 2)})  # fmt: skip
    (folder / "manifest.json").write_text(json.dumps(info, indent=2, default=str))
    click.echo(describe(check.table))
    click.echo(f"Wrote {path.name}, validation_replications.csv, manifest.json to {folder}")
    if strict and not check.table.within.all():
        sys.exit(1)


def describe(table) -> str:
    """One line per figure, misses marked, then a count."""
    lines = []
    for r in table.itertuples():
        unit = " pts" if r.error_unit == "points" else " %"
        mark = "ok  " if r.within else "MISS"
        lines.append(
            f"{mark} {r.date} {r.population} {r.dimension} {r.category}: model {r.model:,.1f} vs "
            f"{r.statistic:,.1f} ({r.error:+.1f}{unit})"
        )
    lines.append(f"{int(table.within.sum())} of {len(table)} figures within their tolerance")
    return "\n".join(lines)
