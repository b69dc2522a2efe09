"""Validation on history: run a scenario from its start year through the dates of BKN's published
statistics and compare the model with each (issue #12, point 6).

The run starts at the end of ``timeline.start_year`` (year 0) and applies its timeline; at each
date with published figures after the start, the people in service at the end of that date's
month are compared with the figures of that date (:func:`meritsim.study.validation.compare`).
Several replications are averaged before the error is taken, so the table says how far the
model's expected state is from the statistic; the spread over replications is kept beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from meritsim.model.scenario.schema import Scenario
from meritsim.model.scenario.statistics import load_statistics, published_dates

#: what identifies a figure: a count and the share derived from it differ by their unit
KEY = ["population", "dimension", "category", "date", "unit"]
#: A figure's role in a bundled scenario: ``input`` (the start or the timeline is built from it),
#: ``calibrated`` (a free parameter was fitted to it: in-sample) or, for every other figure,
#: ``check`` (out-of-sample). Rules are (population, dimension, date) with ``*`` for any.
ROLES: dict[str, list[tuple[str, str, str, str]]] = {
    "validation/national_2019": [
        ("PNS", "total", "2019-06-30", "input"),  # the posts
        ("structural_posts", "*", "2019-06-30", "input"),  # the structural posts and their eselon
        *[("PNS", d, "2023-06-30", "input") for d in ("age", "service", "education", "sex")],  # backcast
        ("PNS", "agency", "2023-06-30", "input"),  # the posts' split, 2023's
        ("PNS", "total", "2022-12-31", "calibrated"),  # CPNS 2019-2022
        ("PNS", "total", "2024-07-01", "calibrated"),  # CPNS 2023
        ("PNS", "jabatan", "2023-06-30", "calibrated"),  # conversion shares, the 2019 posts' mix
        ("PPPK", "total", "*", "calibrated"),  # the PPPK appointed with posts of their own
        ("ASN", "total", "*", "calibrated"),  # PNS + PPPK
    ],
    "national": [("PNS", "*", "2023-06-30", "input")],  # the start is fitted to that date
}


def role(scenario: str, population: str, dimension: str, date: str) -> str:
    """The role of a figure in ``scenario`` (:data:`ROLES`): input, calibrated or check."""
    for pop, dim, when, name in ROLES.get(scenario, []):
        if pop in ("*", population) and dim in ("*", dimension) and when in ("*", date):
            return name
    return "check"


@dataclass(frozen=True)
class HistoryCheck:
    """The comparison averaged over replications (``table``) and each replication's own."""

    table: pd.DataFrame
    replications: pd.DataFrame
    scenario: str
    start_year: int

    @property
    def within(self) -> int:
        """Figures the model meets within their tolerance."""
        return int(self.table.within.sum())

    def write(self, folder: str | Path) -> Path:
        """``validation.csv`` (and ``validation_replications.csv``) in ``folder``."""
        from meritsim.study.safe_csv import write_csv

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        write_csv(self.replications, folder / "validation_replications.csv")
        write_csv(self.table, folder / "validation.csv")
        return folder / "validation.csv"


def month_of(date: str, start_year: int) -> int:
    """Months from year 0 (the end of ``start_year``) to the end of ``date``'s month."""
    year, month = int(date[:4]), int(date[5:7])
    return 12 * (year - start_year - 1) + month


def dates_in_run(start_year: int, years: int, statistics: pd.DataFrame | None = None) -> list[str]:
    """The dates with published national figures that a run from ``start_year`` of ``years``
    years reaches (year 0 included), in order."""
    frame = load_statistics() if statistics is None else statistics
    return [d for d in published_dates(statistics=frame) if 0 <= month_of(d, start_year) <= 12 * years]


def _file_scale(scenario: str | Path | Scenario) -> float:
    """The scenario file's own ``organisation.scale`` (1 for a scenario passed resolved)."""
    from meritsim.model.scenario import read_scenario

    return 1.0 if isinstance(scenario, Scenario) else read_scenario(scenario).organisation.scale


