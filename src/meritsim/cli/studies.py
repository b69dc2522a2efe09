"""`meritsim compare` and `meritsim sweep`."""

from __future__ import annotations

import click

from meritsim.api import compare as run_compare
from meritsim.api import sweep as run_sweep
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
from meritsim.experiments.executors import SchedulerError
from meritsim.experiments.outcomes import OUTCOMES
from meritsim.experiments.outputs import write_tables
from meritsim.experiments.resources import MAX_REPLICATIONS, MemoryBudgetError
from meritsim.experiments.sweep import design_points, load_spec, point_scenarios
from meritsim.params import ScenarioError
from meritsim.studies import Precision, check_names


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP + " Applies to all.")
@click.option("--baseline", help="Scenario the others are compared with [the first].")
@click.option(
    "--replications", type=click.IntRange(2, MAX_REPLICATIONS), help="Replications per scenario [10]."
)
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
@click.option("--max-replications", type=click.IntRange(2, MAX_REPLICATIONS), default=200, show_default=True)
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
        fail("--target-outcome and --target-halfwidth go together")
    loaded = [load(s, overrides) for s in scenarios]
    names = [s.name for s in loaded]
    try:
        check_names(names, baseline)
    except ValueError as exc:
        fail(str(exc))
    precision = Precision(target_outcome, target_halfwidth, max_replications) if target_outcome else None
    folder = out_folder(out, "compare-" + "-".join(names)[:60])
    try:
        with interruptible(folder):
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
    except ValueError as exc:  # MemoryBudgetError and SchedulerError among them
        fail(str(exc))
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
    report_failures(result.failures, folder)


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
        point_scenarios(parsed, design_points(parsed))  # validate every point before running
    except ScenarioError as exc:
        fail(f"sweep {spec!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))
    folder = out_folder(out, parsed.name)
    try:
        with interruptible(folder):
            result = run_sweep(parsed, jobs=jobs, scheduler=scheduler, out=folder, progress=not quiet)
    except (MemoryBudgetError, SchedulerError) as exc:
        fail(str(exc))
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
    report_failures(result.failures, folder)
