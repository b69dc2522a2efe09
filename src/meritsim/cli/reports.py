"""`meritsim report` and `meritsim batch`: notebooks run as reports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from meritsim.cli.common import out_folder
from meritsim.cli.group import fail, main
from meritsim.model.scenario import ScenarioError
from meritsim.model.scenario.yaml_io import YamlError, load_yaml, read_yaml_file


def _value(name: str, text: str, kind: str | None):
    """A -p value: the text itself for a text parameter; else YAML, so 4 is a number and
    [a, b] a list (dates stay text). A ' #' would be read as a comment, so it is refused."""
    if kind == "str":
        return text
    if text.lstrip().startswith("#") or " #" in text or "\t#" in text:
        fail(
            f"-p {name}: the value contains ' #', which YAML reads as the start of a comment; "
            f"""quote it, e.g. -p {name} '"{text[:40]}"'"""
        )
    try:
        return load_yaml(text, f"-p {name}")
    except YamlError:
        return text


@main.command()
@click.argument("notebook")
@click.option("--params", "params_file", type=click.Path(dir_okay=False), help="YAML file of parameters.")
@click.option("-p", "--parameter", "pairs", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A parameter (value read as YAML); repeatable, wins over --params.")  # fmt: skip
@click.option("--lang", type=click.Choice(["id", "en"]), help="Language of the report.")
@click.option("--out", type=click.Path(file_okay=False), help="Output folder [runs/report-NAME-TIME].")
@click.option("--show-code", is_flag=True, help="Keep the code in the HTML report.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def report(notebook, params_file, pairs, lang, out, show_code, quiet) -> None:
    """Execute NOTEBOOK (a path or a name in notebooks/) with checked parameters and write the
    executed notebook, an offline HTML report, an Excel workbook of its tables (CSV files in
    tables/) and every chart as PNG and SVG."""
    from meritsim.workbench.reports import (
        ReportError,
        check_parameters,
        locate_notebook,
        parameters,
        run_report,
    )

    try:
        declared = parameters(locate_notebook(notebook))
    except ReportError as exc:
        fail(str(exc))
    params: dict[str, object] = {}
    if params_file:
        try:
            loaded = read_yaml_file(params_file, "parameter file") or {}
        except YamlError as exc:
            fail(f"cannot read the parameters: {exc}")
        if not isinstance(loaded, dict):
            fail(f"{params_file} must be a mapping of parameter names to values")
        params |= loaded
    params |= {name: _value(name, value, declared.get(name, {}).get("type")) for name, value in pairs}
    if lang:
        params["lang"] = lang
    try:
        check_parameters(locate_notebook(notebook), params)
    except ReportError as exc:
        fail(str(exc))
    folder = out_folder(out, f"report-{Path(notebook).stem}")
    try:
        made = run_report(notebook, params, folder, show_code=show_code, progress=not quiet)
    except ReportError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    workbook = made.html.with_suffix(".xlsx")
    tables = f"\nTables: {workbook}" if workbook.exists() else ""
    click.echo(f"Report: {made.html}\nNotebook: {made.notebook}{tables}\nCharts: {len(made.charts)} files in "
               f"{made.html.parent / 'charts'}")  # fmt: skip


@main.command()
@click.argument("batch_file", type=click.Path(dir_okay=False))
@click.option("--jobs", type=click.IntRange(1), default=1, show_default=True, help="Reports run at once.")
@click.option("--out", type=click.Path(file_okay=False), default="runs", show_default=True,
              help="Folder in which the dated batch folder is made.")  # fmt: skip
@click.option("--quiet", is_flag=True, help="No progress bar.")
def batch(batch_file, jobs, out, quiet) -> None:
    """Run every notebook x parameter set of BATCH_FILE (YAML) into a dated folder with an
    index.html (every report's headline numbers side by side, a chart across reports, links) and
    index.xlsx."""
    from meritsim.workbench.batches import load_batch, run_batch_reports

    try:
        spec, planned = load_batch(batch_file)
    except ScenarioError as exc:
        fail(f"batch {batch_file!r} is not valid:\n" + "\n".join(f"  {p}" for p in exc.problems))
    folder, outcomes = run_batch_reports(spec, planned, out, workers=jobs, progress=not quiet)
    failed = [o for o in outcomes if o.error]
    click.echo(
        f"{len(outcomes) - len(failed)} of {len(outcomes)} reports made; index: {folder / 'index.html'}"
    )
    for o in failed:
        click.echo(f"error: {o.key}: {o.error}", err=True)
    if failed:
        sys.exit(1)
