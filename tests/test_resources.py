"""Bounded work: replications within the schema's limit, memory estimated before allocating,
scheduler addresses checked before (and reached within seconds of) starting."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import meritsim
from meritsim.cli import main
from meritsim.model.scenario.schema import Scenario
from meritsim.model.workforce import Workforce
from meritsim.study import resources
from meritsim.study.executors import SchedulerError, check_scheduler, default_jobs
from meritsim.study.resources import (
    MAX_REPLICATIONS,
    MemoryBudgetError,
    bytes_per_person,
    check_memory,
    estimate_bytes,
)

SMALL = ["--set", "organisation.scale=0.05", "--years", "1", "--quiet"]


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_replication_limit_is_the_schema_s():
    [bound] = [m.le for m in Scenario.model_fields["replications"].metadata if hasattr(m, "le")]
    assert MAX_REPLICATIONS == bound == 100_000


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--replications", "100001"],
        ["compare", "merit", "lottery", "--replications", "100001"],
        ["compare", "merit", "lottery", "--max-replications", "100001"],
    ],
)
def test_the_command_line_refuses_more_replications_than_the_schema(args, tmp_path):
    result = cli(*args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "100000" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()


def test_the_api_refuses_more_replications_than_the_schema():
    with pytest.raises(ValueError, match="100,000"):
        meritsim.simulate("default", replications=MAX_REPLICATIONS + 1)
    with pytest.raises(ValueError, match="100,000"):
        meritsim.compare(["merit", "lottery"], replications=MAX_REPLICATIONS + 1)
    precision = meritsim.Precision("effectiveness_mean", 0.1, max_replications=MAX_REPLICATIONS + 1)
    with pytest.raises(ValueError, match="max_replications"):
        meritsim.compare(["merit", "lottery"], precision=precision)


def test_bytes_per_person_counts_every_column_including_2d_ones():
    one = Workforce.empty(1)
    flat = sum(np.dtype(getattr(one, name).dtype).itemsize for name in Workforce.columns())
    assert (
        bytes_per_person()
        == sum(getattr(Workforce.empty(3), name).nbytes for name in Workforce.columns()) / 3
    )
    assert bytes_per_person() > flat  # skp and the competency matrices count several times


def test_the_estimate_matches_the_measured_national_peak():
    national = meritsim.load_scenario("national")
    assert 1.7e9 < estimate_bytes(national) < 2.4e9  # measured: 1.95 GB max RSS (4.9 M ASN from 2024)
    half = meritsim.load_scenario("national", ["organisation.scale=0.5"])
    assert estimate_bytes(half) == pytest.approx(estimate_bytes(national) / 2, rel=0.01)


def test_the_default_scenario_fits():
    default = meritsim.load_scenario("default")
    assert check_memory([default], default_jobs(), 10) == estimate_bytes(default) * min(default_jobs(), 10)


def test_memory_is_budgeted_per_worker_process(monkeypatch):
    default = meritsim.load_scenario("default")
    one = estimate_bytes(default)
    monkeypatch.setattr(resources, "available_bytes", lambda: int(1.5 * one))
    assert check_memory([default], jobs=1, tasks=10) == one
    assert check_memory([default], jobs=8, tasks=1) == one  # one task: one process
    with pytest.raises(MemoryBudgetError, match=r"2 processes .* lower organisation.scale or --jobs"):
        check_memory([default], jobs=2, tasks=10)
    with pytest.raises(MemoryBudgetError):  # the largest scenario counts
        check_memory([default, meritsim.load_scenario("national")], jobs=1, tasks=2)


def test_available_memory_honours_a_cgroup_limit(tmp_path, monkeypatch):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16000000 kB\nMemAvailable:    8000000 kB\n")
    limit, usage = tmp_path / "memory.max", tmp_path / "memory.current"
    monkeypatch.setattr(resources, "MEMINFO", meminfo)
    monkeypatch.setattr(resources, "CGROUP_FILES", ((limit, usage),))
    assert resources.available_bytes() == 8_000_000 * 1024  # no cgroup files
    limit.write_text("max\n")
    assert resources.available_bytes() == 8_000_000 * 1024
    limit.write_text("3000000000\n")
    usage.write_text("1000000000\n")
    assert resources.available_bytes() == 2_000_000_000


def test_a_run_too_big_for_memory_fails_at_once_without_traceback(tmp_path):
    huge = meritsim.load_scenario("default", ["organisation.scale=10000"])
    if estimate_bytes(huge) <= resources.available_bytes():
        pytest.skip("this machine could hold the run")
    exe = shutil.which("meritsim") or str(Path(sys.executable).parent / "meritsim")
    args = [exe, "run", "default", "--set", "organisation.scale=10000", "--out", str(tmp_path / "o")]
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{estimate_bytes(huge) / 1e9:.2f} GB" in result.stderr and "organisation.scale" in result.stderr
    assert result.stderr.startswith("error: ")


def test_the_api_refuses_a_run_too_big_for_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(resources, "available_bytes", lambda: 1000)
    with pytest.raises(MemoryBudgetError, match="GB of memory"):
        meritsim.simulate("default", overrides=["organisation.scale=0.05"], years=1, out=tmp_path / "a")
    with pytest.raises(MemoryBudgetError):
        meritsim.compare(["merit", "lottery"], overrides=["organisation.scale=0.05"], years=1)
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "name: s\nbase: merit\nset: [organisation.scale=0.05]\nyears: 1\nreplications: 1\n"
        "levers: {policy.merit_weights.competence: {min: 0.1, max: 1}}\n"
        "design: {method: factorial, levels: 2}\n"
    )
    with pytest.raises(MemoryBudgetError):
        meritsim.sweep(spec)
    result = cli("sweep", str(spec), "--out", str(tmp_path / "b"), "--quiet")
    assert result.exit_code == 2 and "error: the run needs an estimated" in result.output
    assert not (tmp_path / "a" / "chunks").exists()  # refused before anything ran


@pytest.mark.parametrize("address", ["bogus", "tcp://host", "http://h:8786", "tcp://h:99999", "tcp://:1"])
def test_a_malformed_scheduler_address_fails_at_once(address, tmp_path):
    with pytest.raises(SchedulerError, match="not a Dask scheduler address"):
        check_scheduler(address)
    result = cli("run", *SMALL, "--scheduler", address, "--out", str(tmp_path))
    assert result.exit_code == 2 and address in result.output and "error: " in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("address", [None, "local", "tcp://10.0.0.1:8786", "tls://[::1]:8786", "ws://a.b:1"])
def test_well_formed_scheduler_addresses_pass(address):
    check_scheduler(address)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_scheduler_fails_within_seconds(tmp_path):
    pytest.importorskip("dask.distributed")
    address = f"tcp://127.0.0.1:{free_port()}"
    start = time.monotonic()
    result = cli("run", *SMALL, "--scheduler", address, "--out", str(tmp_path))
    assert time.monotonic() - start < 10
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler {address}" in result.output
    assert isinstance(result.exception, SystemExit)
