"""Shared fixtures: small scenarios that run fast."""

from __future__ import annotations

import pytest

import meritsim


@pytest.fixture(scope="session")
def small_default() -> meritsim.Scenario:
    """The default province at a tenth of its size (about 1,000 PNS)."""
    return meritsim.load_scenario("default", ["organisation.scale=0.1"])
