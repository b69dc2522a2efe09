"""The engine's speed-ups (freed memory kept, rows split over threads, whole-table shifts)
change its time, never its results."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model import heap, kernels, spinup, split
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
    monkeypatch.setattr(heap, "MIN_ROWS", 0)  # kept for this small workforce too
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


def _tables(scenario, years: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    spinup.forget()
    result = Simulation(scenario, 0, years=years).run()
    return result.yearly, result.org


@pytest.mark.parametrize("name", ["default", "examples/pppk"])
def test_rows_split_over_threads_give_the_same_results(name, monkeypatch):
    """Every rule that splits its rows (appraisal, 9-box, merit scores, assessment, learning,
    eligibility, rank promotion, grouping by level) gives the tables of the unsplit run, bit for
    bit: here every workforce is split, in two and in three parts."""
    scenario = meritsim.load_scenario(name, ["organisation.scale=0.1", "history.years=10"])
    monkeypatch.setenv("MERITSIM_THREADS", "1")
    serial = _tables(scenario, 8)
    monkeypatch.setattr(split, "MIN_ROWS", 50)
    for threads in ("2", "3"):
        monkeypatch.setenv("MERITSIM_THREADS", threads)
        assert len(split.parts(np.arange(100))) == int(threads)
        for got, expected in zip(_tables(scenario, 8), serial, strict=True):
            pd.testing.assert_frame_equal(got, expected)


def test_few_rows_are_not_split(monkeypatch):
    monkeypatch.setenv("MERITSIM_THREADS", "2")
    assert len(split.parts(np.arange(split.MIN_ROWS - 1))) == 1
    assert [p.size for p in split.parts(np.arange(split.MIN_ROWS + 1))] == [200_001, 200_000]
    assert split.joined(lambda part: part * 2, np.arange(split.MIN_ROWS)).tolist() == list(
        range(0, 2 * split.MIN_ROWS, 2)
    )


def test_numba_is_installed_for_the_compiled_path():
    """make test installs the extra [fast], so the compiled path is always tested here."""
    assert kernels.installed(), "numba missing: pip install -e '.[dev]' (extra fast)"


@pytest.mark.parametrize(
    ("name", "overrides", "years"),
    [
        ("default", ["organisation.scale=0.1", "history.years=10"], 8),
        ("examples/pppk", ["organisation.scale=0.1", "history.years=10"], 6),
        ("national", ["organisation.scale=0.002"], 3),  # PPPK at the start, the 2024 conversion
        ("supervision/independent", ["organisation.scale=0.1", "history.years=5"], 4),
    ],
)
def test_compiled_kernels_give_the_numpy_results(name, overrides, years, monkeypatch):
    """Every kernel (year-end tallies, eligibility, rank promotions, rows by level, 9-box, merit
    scores, ranks held, the appraisal record, exits, study, learning, accuracy, assessments due)
    gives its numpy twin's numbers, bit for bit: here every workforce takes the compiled path."""
    scenario = meritsim.load_scenario(name, overrides)
    monkeypatch.setenv("MERITSIM_COMPILED", "0")
    plain = _tables(scenario, years)
    monkeypatch.setenv("MERITSIM_COMPILED", "1")
    monkeypatch.setattr(kernels, "MIN_ROWS", 1)
    monkeypatch.setattr(split, "MIN_ROWS", 50)  # the kernels' work split over threads too
    monkeypatch.setenv("MERITSIM_THREADS", "2")
    assert kernels.enabled(10)
    for got, expected in zip(_tables(scenario, years), plain, strict=True):
        pd.testing.assert_frame_equal(got, expected)


def test_the_compiled_uniforms_are_the_dice_s():
    from meritsim.model.kernels.draws import uniforms
    from meritsim.model.streams import Dice, mix

    dice = Dice(mix(2026, 12))
    keys = np.random.default_rng(0).integers(0, 2**32, 10_000, dtype=np.uint64).astype(np.uint32)
    np.testing.assert_array_equal(uniforms(keys, mix(dice.salt, 3)), dice.uniform(keys, 3))


def test_small_runs_and_the_switch_keep_numpy(monkeypatch):
    monkeypatch.setenv("MERITSIM_COMPILED", "1")
    assert not kernels.enabled(kernels.MIN_ROWS - 1) and kernels.enabled(kernels.MIN_ROWS)
    monkeypatch.setenv("MERITSIM_COMPILED", "0")
    assert not kernels.enabled(10 * kernels.MIN_ROWS)
