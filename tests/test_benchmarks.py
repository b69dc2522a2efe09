"""The benchmark script measures what it says (its timings are not tested here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import meritsim
from meritsim.model import spinup

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_throughput_run_starts_without_cached_spin_ups(monkeypatch):
    """Forked workers inherit the parent's spin-up cache: a parallel run after the serial one
    would skip its spin-ups and look twice as fast as it is."""
    seen: list[tuple[int, int]] = []

    def fake_simulate(scenario, *, replications, years, jobs):
        seen.append((jobs, len(spinup._cache)))
        spinup._cache["left by this run"] = None  # what a real run leaves behind

    monkeypatch.setattr(meritsim, "simulate", fake_simulate)
    monkeypatch.setattr(spinup, "_cache", type(spinup._cache)())
    rates = _bench_module().throughput(replications=2)
    assert seen == [(1, 0), (2, 0)]
    assert set(rates) == {1, 2}
