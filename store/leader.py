"""Who runs the tick: one leader at a time (a PostgreSQL advisory lock; a file lock beside a SQLite file)."""

from __future__ import annotations

import fcntl
import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

logger = logging.getLogger(__name__)

LOCK_KEY = 0x6D6963726F  # "micro": any constant shared by every microcoach process


class LeaderLock:
    """`try_acquire()` is cheap to call every tick; the lock is held until `release()` or the process dies."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Connection | None = None
        self._file = None

    def try_acquire(self) -> bool:
        if self._engine.dialect.name == "postgresql":
            return self._postgres()
        return self._sqlite()

    def _postgres(self) -> bool:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                return True
            except DBAPIError:
                logger.warning("lost the tick leader connection; trying to lead again")
                self._conn = None
        conn = self._engine.connect()
        held = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar()
        conn.commit()
        if held:
            self._conn = conn
            logger.info("this process leads the tick")
            return True
        conn.close()
        return False

    def _sqlite(self) -> bool:
        if self._file is not None:
            return True
        database = self._engine.url.database
        if not database or database == ":memory:":
            return True
        handle = Path(f"{database}.leader").open("a")  # noqa: SIM115 (held open for as long as we lead)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
                self._conn.close()
            except DBAPIError:
                pass  # the lock goes with the connection anyway
            self._conn = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
