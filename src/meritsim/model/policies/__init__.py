"""Promotion policies, found by name in a registry; one small module each.

Add one without touching the engine: subclass :class:`Policy` (or :class:`ScoredPolicy`), give it
a ``name`` and decorate it with :func:`register`; a separate package can expose it through the
``meritsim.policies`` entry-point group.
"""

from meritsim.model.policies import hybrid, lottery, merit, patronage, peter, seniority  # noqa: F401
from meritsim.model.policies.base import Policy, PolicyError, ScoredPolicy, Selection
from meritsim.model.policies.registry import (
    UnknownPolicyError,
    available,
    check_name,
    make_policy,
    register,
)

__all__ = [
    "Policy",
    "PolicyError",
    "ScoredPolicy",
    "Selection",
    "UnknownPolicyError",
    "available",
    "check_name",
    "make_policy",
    "register",
]
