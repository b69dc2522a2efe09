"""`meritsim run`, and the commands that inspect scenarios: validate, show, scenarios, policies, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd

from meritsim.api import simulate
from meritsim.cli.common import (
    SET_HELP,
    fail,
    interruptible,
    jobs_option,
    load,
    main,
    out_folder,
    out_option,
    quiet_option,
    report_failures,
    scheduler_option,
)
from meritsim.experiments import write_outputs
from meritsim.experiments.executors import SchedulerError
from meritsim.experiments.resources import MAX_REPLICATIONS, MemoryBudgetError
from meritsim.params import bundled_names, scenario_hash, to_yaml
from meritsim.params.schema import Scenario
from meritsim.policies import available

HEADLINES = {
    "effectiveness_initial": "Effectiveness at start (%)",
    "effectiveness_final": "Effectiveness at end (%)",
    "effectiveness_mean": "Effectiveness, mean over years (%)",
    "senior_competence_final": "Competence of the top two levels at end",
    "promotions_per_year": "Promotions to posts per year",
    "rank_promotions_per_year": "Rank promotions per year",
    "exits_per_year": "Exits per year",
    "mean_years_to_first_post": "Years of service at first promotion",
    "female_share_senior_final": "Women in the top two levels at end",
}


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@click.option(
    "--replications", type=click.IntRange(1, MAX_REPLICATIONS), help="Replications (default: scenario)."
)
@click.option("--years", type=click.IntRange(1, 200), help="Simulated years (default: scenario).")
@click.option("--seed", type=click.IntRange(0), help="Master seed (default: scenario).")
@click.option("--warmup", type=click.IntRange(0), default=0, help="Years discarded before measuring.")
@jobs_option
@scheduler_option
@out_option
@quiet_option
def run(scenario, overrides, replications, years, seed, warmup, jobs, scheduler, out, quiet) -> None:
    """Run SCENARIO (a bundled name or a YAML file; default: `default`) and write its tables."""
    sc = load(scenario, overrides)
    folder = out_folder(out, sc.name)
    try:
        with interruptible(folder):
            result = simulate(
                sc,
                replications=replications,
                years=years,
                seed=seed,
                warmup=warmup,
                jobs=jobs,
                scheduler=scheduler,
                out=folder,
                progress=not quiet,
            )
    except (MemoryBudgetError, SchedulerError) as exc:
        fail(str(exc))
    if len(result.summary):
        write_outputs(result, folder)
        click.echo(_human_summary(result.summary, result.manifest, folder))
    report_failures(result.failures, folder)


def _human_summary(summary: pd.DataFrame, manifest: dict, folder: Path) -> str:
    n = len(summary)
    lines = [
        f"meritsim {manifest['meritsim_version']}: scenario {manifest['scenario']!r}, "
        f"policy {summary.policy.iloc[0]!r}, {manifest['years']} years, {n} replication(s), "
        f"seed {manifest['seed']} ({manifest['timings']['total_seconds']:.2f} s)",
    ]
    width = max(len(v) for v in HEADLINES.values())
    for col, label in HEADLINES.items():
        values = summary[col].dropna()
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
    for name, cls in available().items():
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        click.echo(f"{name:<10} {doc}")


@main.command()
def schema() -> None:
    """Print the scenario JSON schema (every field with its default, bounds and description)."""
    click.echo(json.dumps(Scenario.model_json_schema(), indent=2))
