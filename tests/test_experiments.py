"""Replications, common random numbers, executors, streaming, resume, failure isolation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.model.outcomes import outcomes
from meritsim.study import runner as batch_module
from meritsim.study import tasks as tasks_module
from meritsim.study.statistics import paired_difference

SMALL = ["organisation.scale=0.1"]


def small(name: str = "default", *more: str) -> meritsim.Scenario:
    return meritsim.load_scenario(name, [*SMALL, *more])


def test_common_random_numbers_narrow_the_paired_ci():
    """merit vs lottery: pairing replication r with replication r (same streams) gives a far
    narrower CI of the difference than pairing with independently seeded runs."""
    merit, lottery = small("merit"), small("lottery")
    crn = meritsim.compare([merit, lottery], replications=8, years=10).outcomes
    independent = meritsim.simulate(lottery, replications=8, years=10, seed=lottery.seed + 999).summary
    base = crn[crn.scenario == "merit"].set_index("replication").effectiveness_mean
    paired = crn[crn.scenario == "lottery"].set_index("replication").effectiveness_mean
    unpaired = independent.set_index("replication").effectiveness_mean

    def width(d):
        r = paired_difference(d.to_numpy())
        return r["diff_ci_high"] - r["diff_ci_low"]

    assert width(paired - base) < 0.5 * width(unpaired - base)


@pytest.fixture(scope="module")
def serial():
    return meritsim.simulate(small(), replications=3, years=4, jobs=1)


def test_processes_give_identical_tables(serial):
    parallel = meritsim.simulate(small(), replications=3, years=4, jobs=2)
    pd.testing.assert_frame_equal(serial.yearly, parallel.yearly)
    pd.testing.assert_frame_equal(serial.org, parallel.org)
    pd.testing.assert_frame_equal(serial.summary, parallel.summary)


def test_dask_gives_identical_tables(serial):
    pytest.importorskip("dask.distributed")
    on_dask = meritsim.simulate(small(), replications=3, years=4, jobs=2, scheduler="local")
    pd.testing.assert_frame_equal(serial.yearly, on_dask.yearly)
    pd.testing.assert_frame_equal(serial.org, on_dask.org)


def test_interrupted_run_resumes_to_the_same_tables(serial, tmp_path, monkeypatch):
    real = batch_module.execute

    def interrupted(tasks, **kw):
        for i, result in enumerate(real(tasks, **kw)):
            if i == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(batch_module, "execute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        meritsim.simulate(small(), replications=3, years=4, out=tmp_path)
    assert len(list((tmp_path / "chunks").glob("*.org.parquet"))) == 2
    monkeypatch.setattr(batch_module, "execute", real)
    resumed = meritsim.simulate(small(), replications=3, years=4, out=tmp_path)
    assert resumed.manifest["timings"]["resumed_replications"] == 2
    pd.testing.assert_frame_equal(serial.yearly, resumed.yearly)
    pd.testing.assert_frame_equal(serial.org, resumed.org)
    pd.testing.assert_frame_equal(serial.summary, resumed.summary)


def test_a_failing_replication_is_isolated_and_reported(monkeypatch, tmp_path):
    real = tasks_module.simulate_replication

    def flaky(scenario, replication, **kw):
        if replication == 1:
            raise RuntimeError("boom")
        return real(scenario, replication, **kw)

    monkeypatch.setattr(tasks_module, "simulate_replication", flaky)
    result = meritsim.simulate(small(), replications=3, years=2, out=tmp_path)
    assert sorted(result.summary.replication) == [0, 2]
    [failure] = result.failures
    assert failure["replication"] == 1 and failure["seed"] == small().seed
    assert "RuntimeError: boom" in failure["error"] and "Traceback" in failure["traceback"]
    assert (tmp_path / "failures.json").exists()
    monkeypatch.setattr(tasks_module, "simulate_replication", real)
    again = meritsim.simulate(small(), replications=3, years=2, out=tmp_path)  # retried on resume
    assert not again.failures and not (tmp_path / "failures.json").exists()


def test_warmup_discards_the_first_years(serial):
    table = outcomes(serial.yearly, serial.org, warmup=2)
    org = serial.org[serial.org.replication == 0]
    row = table[table.replication == 0].iloc[0]
    assert row.effectiveness_mean == pytest.approx(org[org.year > 2].effectiveness.mean())
    assert row.effectiveness_gain == pytest.approx(
        org[org.year == 4].effectiveness.iloc[0] - org[org.year == 2].effectiveness.iloc[0]
    )
    assert row.promotions_per_year == pytest.approx(org[org.year > 2].promotions.mean())
    with pytest.raises(ValueError, match="no years to measure"):
        outcomes(serial.yearly, serial.org, warmup=4)


def test_comparison_table_has_cis_differences_and_effect_sizes():
    result = meritsim.compare(["merit", "seniority"], overrides=SMALL, replications=4, years=6)
    c = result.comparison
    assert set(c.outcome) == {o.name for o in meritsim.OUTCOMES.values() if o.compared}
    for name in (
        "effectiveness_final",
        "effectiveness_mean",
        "senior_competence_final",
        "promotions_per_year",
        "mean_years_to_first_structural_post",
        "equity_gap_sex",
    ):
        assert name in set(c.outcome)
    row = c[(c.outcome == "promotions_per_year") & (c.scenario == "seniority")].iloc[0]
    assert row.ci_low <= row["mean"] <= row.ci_high and row.n == 4
    assert row.diff_ci_low <= row["diff"] <= row.diff_ci_high and 0 <= row.p_value <= 1
    assert np.isfinite(row.cohen_dz)
    base = c[(c.scenario == "merit")]
    assert base["diff"].isna().all() and base["diff_pct"].isna().all()
    base_mean = base[base.outcome == "promotions_per_year"]["mean"].iloc[0]
    for col in ("diff", "diff_ci_low", "diff_ci_high"):  # % of the baseline's mean
        assert np.isclose(row[col.replace("diff", "diff_pct")], 100 * row[col] / abs(base_mean))
    text = result.table(["promotions_per_year"])
    assert "vs merit" in text and "paired d_z" in text and " %)" in text


def test_precision_adds_replications_until_narrow_enough():
    result = meritsim.compare(
        ["merit", "lottery"], overrides=SMALL, replications=2, years=5,
        precision=meritsim.Precision("effectiveness_mean", 0.5, max_replications=12),
    )  # fmt: skip
    p = result.manifest["precision"]
    assert result.manifest["replications"] > 2
    assert p["achieved_half_width"] <= 0.5 or result.manifest["replications"] == 12
    capped = meritsim.compare(
        ["merit", "lottery"], overrides=SMALL, replications=2, years=3,
        precision=meritsim.Precision("effectiveness_mean", 1e-9, max_replications=5),
    )  # fmt: skip
    assert capped.manifest["replications"] == 5
