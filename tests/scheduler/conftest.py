"""The scheduler's tick, claim and delivery tests run on every backend: `store` is the contract's `any_store`."""

from __future__ import annotations

import pytest


@pytest.fixture
def store(any_store):
    """SQLite always, PostgreSQL when TEST_DATABASE_URL is set (the tick and the claims are SQL-heavy)."""
    return any_store
