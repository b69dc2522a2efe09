"""`meritsim ...`: run, validate and inspect scenarios from the command line."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click
import pandas as pd

from meritsim.api import compare as run_compare
from meritsim.api import load_scenario, simulate
from meritsim.api import sweep as run_sweep
from meritsim.experiments import write_outputs
from meritsim.experiments.executors import default_jobs
from meritsim.experiments.outcomes import OUTCOMES
from meritsim.experiments.outputs import write_tables
from meritsim.experiments.provenance import meritsim_version
from meritsim.experiments.sweep import load_spec
from meritsim.params import ScenarioError, bundled_names, scenario_hash, to_yaml
from meritsim.params.schema import Scenario
from meritsim.policies import available
from meritsim.studies import Precision, check_names

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


def _out_folder(out: str | None, name: str) -> Path:
    """The output folder, created now so that results can stream into it."""
    if out is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = Path("runs") / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}-{stamp}"
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _fail(f"cannot create the output folder {folder}: {exc.strerror}")
    return folder


def _report_failures(failures: list[dict], folder: Path) -> None:
    """Name every failed replication and exit non-zero (the rest was written)."""
    if failures:
        click.echo(
            f"error: {len(failures)} replication(s) failed (details in {folder / 'failures.json'}):", err=True
        )
        for f in failures:
            where = f"point {f['point']} " if "point" in f else ""
            click.echo(
                f"  {f['scenario']} {where}replication {f['replication']} (seed {f['seed']}): {f['error']}",
                err=True,
            )
        sys.exit(1)


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs,
    show_default="all cores",
    help="Local processes (1 = serial, in this process).",
)
scheduler_option = click.option(
    "--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: tcp://host:port, or 'local'."
)
quiet_option = click.option("--quiet", is_flag=True, help="No progress bar.")
out_option = click.option(
    "--out", type=click.Path(file_okay=False), help="Output folder [runs/NAME-TIME]; rerun to resume."
)


@main.command()
@click.argument("scenario", default="default")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@click.option("--replications", type=click.IntRange(1), help="Replications (default: scenario).")
@click.option("--years", type=click.IntRange(1, 200), help="Simulated years (default: scenario).")
@click.option("--seed", type=click.IntRange(0), help="Master seed (default: scenario).")
@click.option("--warmup", type=click.IntRange(0), default=0, help="Years discarded before measuring.")
@jobs_option
@scheduler_option
@out_option
@quiet_option
def run(scenario, overrides, replications, years, seed, warmup, jobs, scheduler, out, quiet) -> None:
    """Run SCENARIO (a bundled name or a YAML file; default: `default`) and write its tables."""
    sc = _load(scenario, overrides)
    folder = _out_folder(out, sc.name)
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
    if len(result.summary):
        write_outputs(result, folder)
        click.echo(_human_summary(result.summary, result.manifest, folder))
    _report_failures(result.failures, folder)


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP + " Applies to all.")
@click.option("--baseline", help="Scenario the others are compared with [the first].")
@click.option("--replications", type=click.IntRange(2), help="Replications per scenario [10].")
@click.option("--years", type=click.IntRange(1, 200), help="Simulated years [first scenario's].")
@click.option("--seed", type=click.IntRange(0), help="Master seed [first scenario's].")
@click.option("--warmup", type=click.IntRange(0), default=0, help="Years discarded before measuring.")
@click.option(
    "--target-outcome",
    type=click.Choice(list(OUTCOMES)),
    help="Add replications until this outcome's CIs are narrow enough.",
)
@click.option(
    "--target-halfwidth",
    type=click.FloatRange(min=0, min_open=True),
    help="Wanted 95 % CI half-width of --target-outcome.",
)
@click.option("--max-replications", type=click.IntRange(2), default=200, show_default=True)
@jobs_option
@scheduler_option
@out_option
@quiet_option
def compare(
    scenarios,
    overrides,
    baseline,
    replications,
    years,
    seed,
    warmup,
    target_outcome,
    target_halfwidth,
    max_replications,
    jobs,
    scheduler,
    out,
    quiet,
) -> None:
    """Compare SCENARIOS on common random numbers: means with 95 % CIs and paired differences
    against the baseline (CI, p-value, effect size), written to comparison.csv."""
    if (target_outcome is None) != (target_halfwidth is None):
        _fail("--target-outcome and --target-halfwidth go together")
    loaded = [_load(s, overrides) for s in scenarios]
    names = [s.name for s in loaded]
    try:
        check_names(names, baseline)
    except ValueError as exc:
        _fail(str(exc))
    precision = Precision(target_outcome, target_halfwidth, max_replications) if target_outcome else None
    folder = _out_folder(out, "compare-" + "-".join(names)[:60])
    try:
        result = run_compare(
            loaded,
            baseline=baseline,
            replications=replications,
            years=years,
            seed=seed,
            warmup=warmup,
            precision=precision,
            jobs=jobs,
            scheduler=scheduler,
            out=folder,
            progress=not quiet,
        )
    except ValueError as exc:
        _fail(str(exc))
    tables = {
        "yearly.parquet": result.yearly,
        "org.parquet": result.org,
        "summary.csv": result.outcomes,
        "comparison.csv": result.comparison,
    }
    write_tables(folder, tables, result.manifest)
    click.echo(result.table())
    if precision is not None:
        p = result.manifest["precision"]
        click.echo(
            f"{result.manifest['replications']} replications per scenario for a 95 % CI half-width "
            f"of {p['achieved_half_width']:.4g} on {target_outcome} (target {target_halfwidth:g})"
        )
    click.echo(f"Wrote comparison.csv, summary.csv, yearly.parquet, org.parquet, manifest.json to {folder}")
    _report_failures(result.failures, folder)


@main.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@jobs_option
@scheduler_option
@out_option
@quiet_option
def sweep(spec, jobs, scheduler, out, quiet) -> None:
    """Run the sweep SPEC (YAML): design points x replications; writes points.csv, outcomes.csv,
    the tables, sensitivity indices (Sobol/Morris) and a regression of each outcome."""
    try:
        parsed = load_spec(spec)
        from meritsim.experiments.sweep import design_points, point_scenarios

        point_scenarios(parsed, design_points(parsed))  # validate every point before running
    except ScenarioError as exc:
        _fail(f"sweep {spec!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))
    folder = _out_folder(out, parsed.name)
    result = run_sweep(parsed, jobs=jobs, scheduler=scheduler, out=folder, progress=not quiet)
    tables = {
        "points.csv": result.points,
        "outcomes.csv": result.outcomes,
        "yearly.parquet": result.yearly,
        "org.parquet": result.org,
        "indices.csv": result.indices,
        "regression.csv": result.regression,
    }
    write_tables(folder, {k: v for k, v in tables.items() if len(v)}, result.manifest)
    click.echo(f"{len(result.points)} points x {parsed.replications} replications ({parsed.design.method})")
    if len(result.indices):
        click.echo(result.indices.to_string(index=False, float_format="%.3f"))
    elif len(result.regression):
        click.echo(result.regression.to_string(index=False, float_format="%.4g"))
    click.echo(f"Wrote to {folder}")
    _report_failures(result.failures, folder)


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
