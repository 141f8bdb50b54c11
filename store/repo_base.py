"""What every repository shares: one Database (engine, sessions, cipher, the `together()` session), insert-if-absent."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from store.crypto import Cipher, is_sealed


class Database:
    """The engine, the session factory, the cipher and the open `together()` session, shared by every repository."""

    def __init__(self, engine: Engine, cipher: Cipher) -> None:
        self.engine = engine
        self.cipher = cipher
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self.shared = threading.local()  # the session of a `together()` block, per thread


class RepoBase:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._engine = db.engine
        self._cipher = db.cipher
        self._sessions = db.sessions
        self._shared = db.shared

    def seal(self, secret: str | None) -> str | None:
        """A secret (a Slack token) encrypted with the newest key, for a column outside our own tables."""
        return self._cipher.encrypt(secret) if secret else secret

    def unseal(self, value: str | None) -> str | None:
        """A sealed secret back in the clear; one stored before encryption is returned as it is (rotate seals it)."""
        return self._cipher.decrypt(value) if value and is_sealed(value) else value

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error; inside `together()`, that one."""
        shared = getattr(self._shared, "session", None)
        if shared is not None:
            yield shared
            return
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def together(self) -> Iterator[None]:
        """Run several store calls in this thread as one transaction.

        Each call otherwise opens its own session and transaction; for the dozen small reads behind one
        check-in that bookkeeping costs more than the queries. Nested blocks join the outer one.
        """
        if getattr(self._shared, "session", None) is not None:
            yield
            return
        with self._sessions.begin() as session:
            self._shared.session = session
            try:
                yield
            finally:
                self._shared.session = None

    def _insert(self, table):
        """An INSERT for this dialect that supports ON CONFLICT DO NOTHING."""
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def _insert_ignore(self, session: Session, table, rows: list[dict], conflict: list[str]) -> int:
        """Insert rows, skipping any that hit the unique key `conflict`; returns how many were new."""
        if not rows:
            return 0
        key = table.__table__.primary_key.columns.values()[0]
        # RETURNING counts what was really inserted; rowcount is -1 for multi-row inserts on psycopg.
        # The rows go as executemany parameters, not .values(rows): SQLAlchemy then batches them with one cached
        # statement ("insertmanyvalues") instead of compiling a new 1,000-row VALUES clause every time (5x faster).
        stmt = self._insert(table).on_conflict_do_nothing(index_elements=conflict).returning(key)
        return len(session.execute(stmt, rows).all())
