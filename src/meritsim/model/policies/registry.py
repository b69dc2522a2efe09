"""Policies found by name: built-ins register themselves; plug-in packages add theirs through the
``meritsim.policies`` entry-point group (``name = "package.module:PolicyClass"``)."""

from __future__ import annotations

import difflib
from importlib.metadata import entry_points

from meritsim.model.policies.base import Policy
from meritsim.model.scenario.schema import PolicySpec

_REGISTRY: dict[str, type[Policy]] = {}
_PLUGINS_LOADED = False


def register(cls: type[Policy]) -> type[Policy]:
    """Class decorator: make a policy available under ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} needs a non-empty `name`")
    _REGISTRY[cls.name] = cls
    return cls


def _load_plugins() -> None:
    global _PLUGINS_LOADED
    if not _PLUGINS_LOADED:
        _PLUGINS_LOADED = True
        for ep in entry_points(group="meritsim.policies"):
            register(ep.load())


def available() -> dict[str, type[Policy]]:
    """All registered policies by name."""
    _load_plugins()
    return dict(sorted(_REGISTRY.items()))


class UnknownPolicyError(ValueError):
    """A policy name that is not registered."""


def check_name(name: str) -> None:
    """Raise UnknownPolicyError listing the registered names (with a close match) if unknown."""
    names = list(available())
    if name not in names:
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise UnknownPolicyError(f"unknown policy {name!r}.{hint} Registered policies: {', '.join(names)}")


def make_policy(spec: PolicySpec) -> Policy:
    """An instance of the policy named by ``spec.name``."""
    check_name(spec.name)
    return available()[spec.name](spec)
