"""Shared fixtures: stores built through the real migrations (SQLite always, PostgreSQL when configured)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from store import Store
from store.crypto import Cipher, generate_key
from store.db import make_engine

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday, 09:00 in New York


TEST_KEY = generate_key()  # the session's encryption key, for tests that rotate keys


@pytest.fixture(scope="session")
def cipher() -> Cipher:
    return Cipher([TEST_KEY])


def reset_postgres(url: str) -> None:
    """An empty public schema, so the migrations build everything from nothing."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory, cipher) -> Path:
    """One SQLite database built by the migrations, copied for each test (migrating hundreds of times is slow)."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    template = Store.open(f"sqlite:///{path}", cipher)
    with template.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    template.close()
    return path


def sqlite_store(tmp_path, cipher: Cipher, template: Path) -> Store:
    target = tmp_path / "test.db"
    shutil.copyfile(template, target)
    return Store.open(f"sqlite:///{target}", cipher, migrate=False)


@pytest.fixture
def store(tmp_path, cipher, migrated_sqlite):
    """A SQLite store made by the migrations (handler and scheduler tests)."""
    made = sqlite_store(tmp_path, cipher, migrated_sqlite)
    yield made
    made.close()


_pg_migrated_in_this_session = False


def postgres_store(url: str, cipher: Cipher) -> Store:
    """An empty PostgreSQL store: migrated once a session, then emptied per test (migrating each time takes 2 s).

    A test that drops the schema (reset_postgres) makes the next one migrate again.
    """
    global _pg_migrated_in_this_session
    made = Store.open(url, cipher, migrate=False)
    with made.engine.begin() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        if _pg_migrated_in_this_session and "alembic_version" in tables:
            # DELETE and restarted sequences, not TRUNCATE: on a few rows it is ten times faster.
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # no foreign key order to keep
            for table in tables:
                if table != "alembic_version":
                    conn.execute(text(f'DELETE FROM "{table}"'))
            for sequence in conn.execute(text("SELECT sequencename FROM pg_sequences")).scalars().all():
                conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
            return made
    made.close()
    reset_postgres(url)
    _pg_migrated_in_this_session = True
    return Store.open(url, cipher)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path, cipher, migrated_sqlite):
    """The store contract on every backend: SQLite always, PostgreSQL when TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        made = sqlite_store(tmp_path, cipher, migrated_sqlite)
    else:
        if not PG_URL:
            pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (CI sets it; see .ci/run)")
        made = postgres_store(PG_URL, cipher)
    yield made
    made.close()


@pytest.fixture
def now() -> datetime:
    return NOW
