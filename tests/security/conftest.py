"""Sentinel data in the served app, and one hostile socket per role, reused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.security.roles import Actors
from tests.security.sentinels import Seeded, seed


@pytest.fixture(scope="session")
def seeded(harness) -> Seeded:
    return seed()


@pytest.fixture(scope="session")
def actors(api_url, seeded) -> Iterator[Actors]:
    pool = Actors(api_url, seeded)
    pool.sign_in_all()
    yield pool
    pool.close()
