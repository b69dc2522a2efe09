"""The engine's memory habits change its time, never its results."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from meritsim.model import heap, spinup
from meritsim.model.calendar import Simulation
from meritsim.model.rules.appraisal import push


def test_freed_memory_is_kept_only_while_the_engine_runs():
    assert not heap.active()
    with heap.kept():
        assert heap.active()
        with heap.kept():  # nested runs (a spin-up inside a build) keep it until the outer ends
            assert heap.active()
        assert heap.active()
    assert not heap.active()


def test_results_do_not_depend_on_keeping_freed_memory(small_default, monkeypatch):
    kept = Simulation(small_default, 0, years=5).run()
    monkeypatch.setattr(heap, "_LIBC", None)  # as on a system without glibc
    spinup.forget()  # the spin-up runs again, too
    plain = Simulation(small_default, 0, years=5).run()
    pd.testing.assert_frame_equal(kept.yearly, plain.yearly)
    pd.testing.assert_frame_equal(kept.org, plain.org)


@pytest.mark.parametrize("share", [0.97, 0.3])
def test_pushing_a_history_shifts_only_the_given_rows(share):
    rng = np.random.default_rng(3)
    history = rng.integers(-1, 5, (1000, 5)).astype(np.int8)
    rows = np.flatnonzero(rng.random(1000) < share)
    latest = rng.integers(0, 5, rows.size).astype(np.int8)
    expected = history.copy()
    expected[rows, 1:] = history[rows, :-1]
    expected[rows, 0] = latest
    push(history, rows, latest)
    np.testing.assert_array_equal(history, expected)