def _one(resolved: Scenario, replication: int, dates: list[str], weight: float, totals: bool,
         seed: int | None) -> pd.DataFrame:  # fmt: skip
    """One replication, compared at each of ``dates``."""
    from meritsim.model.calendar import Simulation
    from meritsim.study.validation import (
        agencies,
        compare,
        compare_flows,
        jabatan_types,
        simulated_years,
        staff,
    )

    start = resolved.timeline.start_year
    months = [month_of(d, start) for d in dates]
    years = max(1, math.ceil(max(months) / 12))
    sim = Simulation(resolved, replication, years=years, seed=seed)
    jabatan, agency = jabatan_types(resolved.organisation), agencies(resolved.organisation)
    tables = []
    for date, month in zip(dates, months, strict=True):  # compared at once: one people table at a time
        if month > sim.world.month:
            sim.env.run(until=month + 1)
        here = staff(sim.wf, sim.est, month / 12)
        tables.append(compare(here, date, jabatan=jabatan, agency=agency, weight=weight, totals=totals))
        del here
    if sim.env.now < 12 * years + 1:  # the rest of the last year (its flows are recorded at its end)
        sim.env.run(until=12 * years + 1)
    if totals:
        org = simulated_years(sim.world.recorder.tables()[1], resolved)
        tables.append(compare_flows(org, weight=weight))
    out = pd.concat([t for t in tables if len(t)], ignore_index=True)
    out.insert(0, "replication", replication)
    return out


def _average(runs: pd.DataFrame) -> pd.DataFrame:
    """The model's mean over replications against each statistic, the error taken from it."""
    first = runs.groupby(KEY, sort=False).first().reset_index()
    model = runs.groupby(KEY, sort=False).model.agg(["mean", "std", "min", "max"]).reset_index()
    table = first.drop(columns=["replication", "model", "error", "within"]).merge(model, on=KEY)
    table = table.rename(columns={"mean": "model", "std": "model_sd", "min": "model_min", "max": "model_max"})
    from meritsim.study.validation import judge

    table["error"], table["within"] = judge(table.model, table.statistic, table.error_unit, table.tolerance,
                                            table.relation)  # fmt: skip
    columns = [*KEY, "model", "statistic", "error", "error_unit", "tolerance", "within", "model_sd",
               "model_min", "model_max", "relation", "weak", "note"]  # fmt: skip
    return table[columns]


def validate_history(
    scenario: str | Path | Scenario = "national", overrides: Sequence[str] = (), *, replications: int = 1,
    seed: int | None = None, years: int | None = None, totals: bool | None = None,
) -> HistoryCheck:  # fmt: skip
    """Run ``scenario`` from its ``timeline.start_year`` through every date with published
    national figures within ``years`` (default: the scenario's) and compare the model with them.

    ``totals`` (default: whether the scenario models the whole national PNS,
    :func:`meritsim.study.validation.whole_nation`, as ``national`` and
    ``validation/national_2019`` do) compares counts too, each simulated person standing for
    the file's scale over the run's.
    """
    from meritsim.model.load import load_scenario
    from meritsim.study.validation import whole_nation

    resolved = scenario if isinstance(scenario, Scenario) else load_scenario(scenario, list(overrides))
    start = resolved.timeline.start_year
    run_years = resolved.years if years is None else years
    dates = dates_in_run(start, run_years)
    if not dates:
        raise ValueError(
            f"no published statistics between the end of {start} (timeline.start_year) and "
            f"{start + run_years}: dates with figures are {', '.join(published_dates())}"
        )
    file_scale = _file_scale(scenario)
    if totals is None:
        totals = whole_nation(resolved, file_scale)
    weight = file_scale / resolved.organisation.scale
    runs = pd.concat([_one(resolved, r, dates, weight, totals, seed) for r in range(replications)],
                     ignore_index=True)  # fmt: skip
    table = _average(runs)
    table["role"] = [role(resolved.name, *key) for key in zip(table.population, table.dimension, table.date,
                                                                strict=True)]  # fmt: skip
    return HistoryCheck(table, runs, resolved.name, start)
