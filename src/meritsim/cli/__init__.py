"""`meritsim ...`: the command line. Each module registers its commands on the one group."""

from meritsim.cli import data, history, reports, robustness, run, studies  # noqa: F401  (registers the commands)
from meritsim.cli.common import main

__all__ = ["main"]
