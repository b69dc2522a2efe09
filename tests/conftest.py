"""Shared fixtures: small scenarios that run fast."""

from __future__ import annotations

import pytest

import meritsim
from meritsim.model.establishment import Establishment, compile_establishment


@pytest.fixture(scope="session")
def small_default() -> meritsim.Scenario:
    """The default province at a tenth of its size (about 1,000 PNS)."""
    return meritsim.load_scenario("default", ["organisation.scale=0.1"])


@pytest.fixture(scope="session")
def scenario() -> meritsim.Scenario:
    """The default province, validated."""
    return meritsim.load_scenario("default")


@pytest.fixture(scope="session")
def org(scenario: meritsim.Scenario) -> Establishment:
    """The default province's establishment, compiled."""
    return compile_establishment(scenario)
