"""`meritsim ...`: run, validate and inspect scenarios from the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import tempfile
from pathlib import Path

import click
import pandas as pd

from meritsim.api import load_scenario, simulate
from meritsim.engine import PolicyError
from meritsim.experiments import write_outputs
from meritsim.experiments.provenance import meritsim_version
from meritsim.params import ScenarioError, bundled_names, scenario_hash, to_yaml
from meritsim.params.schema import Scenario
from meritsim.policies import available

SET_HELP = "Override a parameter, e.g. --set policy.name=seniority (repeatable)."
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


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _load(ref: str, overrides: tuple[str, ...]) -> Scenario:
    try:
        return load_scenario(ref, overrides)
    except ScenarioError as exc:
        _fail(f"scenario {ref!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(meritsim_version(), prog_name="meritsim")
def main() -> None:
    """Simulate civil-service careers under merit and non-merit promotion policies."""


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@click.option("--replications", type=click.IntRange(1), help="Replications (default: scenario).")
@click.option("--years", type=click.IntRange(1, 200), help="Simulated years (default: scenario).")
@click.option("--seed", type=click.IntRange(0), help="Master seed (default: scenario).")
@click.option("--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Local processes running replications in parallel.")  # fmt: skip
@click.option("--out", type=click.Path(file_okay=False), help="Output folder [runs/NAME-TIME].")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def run(scenario, overrides, replications, years, seed, jobs, out, quiet) -> None:
    """Run SCENARIO (a bundled name or a YAML file; default: `default`) and write its tables."""
    sc = _load(scenario, overrides)
    try:
        result = simulate(
            sc, replications=replications, years=years, seed=seed, jobs=jobs, progress=not quiet
        )
    except PolicyError as exc:
        _fail(str(exc))
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = Path("runs") / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', sc.name)}-{stamp}"
    try:
        folder = write_outputs(result, out)
    except OSError as exc:  # keep what was computed: write it somewhere that works
        folder = write_outputs(result, tempfile.mkdtemp(prefix="meritsim-run-"))
        click.echo(f"warning: cannot write to {out} ({exc.strerror}); wrote to {folder}", err=True)
    click.echo(_human_summary(result.summary, result.manifest, folder))


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
    sc = _load(scenario, overrides)
    click.echo(f"OK: {scenario} (scenario {sc.name!r}, parameters hash {scenario_hash(sc)[:12]})")


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
def show(scenario, overrides) -> None:
    """Print SCENARIO fully resolved (extends and overrides applied, every default spelled out)."""
    click.echo(to_yaml(_load(scenario, overrides)), nl=False)


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


if __name__ == "__main__":  # pragma: no cover
    main()
