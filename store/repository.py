"""The one Store: every read and write the project makes, each scoped to a workspace.

The methods live in small mixin modules by subject (members, schedules, outbox, ...); this class
puts them together and owns the engine, the session factory and the cipher. Records come back
detached and are read-only by convention: changes go through Store methods.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

from store.crypto import Cipher
from store.db import make_engine
from store.migrate import upgrade
from store.repo_audit import AuditRepo
from store.repo_base import RepoBase
from store.repo_cards import CardRepo
from store.repo_coach import CoachRepo
from store.repo_conversations import ConversationRepo
from store.repo_dashboard import DashboardRepo
from store.repo_delivery_batch import DeliveryBatchRepo
from store.repo_housekeeping import HousekeepingRepo
from store.repo_members import MemberRepo
from store.repo_outbox import OutboxRepo
from store.repo_privacy import PrivacyRepo
from store.repo_report import ReportRepo
from store.repo_roster import RosterRepo
from store.repo_schedules import AudienceRepo, ScheduleRepo


class Store(
    MemberRepo,
    ScheduleRepo,
    AudienceRepo,
    OutboxRepo,
    DeliveryBatchRepo,
    ConversationRepo,
    CoachRepo,
    RosterRepo,
    PrivacyRepo,
    ReportRepo,
    AuditRepo,
    DashboardRepo,
    CardRepo,
    HousekeepingRepo,
    RepoBase,
):
    """Persistence for microcoach. Build one per process with `Store.open(url, cipher)`."""

    @classmethod
    def open(cls, url: str, cipher: Cipher, *, migrate: bool = True, **engine_options) -> Store:
        engine = make_engine(url, **engine_options)
        if migrate:
            upgrade(engine)
        return cls(engine, cipher)

    @property
    def engine(self) -> Engine:
        return self._engine

    def ping(self) -> None:
        """Raise if the database does not answer (the health check)."""
        with self._engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self._engine.dispose()
