"""`meritsim ...`: the command line. Each module registers its commands on the one group, which
imports a module when one of its commands is used (:mod:`meritsim.cli.group`)."""

from meritsim.cli.group import main

__all__ = ["main"]
