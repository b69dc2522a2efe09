"""Benchmarks of the career engine, side by side with a naive SimPy model (not part of the tests).

Run: ``make bench`` or ``.venv/bin/python benchmarks/run.py [--skip-national] [--repeat N]``.
Each case runs in a fresh subprocess, so that its peak memory (max RSS) is its own; the naive
yardstick (one SimPy process per employee, 10,000 people, 30 years; ``../shared/bench/
naive_simpy.py`` or ``$MERITSIM_NAIVE``) runs in the same session, so the speed-up is a ratio
measured on the same machine at the same time.

Targets (issue #10), on a 2-core machine: ``default`` (30 years) at least 10x faster than the
naive model; ``national`` (30 years) at most 60 s and 2.5 GB per replication; replications per
minute of ``default`` with 2 local processes at least 1.8 times the rate of one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAIVE = Path(os.environ.get("MERITSIM_NAIVE", ROOT.parent / "shared" / "bench" / "naive_simpy.py"))
RESULTS = ROOT / "benchmarks" / "results"
CASES = {
    # name: (scenario, overrides, target seconds per replication, target peak GB)
    "default": ("default", [], None, None),
    "default_100k": ("default", ["organisation.scale=10"], None, None),
    "national": ("national", [], 60.0, 2.5),
}


def measure(scenario: str, overrides: list[str], repeat: int) -> dict:
    """Time ``repeat`` replications (30 years each) of one scenario in this process."""
    import meritsim
    from meritsim.model.calendar import Simulation

    sc = meritsim.load_scenario(scenario, overrides)
    seconds, history, people = [], [], 0
    for r in range(repeat):
        start = time.perf_counter()
        sim = Simulation(sc, r, years=30)  # builds the workforce and runs its history spin-up
        built = time.perf_counter()
        people = len(sim.wf)
        sim.run()
        seconds.append(time.perf_counter() - start)
        history.append(built - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e9  # kB -> GB
    return {"employees": people, "seconds": seconds, "history_seconds": history, "peak_gb": peak}


def naive(repeat: int, mode: str = "simpy_proc") -> list[float] | None:
    """Seconds of the naive model (10,000 employees, 30 years), or None without the script.

    ``mode`` ``simpy_proc`` is the yardstick (one SimPy process per employee); ``numpy`` is the
    same toy model as one vectorised step a year, whose ratio to ours moves less with the
    machine (both are numpy calls)."""
    if not NAIVE.is_file():
        return None
    out = []
    for seed in range(repeat):
        run = subprocess.run(
            [sys.executable, str(NAIVE), mode, "10000", "30", str(seed)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        out.append(json.loads(run.stdout.strip().splitlines()[-1])["wall_s"])
    return out


def throughput(replications: int = 24) -> dict[int, float]:
    """Replications per minute of ``default`` (30 years) with 1 and with 2 local processes.

    Each run starts with an empty spin-up cache: forked workers inherit the parent's, and would
    otherwise skip the spin-ups that the serial run left there (which once measured 4x)."""
    import meritsim
    from meritsim.model import spinup

    scenario = meritsim.load_scenario("default")
    rates = {}
    for jobs in (1, 2):
        spinup.forget()
        start = time.perf_counter()
        meritsim.simulate(scenario, replications=replications, years=30, jobs=jobs)
        rates[jobs] = 60 * replications / (time.perf_counter() - start)
    return rates


def _case(name: str, repeat: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--one", name, "--repeat", str(repeat)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-national", action="store_true", help="Skip the national case.")
    parser.add_argument("--repeat", type=int, default=5, help="Replications of small cases.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        scenario, overrides, *_ = CASES[args.one]
        print(json.dumps(measure(scenario, overrides, 1 if args.one == "national" else args.repeat)))
        return 0
    report: dict = {"created": time.strftime("%Y-%m-%d %H:%M:%S"), "cases": {}}
    failed = False
    print(f"{'case':<14}{'employees':>11}{'s/replication':>15}{'peak GB':>9}  target")
    for name, (_, _, max_s, max_gb) in CASES.items():
        if name == "national" and args.skip_national:
            continue
        m = _case(name, args.repeat)
        per_rep = statistics.median(m["seconds"])
        ok = (max_s is None or per_rep <= max_s) and (max_gb is None or m["peak_gb"] <= max_gb)
        failed |= not ok
        target = " ".join(
            t for t in (f"<= {max_s} s" if max_s else "", f"<= {max_gb} GB" if max_gb else "") if t
        )
        verdict = ("ok" if ok else "MISSED") if target else ""
        print(f"{name:<14}{m['employees']:>11,}{per_rep:>15.3f}{m['peak_gb']:>9.2f}  {target} {verdict}")
        report["cases"][name] = m | {"median_seconds": per_rep}
    yardstick = naive(args.repeat)
    if yardstick is None:
        print(f"naive yardstick: {NAIVE} not found (set MERITSIM_NAIVE); no ratio")
    else:
        case = report["cases"]["default"]
        ours = case["median_seconds"]
        alone = statistics.median(
            s - h for s, h in zip(case["seconds"], case["history_seconds"], strict=True)
        )
        naive_s = statistics.median(yardstick)
        ratio, ratio_alone = naive_s / ours, naive_s / alone
        ok = ratio >= 10
        failed |= not ok
        print(
            f"naive SimPy model, 10,000 employees, 30 years: {naive_s:.3f} s; default is {ratio:.1f}x "
            f"faster with its 40-year history spin-up (target >= 10x) {'ok' if ok else 'MISSED'}; "
            f"{ratio_alone:.1f}x for the 30 years alone ({alone:.3f} s: a comparison's policies share "
            "the spin-up)"
        )
        report["naive_seconds"], report["speedup_vs_naive"] = yardstick, ratio
        report["speedup_vs_naive_without_history"] = ratio_alone
        vectorised = statistics.median(naive(args.repeat, "numpy") or [])  # (the script is there)
        print(
            f"the same toy model vectorised (naive 'numpy' mode): {vectorised:.4f} s; the naive "
            f"SimPy model takes {naive_s / vectorised:.0f}x that, default {ours / vectorised:.0f}x "
            f"({alone / vectorised:.0f}x for the 30 years alone)"
        )
        report["naive_numpy_seconds"] = vectorised
    rates = throughput()
    speedup = rates[2] / rates[1]
    ok = speedup >= 1.8
    failed |= not ok
    print(
        f"parallel: default 30 years, {rates[1]:.0f} replications/min with --jobs 1, "
        f"{rates[2]:.0f} with --jobs 2: {speedup:.2f}x (target >= 1.8x) {'ok' if ok else 'MISSED'}"
    )
    report["throughput_per_minute"], report["parallel_speedup"] = rates, speedup
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
