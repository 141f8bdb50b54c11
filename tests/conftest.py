"""Shared fixtures: stores built through the real migrations (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from store import Store
from store.crypto import Cipher, generate_key
from store.db import make_engine

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday, 09:00 in New York


@pytest.fixture(scope="session")
def cipher() -> Cipher:
    return Cipher([generate_key()])


def reset_postgres(url: str) -> None:
    """An empty public schema, so the migrations build everything from nothing."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def sqlite_store(tmp_path, cipher: Cipher) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'test.db'}", cipher)


@pytest.fixture
def store(tmp_path, cipher):
    """A SQLite store made by the migrations (handler and scheduler tests)."""
    made = sqlite_store(tmp_path, cipher)
    yield made
    made.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path, cipher):
    """The store contract on every backend: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        made = sqlite_store(tmp_path, cipher)
    else:
        if not PG_URL:
            pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (CI sets it; see .ci/run)")
        reset_postgres(PG_URL)
        made = Store.open(PG_URL, cipher)
    yield made
    made.close()


@pytest.fixture
def now() -> datetime:
    return NOW
