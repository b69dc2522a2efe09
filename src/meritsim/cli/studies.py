"""`meritsim compare` and `meritsim sweep`."""

from __future__ import annotations

from dataclasses import replace

import click

from meritsim.cli.common import (
    SET_HELP,
    interruptible,
    jobs_option,
    load,
    out_folder,
    out_option,
    quiet_option,
    report_failures,
    run_options,
    scheduler_option,
    study_errors,
)
from meritsim.cli.group import fail, main
from meritsim.model.outcomes import COMPARED
from meritsim.model.scenario import ScenarioError
from meritsim.study.options import RunOptions
from meritsim.study.resources import MAX_REPLICATIONS


@main.command()
@click.argument("scenarios", nargs=-1, required=True)
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP + " Applies to all.")
@click.option("--baseline", help="Scenario the others are compared with [the first].")
@click.option(
    "--target-outcome",
    type=click.Choice(COMPARED),
    help="Add replications until this outcome's CIs are narrow enough.",
)
@click.option(
    "--target-halfwidth",
    type=click.FloatRange(min=0, min_open=True),
    help="Wanted 95 % CI half-width of --target-outcome.",
)
@click.option("--max-replications", type=click.IntRange(2, MAX_REPLICATIONS), default=200, show_default=True)
@run_options(fewest=2)
def compare(
    scenarios,
    overrides,
    baseline,
    target_outcome,
    target_halfwidth,
    max_replications,
    options: RunOptions,
    out,
) -> None:
    """Compare SCENARIOS on common random numbers: means with 95 % CIs and paired differences
    against the baseline (CI, p-value, effect size), written to comparison.csv."""
    from meritsim.study.compare import Precision, check_names
    from meritsim.study.compare import compare as run_compare

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
            result = run_compare(loaded, replace(options, out=folder), baseline=baseline, precision=precision)
    except study_errors() as exc:
        fail(str(exc))
    result.write(folder)
    click.echo(result.table())
    if precision is not None:
        p = result.manifest["precision"]
        click.echo(
            f"{result.manifest['replications']} replications per scenario for a 95 % CI half-width "
            f"of {p['achieved_half_width']:.4g} on {target_outcome} (target {target_halfwidth:g})"
        )
    click.echo(f"Wrote {', '.join(result.files())}, manifest.json to {folder}")
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
    from meritsim.study.design import design_points, load_spec, point_scenarios
    from meritsim.study.sweep import sweep as run_sweep

    try:
        parsed = load_spec(spec)
        point_scenarios(parsed, design_points(parsed))  # validate every point before running
    except ScenarioError as exc:
        fail(f"sweep {spec!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))
    folder = out_folder(out, parsed.name)
    try:
        with interruptible(folder):
            result = run_sweep(
                parsed, RunOptions(jobs=jobs, scheduler=scheduler, out=folder, progress=not quiet)
            )
    except study_errors() as exc:
        fail(str(exc))
    result.write(folder)
    assert result.points is not None, "a sweep's results have points"
    reps = result.manifest["replications"]
    click.echo(f"{len(result.points)} points x {reps} replications ({parsed.design.method})")
    if result.indices is not None and len(result.indices):
        click.echo(result.indices.to_string(index=False, float_format="%.3f"))
    elif result.regression is not None and len(result.regression):
        click.echo(result.regression.to_string(index=False, float_format="%.4g"))
    click.echo(f"Wrote to {folder}")
    report_failures(result.failures, folder)
