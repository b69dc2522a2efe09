"""`meritsim run`, and the commands that inspect scenarios: validate, show, scenarios, policies,
outcomes, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from meritsim.cli.common import (
    SET_HELP,
    interruptible,
    load,
    out_folder,
    report_failures,
    run_options,
    study_errors,
)
from meritsim.cli.group import fail, main
from meritsim.model.outcomes import HEADLINES, OUTCOMES, outcome_table
from meritsim.model.scenario import bundled_names, scenario_hash, to_yaml
from meritsim.study.options import RunOptions


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@run_options()
def run(scenario, overrides, options: RunOptions, out) -> None:
    """Run SCENARIO (a bundled name or a YAML file; default: `default`) and write its tables."""
    from dataclasses import replace

    from meritsim.study.simulate import simulate

    sc = load(scenario, overrides)
    folder = out_folder(out, sc.name)
    try:
        with interruptible(folder):
            result = simulate(sc, replace(options, out=folder))
    except study_errors() as exc:
        fail(str(exc))
    if len(result.outcomes):
        result.write(folder)
        click.echo(_human_summary(result.outcomes, result.manifest, folder))
    report_failures(result.failures, folder)


def _human_summary(table, manifest: dict, folder: Path) -> str:
    n = len(table)
    lines = [
        f"meritsim {manifest['meritsim_version']}: scenario {manifest['scenario']!r}, "
        f"policy {table.policy.iloc[0]!r}, {manifest['years']} years, {n} replication(s), "
        f"seed {manifest['seed']} ({manifest['timings']['total_seconds']:.2f} s)",
    ]
    labels = {name: OUTCOMES[name].label_en for name in HEADLINES}
    width = max(len(v) for v in labels.values())
    for name, label in labels.items():
        values = table[name].dropna()
        if values.empty:
            continue
        spread = f"  (sd {values.std():.2f})" if n > 1 else ""
        lines.append(f"  {label:<{width}}  {values.mean():8.2f}{spread}")
    lines.append(f"Wrote {', '.join(sorted(p.name for p in folder.iterdir() if not p.name.startswith('.')))}")
    lines.append(f"   to {folder}")
    return "\n".join(lines)


@main.command()
@click.argument("scenario")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
def validate(scenario, overrides) -> None:
    """Check SCENARIO; print OK or every problem (file, field, value, what is allowed)."""
    sc = load(scenario, overrides)
    click.echo(f"OK: {scenario} (scenario {sc.name!r}, parameters hash {scenario_hash(sc)[:12]})")


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
def show(scenario, overrides) -> None:
    """Print SCENARIO fully resolved (extends and overrides applied, every default spelled out)."""
    click.echo(to_yaml(load(scenario, overrides)), nl=False)


@main.command()
def scenarios() -> None:
    """List the bundled scenarios."""
    for name in bundled_names():
        click.echo(name)


@main.command()
def policies() -> None:
    """List the registered promotion policies."""
    import re

    from meritsim.model.policies import available

    for name, cls in available().items():
        paragraph = (cls.__doc__ or "").strip().split("\n\n")[0]
        text = re.sub(r":\w+:`~?([^`]+)`", r"\1", " ".join(paragraph.split())).replace("``", "")
        click.echo(f"{name:<10} {text}")


@main.command()
@click.option("--lang", type=click.Choice(["en", "id"]), default="en", show_default=True)
def outcomes(lang) -> None:
    """List the outcomes (the registry): name, label, unit, compared, headline."""
    click.echo(outcome_table(lang).to_string(index=False))


@main.command()
def schema() -> None:
    """Print the scenario JSON schema (every field with its default, bounds and description)."""
    from meritsim.model.scenario.schema import Scenario

    click.echo(json.dumps(Scenario.model_json_schema(), indent=2))
