"""The `meritsim` command group. A command's module is imported when that command is used, so
`meritsim --help` loads click alone (the commands bring numpy, pandas, pydantic and the model)."""

from __future__ import annotations

import errno
import importlib
import sys
from pathlib import Path
from typing import NoReturn

import click

from meritsim.study.version import meritsim_version

#: command -> (the module that defines it, the first paragraph of its help, for the group's list;
#: tests/test_cli.py checks both against the commands themselves)
COMMANDS: dict[str, tuple[str, str]] = {
    "batch": (
        "meritsim.cli.reports",
        "Run every notebook x parameter set of BATCH_FILE (YAML) into a dated folder with an "
        "index.html (every report's headline numbers side by side, a chart across reports, links)"
        " and index.xlsx.",
    ),
    "calibrate": (
        "meritsim.cli.data",
        "Estimate attrition, retirement, recruitment and a promotion model from two or more "
        "imported SCENARIOS (yearly snapshots of one agency, from `meritsim import-workforce`, in"
        " any order); write the calibrated scenario OUT and OUT.calibration.csv.",
    ),
    "compare": (
        "meritsim.cli.studies",
        "Compare SCENARIOS on common random numbers: means with 95 % CIs and paired differences "
        "against the baseline (CI, p-value, effect size), written to comparison.csv.",
    ),
    "decompose": (
        "meritsim.cli.robustness",
        "Where POLICY's advantage over AGAINST in SCENARIO comes from: the comparison with every "
        "mechanism on and with each one off, paired on the same replications. Writes "
        "decomposition.csv.",
    ),
    "import-workforce": (
        "meritsim.cli.data",
        "Validate EXPORT (CSV or Excel), replace NIP and names by salted pseudonyms, and write a "
        "snapshot and a scenario (OUT) that starts from it. Bad rows are listed in "
        "OUT.problems.csv.",
    ),
    "outcomes": (
        "meritsim.cli.run",
        "List the outcomes (the registry): name, label, unit, compared, headline.",
    ),
    "policies": ("meritsim.cli.run", "List the registered promotion policies."),
    "report": (
        "meritsim.cli.reports",
        "Execute NOTEBOOK (a path or a name in notebooks/) with checked parameters and write the "
        "executed notebook, an offline HTML report, an Excel workbook of its tables (CSV files in"
        " tables/) and every chart as PNG and SVG.",
    ),
    "robustness": (
        "meritsim.cli.robustness",
        "How robust merit's advantage in SCENARIO is to the assumptions nobody has measured "
        "(carry-over on promotion, on-the-job learning, demotivation, assessment error, "
        "favouritism): for each policy, the share of the assumption space in which merit wins, by"
        " how much, and which assumption decides it (Sobol indices). Writes robustness.csv, "
        "indices.csv, points.csv.",
    ),
    "run": (
        "meritsim.cli.run",
        "Run SCENARIO (a bundled name or a YAML file; default: `default`) and write its tables.",
    ),
    "scenarios": ("meritsim.cli.run", "List the bundled scenarios."),
    "schema": (
        "meritsim.cli.run",
        "Print the scenario JSON schema (every field with its default, bounds and description).",
    ),
    "show": (
        "meritsim.cli.run",
        "Print SCENARIO fully resolved (extends and overrides applied, every default spelled out).",
    ),
    "sweep": (
        "meritsim.cli.studies",
        "Run the sweep SPEC (YAML): design points x replications; writes points.csv, "
        "outcomes.csv, the tables, sensitivity indices (Sobol/Morris) and a regression of each "
        "outcome.",
    ),
    "validate": (
        "meritsim.cli.run",
        "Check SCENARIO; print OK or every problem (file, field, value, what is allowed).",
    ),
    "validate-history": (
        "meritsim.cli.history",
        "Run SCENARIO from its timeline's start year and compare it, at every date with published"
        " national figures, with BKN's statistics (PNS, PPPK and ASN totals; PNS by age, years of"
        " service, education, sex, agency, jabatan type and golongan; structural posts; "
        "retirements): model, statistic, error, whether it is within the tolerance (shares 3 "
        "points, totals 3 %) and the figure's role. Writes validation.csv and manifest.json (e.g."
        " validation/national_2019).",
    ),
}


def fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def os_error_message(exc: OSError) -> str:
    """What went wrong with a file, for a person: the file, its folder and the reason."""
    where = Path(exc.filename) if exc.filename else None
    if exc.errno == errno.ENOSPC:
        folder = where.parent if where is not None else "the output folder"
        return f"the disk is full: could not write {where or ''} in {folder}; partial files were removed"
    reason = exc.strerror or type(exc).__name__
    return f"cannot write or read {where}: {reason}" if where is not None else f"{reason}"


class Group(click.Group):
    """The command group: commands imported on first use (listed from :data:`COMMANDS` until
    then); errors of the machine (a full disk, a folder that cannot be written, no memory left)
    end with a clear message and status 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name][0])  # its decorators register it here
        return self.commands.get(cmd_name)

    def all_commands(self) -> dict[str, click.Command]:
        """Every command, each module imported (for documentation and tests)."""
        ctx = click.Context(self)
        return {name: cmd for name in self.list_commands(ctx) if (cmd := self.get_command(ctx, name))}

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, without importing them: each with the start of its help."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            cmd = self.commands.get(name) or click.Command(name, help=COMMANDS[name][1])
            if not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            fail(os_error_message(exc))
        except MemoryError:
            fail("the machine ran out of memory; lower organisation.scale or --jobs")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(meritsim_version(), prog_name="meritsim")
def main() -> None:
    """Simulate civil-service careers under merit and non-merit promotion policies."""
