"""Bounds on the work a run may ask for: replications, and memory estimated before allocating."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import Workforce

if TYPE_CHECKING:
    from pydantic import BaseModel

GB = 1e9
# Peak rows of a replication: the posts, plus those who left but are dropped only once they are
# 10 % of all rows (meritsim.model.phases.COMPACT_AT).
COMPACTION_SLACK = 0.1
# Temporaries (masks, sorted copies, recruit batches, the recorder) and the interpreter on top
# of the columns: `national` (3.8 M posts) peaked at 1.46 GiB = 1.56 GB max RSS over 30 years,
# ~410 B per post, 1.9 x the 217 B of the workforce columns. With the compaction slack, a factor
# of 1.8 puts the estimate at 1.63 GB, ~5 % above that measurement.
OVERHEAD = 1.8
NO_LIMIT = 2**60  # cgroup v1 reports "no limit" as a huge number
MEMINFO = Path("/proc/meminfo")
CGROUP_FILES = (  # (limit, usage) of cgroup v2, then v1
    (Path("/sys/fs/cgroup/memory.max"), Path("/sys/fs/cgroup/memory.current")),
    (
        Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
        Path("/sys/fs/cgroup/memory/memory.usage_in_bytes"),
    ),
)


class MemoryBudgetError(ValueError):
    """A run would need more memory than is available."""


def _upper_bound(model: type[BaseModel], name: str) -> int:
    """The ``le`` bound of a pydantic field."""
    for meta in model.model_fields[name].metadata:
        if getattr(meta, "le", None) is not None:
            return int(meta.le)
    raise LookupError(f"{model.__name__}.{name} has no upper bound")


MAX_REPLICATIONS = _upper_bound(Scenario, "replications")


def check_replications(replications: int, minimum: int = 1, what: str = "replications") -> None:
    """Raise ValueError unless ``minimum <= replications <= MAX_REPLICATIONS``."""
    if not minimum <= replications <= MAX_REPLICATIONS:
        raise ValueError(
            f"{what} must be between {minimum} and {MAX_REPLICATIONS:,} (the scenario schema's "
            f"limit), got {replications:,}"
        )


def bytes_per_person() -> int:
    """Bytes of one employee's row over every workforce column (2-D columns included)."""
    one = Workforce.empty(1)
    return sum(getattr(one, name).nbytes for name in Workforce.columns())


def peak_people(scenario: Scenario) -> int:
    """The most rows a replication's workforce holds (honorary staff converted to PPPK bring posts
    of their own)."""
    org = scenario.organisation
    people = sum(org.posts(key) for key in org.levels)
    for event in scenario.timeline.events:
        if event.honorer_conversion is not None:
            people += sum(round(n * org.scale) for n in event.honorer_conversion.count.values())
    if scenario.workforce is not None:
        import pyarrow.parquet as pq

        people = max(people, pq.ParquetFile(scenario.workforce.snapshot).metadata.num_rows)
    return round(people * (1 + COMPACTION_SLACK))


def estimate_bytes(scenario: Scenario) -> int:
    """Peak memory of one replication of ``scenario`` in one process."""
    return round(peak_people(scenario) * bytes_per_person() * OVERHEAD)


def _read_int(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None  # cgroup v2 writes "max" for no limit


def _meminfo_available() -> int | None:
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_headroom() -> int | None:
    """Memory left under this container's cgroup limit (v2, else v1), or None without a limit."""
    for limit, usage in CGROUP_FILES:
        cap = _read_int(limit)
        if cap is not None and cap < NO_LIMIT:
            return max(cap - (_read_int(usage) or 0), 0)
    return None


def available_bytes() -> int:
    """Memory this process can still use: the least of MemAvailable and the cgroup headroom."""
    known = [b for b in (_meminfo_available(), _cgroup_headroom()) if b is not None]
    if known:
        return min(known)
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return NO_LIMIT  # unknown: do not refuse


def check_memory(scenarios: Sequence[Scenario], jobs: int, tasks: int | None = None) -> int:
    """Raise MemoryBudgetError if ``min(jobs, tasks)`` processes, each holding the largest of
    the scenarios' workforces, would not fit in the available memory; returns the estimate."""
    workers = max(1, min(jobs, tasks if tasks is not None else jobs))
    need = max(estimate_bytes(s) for s in scenarios) * workers
    have = available_bytes()
    if need > have:
        each = "" if workers == 1 else f" ({workers} processes x {need / workers / GB:.2f} GB)"
        raise MemoryBudgetError(
            f"the run needs an estimated {need / GB:.2f} GB of memory{each} but only "
            f"{have / GB:.2f} GB is available; lower organisation.scale or --jobs"
        )
    return need
