"""The Peter-principle reproduction (Pluchino, Rapisarda & Garofalo 2010) in full: 20
replications of 200 years per strategy and hypothesis, gains measured over years 100-200.

Run: ``.venv/bin/python benchmarks/pluchino.py [--replications R] [--years Y]``. The test suite
checks the same pattern on fewer, shorter runs (tests/test_engine.py).
"""

from __future__ import annotations

import argparse

import meritsim

STRATEGIES = ("best", "worst", "random", "alternate")


def gain(name: str, replications: int, years: int, jobs: int) -> float:
    """Mean effectiveness over the stationary window minus at the start, in points."""
    org = meritsim.simulate(f"peter_principle/{name}", replications=replications, years=years, jobs=jobs).org
    return org[org.year >= years // 2].effectiveness.mean() - org[org.year == 0].effectiveness.mean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--years", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'strategy':<10}{'Peter hypothesis':>18}{'common sense':>14}")
    for s in STRATEGIES:
        peter = gain(f"peter_{s}", args.replications, args.years, args.jobs)
        common = gain(f"common_sense_{s}", args.replications, args.years, args.jobs)
        print(f"{s:<10}{peter:>+18.1f}{common:>+14.1f}")


if __name__ == "__main__":
    main()
