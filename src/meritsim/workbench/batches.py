"""Batches of reports: notebooks x parameter sets from a YAML file, run in parallel into a dated
folder with an ``index.html`` comparing and linking every report (:mod:`.batch_index`)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from meritsim.model.scenario.errors import Problem, ScenarioError, problems_from_validation
from meritsim.model.scenario.schema import Strict
from meritsim.model.scenario.yaml_io import YamlError, read_yaml_file
from meritsim.workbench.batch_index import write_index
from meritsim.workbench.reports import ReportError, check_parameters, locate_notebook, run_report


class BatchSpec(Strict):
    """Notebooks x parameter sets."""

    name: str = Field("batch", description="Name of the batch (used in the output folder).")
    notebooks: list[str] = Field(min_length=1, description="Notebook names or paths.")
    defaults: dict[str, Any] = Field(default_factory=dict, description="Parameters of every report.")
    parameter_sets: dict[str, dict[str, Any]] = Field(
        default_factory=lambda: {"default": dict[str, Any]()}, description="Named parameter sets."
    )


@dataclass
class Job:
    """One report of a batch."""

    key: str
    notebook: Path
    parameters: dict[str, Any]


@dataclass
class Outcome:
    """What became of a job."""

    key: str
    html: Path | None
    error: str | None


def load_batch(path: str | Path) -> tuple[BatchSpec, list[Job]]:
    """Read a batch file and check every report's parameters before anything runs."""
    path = Path(path)
    try:
        data = read_yaml_file(path, "batch file")
    except YamlError as exc:
        raise ScenarioError([Problem(str(path), "", str(exc).removeprefix(f"{path}: "))]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(str(path), "", "must be a YAML mapping of keys to values")])
    try:
        spec = BatchSpec.model_validate(data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, BatchSpec, lambda loc: str(path))) from None
    jobs, problems = [], []
    for ref in spec.notebooks:
        for set_name, params in spec.parameter_sets.items():
            full = {**spec.defaults, **params}
            try:
                notebook = locate_notebook(ref)
                check_parameters(notebook, full)
            except ReportError as exc:
                problems.append(Problem(str(path), f"parameter_sets.{set_name}", str(exc)))
                continue
            jobs.append(Job(f"{notebook.stem}-{set_name}", notebook, full))
    if problems:
        raise ScenarioError(problems)
    return spec, jobs


def _run(job: Job, folder: Path) -> Outcome:
    try:
        report = run_report(job.notebook, job.parameters, folder / job.key)
    except ReportError as exc:
        return Outcome(job.key, None, str(exc))
    except Exception as exc:  # one broken report must not stop the batch
        return Outcome(job.key, None, f"{type(exc).__name__}: {exc}")
    return Outcome(job.key, report.html, None)


def run_batch_reports(
    spec: BatchSpec, jobs: list[Job], out: str | Path, *, workers: int = 1, progress: bool = False
) -> tuple[Path, list[Outcome]]:
    """Run the jobs (in ``workers`` processes) into ``out/<name>-<date-time>/`` and write its
    ``index.html``; returns the folder and every job's outcome."""
    from tqdm import tqdm

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(out) / f"{spec.name}-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    results: list[Outcome] = []
    with tqdm(total=len(jobs), desc=spec.name, unit="report", disable=not progress) as bar:
        if workers <= 1:
            for job in jobs:
                results.append(_run(job, folder))
                bar.update()
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_run, job, folder) for job in jobs]
                for future in as_completed(futures):
                    results.append(future.result())
                    bar.update()
    order = {job.key: i for i, job in enumerate(jobs)}
    results.sort(key=lambda o: order[o.key])
    lang = str(spec.defaults.get("lang", "id"))
    write_index(folder, spec.name, stamp, results, lang if lang in ("id", "en") else "id")
    return folder, results
