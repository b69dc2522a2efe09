"""Resume never mixes results of different inputs, and never reuses a damaged chunk."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import meritsim
from meritsim.study import simulate as replications
from meritsim.study.simulate import tasks_for
from meritsim.study.store import run_key

SMALL = ["organisation.scale=0.05"]


def small(*more: str) -> meritsim.Scenario:
    return meritsim.load_scenario("default", [*SMALL, *more])


def run(out: Path | None = None, scenario: meritsim.Scenario | None = None, reps: int = 3):
    return meritsim.simulate(scenario or small(), replications=reps, years=3, out=out)


def chunk_files(out: Path) -> list[Path]:
    return sorted((out / "chunks").glob("*.parquet"))


def stale_folders(out: Path) -> list[Path]:
    return sorted(out.glob("stale-*"))


def write_snapshot(folder: Path, n: int = 40) -> Path:
    """A tiny imported workforce and a scenario starting from it."""
    table = pd.DataFrame(
        {
            "pseudonym": [f"P{i:016x}" for i in range(n)],
            "birth_date": pd.Timestamp("1985-01-01") + pd.to_timedelta(np.arange(n) * 97, "D"),
            "female": np.arange(n) % 2 == 0,
            "education": "S1",
            "rank": "III/a",
            "rank_date": pd.Timestamp("2020-04-01"),
            "level": "pelaksana",
            "unit": [f"OPD {i % 5:02d}" for i in range(n)],
            "predikat_1": np.int8(3),
            "predikat_2": np.int8(3),
        }
    )
    table.to_parquet(folder / "snapshot.parquet", index=False)
    scenario = folder / "agency.yaml"
    scenario.write_text(
        "extends: default\norganisation: {scale: 0.05}\n"
        "workforce: {snapshot: snapshot.parquet, snapshot_date: '2025-12-31'}\n"
    )
    return scenario


@pytest.fixture(scope="module")
def fresh():
    return run()


def test_the_key_covers_the_snapshot_contents_version_years_and_seed(tmp_path, monkeypatch):
    scenario = meritsim.load_scenario(write_snapshot(tmp_path))
    [before] = tasks_for(scenario, range(1), 3, 1)
    write_snapshot(tmp_path, n=39)  # same path, same scenario, other contents
    [after] = tasks_for(scenario, range(1), 3, 1)
    assert after.key != before.key and after.replication == before.replication
    assert tasks_for(scenario, range(1), 4, 1)[0].key != after.key
    assert tasks_for(scenario, range(1), 3, 2)[0].key != after.key
    monkeypatch.setattr(replications, "meritsim_version", lambda: "99.0")
    assert tasks_for(scenario, range(1), 3, 1)[0].key != after.key


def test_the_snapshot_is_hashed_once_per_file_not_per_task(tmp_path, monkeypatch):
    scenario = meritsim.load_scenario(write_snapshot(tmp_path))
    calls = []
    real = replications.file_sha256
    monkeypatch.setattr(replications, "file_sha256", lambda path: calls.append(path) or real(path))
    replications._snapshot_sha256.cache_clear()
    for seed in (1, 2, 3):
        tasks_for(scenario, range(20), 3, seed)
    assert calls == [scenario.workforce.snapshot]


def test_the_run_key_does_not_depend_on_the_replication_count():
    a, b = small(), small("policy.name=seniority")
    assert run_key(tasks_for(a, range(2), 3, 1)) == run_key(tasks_for(a, range(7), 3, 1))
    assert run_key(tasks_for(a, range(2), 3, 1)) != run_key(tasks_for(a, range(2), 3, 2))
    assert run_key(tasks_for(a, range(2), 3, 1)) != run_key(tasks_for(b, range(2), 3, 1))


def test_a_changed_snapshot_is_not_resumed_and_old_chunks_are_moved_aside(tmp_path, capsys):
    scenario = meritsim.load_scenario(write_snapshot(tmp_path))
    out = tmp_path / "out"
    first = run(out, scenario, reps=2)
    write_snapshot(tmp_path, n=30)
    capsys.readouterr()
    second = run(out, scenario, reps=2)
    err = capsys.readouterr().err
    assert second.manifest["timings"]["resumed_replications"] == 0
    assert first.org.headcount.iloc[0] == 40 and second.org.headcount.iloc[0] == 30
    [stale] = stale_folders(out)
    assert "holds results of different inputs" in err and str(stale) in err and "starting afresh" in err
    assert len(chunk_files(stale)) == 4 and len(chunk_files(out)) == 4


def test_another_meritsim_version_starts_afresh(tmp_path, monkeypatch, capsys):
    run(tmp_path, reps=2)
    monkeypatch.setattr(replications, "meritsim_version", lambda: "99.0")
    again = run(tmp_path, reps=2)
    assert again.manifest["timings"]["resumed_replications"] == 0
    assert "different inputs" in capsys.readouterr().err and len(stale_folders(tmp_path)) == 1


def test_failures_of_other_inputs_move_aside_with_their_chunks(tmp_path, capsys):
    run(tmp_path, reps=2)
    (tmp_path / "failures.json").write_text("[]")
    meritsim.simulate(small(), replications=2, years=3, seed=5, out=tmp_path)
    [stale] = stale_folders(tmp_path)
    assert (stale / "failures.json").exists() and not (tmp_path / "failures.json").exists()


def test_adding_replications_resumes_and_gives_the_same_tables(fresh, tmp_path, capsys):
    run(tmp_path, reps=2)
    more = run(tmp_path, reps=3)
    assert more.manifest["timings"]["resumed_replications"] == 2
    pd.testing.assert_frame_equal(fresh.org, more.org)
    pd.testing.assert_frame_equal(fresh.yearly, more.yearly)
    assert not stale_folders(tmp_path) and capsys.readouterr().err == ""
    index = json.loads((tmp_path / "chunks" / "index.json").read_text())
    assert len(index["chunks"]) == 3 and all(set(v) == {"yearly", "org"} for v in index["chunks"].values())


@pytest.mark.parametrize("damage", ["truncate", "empty", "swap", "delete"])
def test_a_damaged_chunk_is_reported_and_recomputed(fresh, tmp_path, capsys, damage):
    run(tmp_path)
    files = chunk_files(tmp_path)
    org = [p for p in files if p.name.endswith(".org.parquet")]
    victim = org[1]
    if damage == "truncate":
        victim.write_bytes(victim.read_bytes()[:-40])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "swap":  # a valid Parquet file with the wrong contents
        victim.write_bytes(org[0].read_bytes())
    else:
        victim.unlink()
    capsys.readouterr()
    again = run(tmp_path)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(lines) == 1 and victim.name.removesuffix(".org.parquet") in lines[0]
    assert "recomputing" in lines[0] and "Traceback" not in lines[0]
    assert again.manifest["timings"]["resumed_replications"] == 2
    pd.testing.assert_frame_equal(fresh.org, again.org)
    pd.testing.assert_frame_equal(fresh.yearly, again.yearly)
    assert run(tmp_path).manifest["timings"]["resumed_replications"] == 3  # repaired


def test_chunks_without_an_index_are_stale(tmp_path, capsys):
    run(tmp_path, reps=2)
    (tmp_path / "chunks" / "index.json").unlink()  # as an older meritsim left them
    again = run(tmp_path, reps=2)
    assert again.manifest["timings"]["resumed_replications"] == 0
    assert "without a valid index" in capsys.readouterr().err and len(stale_folders(tmp_path)) == 1


def test_a_chunk_missing_from_the_index_is_not_reused(fresh, tmp_path, capsys):
    run(tmp_path)
    index_path = tmp_path / "chunks" / "index.json"
    index = json.loads(index_path.read_text())
    dropped = sorted(index["chunks"])[0]
    del index["chunks"][dropped]
    index_path.write_text(json.dumps(index))
    again = run(tmp_path)
    assert again.manifest["timings"]["resumed_replications"] == 2
    assert "not in its index" in capsys.readouterr().err
    pd.testing.assert_frame_equal(fresh.org, again.org)
