"""`meritsim robustness` and `meritsim decompose`: how far the headline holds, and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from meritsim.cli.common import (
    SET_HELP,
    interruptible,
    out_folder,
    report_failures,
    run_options,
    study_errors,
)
from meritsim.cli.group import fail, main
from meritsim.model.outcomes import ROBUST_OUTCOMES
from meritsim.model.scenario import ScenarioError
from meritsim.model.scenario.mechanisms import Mechanisms
from meritsim.study.options import RunOptions

if TYPE_CHECKING:
    from meritsim.study.results import Results


def _run_into(folder: Path, what: str, study: Callable[[], Results]) -> Results:
    """Run ``study`` (interruptible, its chunks in ``folder``), a user's mistake as a clear
    message, and write its tables into ``folder``."""
    try:
        with interruptible(folder):
            result = study()
    except ScenarioError as exc:
        fail(f"{what} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))
    except study_errors() as exc:
        fail(str(exc))
    result.write(folder)
    return result


def _names(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


@main.command()
@click.argument("scenario")
@click.option(
    "--policies",
    default="seniority,patronage,lottery",
    show_default=True,
    help="Comma-separated policies to set against merit.",
)
@click.option(
    "--samples",
    type=click.IntRange(1, 4096),
    default=8,
    show_default=True,
    help="Sobol base samples N: N x 7 design points (5 assumptions).",
)
@click.option(
    "--outcome",
    "outcomes",
    multiple=True,
    type=click.Choice(ROBUST_OUTCOMES),
    help="Outcome(s) to judge by (higher is better) [effectiveness_mean].",
)
@click.option(
    "--design-seed", type=click.IntRange(0), default=0, show_default=True, help="Seed of the design."
)
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@run_options()
def robustness(
    scenario, policies, samples, outcomes, design_seed, overrides, options: RunOptions, out
) -> None:
    """How robust merit's advantage in SCENARIO is to the assumptions nobody has measured
    (carry-over on promotion, on-the-job learning, demotivation, assessment error, favouritism):
    for each policy, the share of the assumption space in which merit wins, by how much, and
    which assumption decides it (Sobol indices). Writes robustness.csv, indices.csv, points.csv."""
    from meritsim.study.robustness import robustness as run_robustness

    names = _names(policies)
    folder = out_folder(out, f"robustness-{scenario}".replace("/", "-"))
    result = _run_into(folder, "the robustness study", lambda: run_robustness(
        scenario, ["merit", *names], list(overrides), samples, list(outcomes) or None, design_seed,
        replace(options, out=folder),
    ))  # fmt: skip
    if result.robustness is not None and len(result.robustness):
        click.echo(describe_robustness(result.robustness))
    click.echo(f"Wrote {', '.join(result.files())}, manifest.json to {folder}")
    report_failures(result.failures, folder)


def describe_robustness(table) -> str:
    """One line per policy x outcome, in words."""
    lines = []
    for r in table.itertuples():
        clearly = "" if r.share_merit_wins_clearly != r.share_merit_wins_clearly else (
            f" ({100 * r.share_merit_wins_clearly:.0f} % clearly, {100 * r.share_policy_wins_clearly:.0f} % "
            f"clearly the other way)"
        )  # fmt: skip
        lines.append(
            f"{r.outcome}: merit vs {r.policy}: merit does better in {100 * r.share_merit_wins:.0f} % of "
            f"{r.points} assumption points{clearly}; advantage {r.mean_advantage:+.3g} points on average "
            f"({r.mean_advantage_pct:+.2g} %), 90 % of points within [{r.advantage_p05:+.3g}, "
            f"{r.advantage_p95:+.3g}]; decided mostly by {r.decided_by}"
        )
    return "\n".join(lines)


@main.command()
@click.argument("scenario")
@click.option(
    "--policy", default="merit", show_default=True, help="The policy whose advantage is decomposed."
)
@click.option("--against", default="seniority", show_default=True, help="The policy it is set against.")
@click.option(
    "--switch",
    "switches",
    multiple=True,
    metavar="NAME",
    help="A mechanism to switch off (a field of `mechanisms`, e.g. bribery, or a dotted boolean "
    "path such as talent.succession_first); repeatable [every mechanism that can act in SCENARIO].",
)
@click.option("--outcome", default="effectiveness_mean", show_default=True, help="Outcome to decompose.")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help=SET_HELP)
@run_options(fewest=2)
def decompose(scenario, policy, against, switches, outcome, overrides, options: RunOptions, out) -> None:
    """Where POLICY's advantage over AGAINST in SCENARIO comes from: the comparison with every
    mechanism on and with each one off, paired on the same replications. Writes
    decomposition.csv."""
    from meritsim.model.outcomes import OUTCOMES
    from meritsim.study.decompose import decompose as run_decompose

    if outcome not in OUTCOMES:
        fail(f"--outcome {outcome!r}: choose one of {', '.join(OUTCOMES)}")
    unknown = [s for s in switches if s not in Mechanisms.model_fields and "." not in s]
    if unknown:
        fail(
            f"--switch {', '.join(unknown)}: choose from {', '.join(Mechanisms.model_fields)} "
            "or a dotted path"
        )
    folder = out_folder(out, f"decompose-{scenario}".replace("/", "-"))
    result = _run_into(folder, "the decomposition", lambda: run_decompose(
        scenario, policy, against, list(switches) or None, list(overrides), outcome,
        replace(options, out=folder),
    ))  # fmt: skip
    if result.decomposition is not None:
        cols = ["variant", "advantage", "ci_low", "ci_high", "advantage_pct", "contribution"]
        click.echo(result.decomposition[cols].to_string(index=False, float_format="%+.3f"))
    click.echo(f"Wrote {', '.join(result.files())}, manifest.json to {folder}")
    report_failures(result.failures, folder)
