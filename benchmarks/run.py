"""Benchmarks of the career engine (not part of the unit tests).

Run: ``make bench`` or ``.venv/bin/python benchmarks/run.py [--skip-national] [--repeat N]``.
Each case runs in a fresh subprocess so that its peak memory (max RSS) is its own.

Targets on a 2-core machine: ``default`` for 30 years at most 0.5 s per replication;
``national`` for 30 years at most 120 s and 6 GB peak memory per replication (issue #2); and
replications per minute of ``default`` with 2 local processes at least 1.8 times the rate of one
(issue #3).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

CASES = {
    # name: (scenario, overrides, target seconds per replication, target peak GB)
    "default": ("default", [], 0.5, None),
    "default_100k": ("default", ["organisation.scale=10"], None, None),
    "national": ("national", [], 120.0, 6.0),
}


def measure(scenario: str, overrides: list[str], repeat: int) -> dict:
    """Time ``repeat`` replications (30 years each) of one scenario in this process."""
    import meritsim
    from meritsim.model.calendar import Simulation

    sc = meritsim.load_scenario(scenario, overrides)
    seconds, people = [], 0
    for r in range(repeat):
        start = time.perf_counter()
        sim = Simulation(sc, r, years=30)
        people = len(sim.wf)
        sim.run()
        seconds.append(time.perf_counter() - start)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    return {"employees": people, "seconds": seconds, "peak_gb": peak_gb}


def throughput(replications: int = 24) -> dict:
    """Replications per minute of ``default`` (30 years) with 1 and with 2 local processes."""
    import meritsim

    scenario = meritsim.load_scenario("default")
    rates = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        meritsim.simulate(scenario, replications=replications, years=30, jobs=jobs)
        rates[jobs] = 60 * replications / (time.perf_counter() - start)
    return rates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-national", action="store_true", help="Skip the 3.8M case.")
    parser.add_argument("--repeat", type=int, default=5, help="Replications of small cases.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        scenario, overrides, *_ = CASES[args.one]
        repeat = 1 if args.one != "default" else args.repeat
        print(json.dumps(measure(scenario, overrides, repeat)))
        return 0
    failed = False
    print(f"{'case':<14}{'employees':>11}{'s/replication':>15}{'peak GB':>9}  target")
    for name, (_, _, max_s, max_gb) in CASES.items():
        if name == "national" and args.skip_national:
            continue
        out = subprocess.run(
            [sys.executable, __file__, "--one", name, "--repeat", str(args.repeat)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        m = json.loads(out.stdout.strip().splitlines()[-1])
        per_rep = sum(m["seconds"]) / len(m["seconds"])
        ok = (max_s is None or per_rep <= max_s) and (max_gb is None or m["peak_gb"] <= max_gb)
        failed |= not ok
        target = " ".join(
            t for t in (f"<= {max_s} s" if max_s else "", f"<= {max_gb} GB" if max_gb else "") if t
        )
        verdict = ("ok" if ok else "MISSED") if target else ""
        print(f"{name:<14}{m['employees']:>11,}{per_rep:>15.3f}{m['peak_gb']:>9.2f}  {target} {verdict}")
    rates = throughput()
    speedup = rates[2] / rates[1]
    ok = speedup >= 1.8
    failed |= not ok
    print(
        f"parallel: default 30 years, {rates[1]:.0f} replications/min with --jobs 1, "
        f"{rates[2]:.0f} with --jobs 2: {speedup:.2f}x (target >= 1.8x) {'ok' if ok else 'MISSED'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
