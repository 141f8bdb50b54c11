"""The one Store: small repositories by subject, sharing one database, each scoped to a workspace.

`store.members`, `store.schedules`, `store.outbox`, ... are repositories: each owns the queries of its subject and
nothing else. They share one `Database` (engine, sessions, cipher), so `store.together()` makes calls to several
of them one transaction. Records come back detached and are read-only by convention: changes go through methods.

The product's words and the tables' names differ in three places, written down once here:
a check-in is a `Conversation` (store.checkins), a small step is a `Commitment`, a delivery is an outbox row
(`Delivery`, store.outbox).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from store.crypto import Cipher
from store.db import make_engine
from store.leader import LeaderLock
from store.migrate import upgrade
from store.repo_audit import AuditRepo, EventRepo
from store.repo_base import Database
from store.repo_cards import CardRepo
from store.repo_coach import CoachRepo
from store.repo_conversations import ConversationRepo
from store.repo_dashboard import DashboardRepo
from store.repo_delivery_batch import DeliveryBatchRepo
from store.repo_housekeeping import HousekeepingRepo
from store.repo_members import MemberRepo
from store.repo_outbox import OutboxRepo
from store.repo_pacing import PacingRepo
from store.repo_privacy import PrivacyRepo
from store.repo_report import ReportRepo
from store.repo_roster import RosterRepo
from store.repo_schedules import AudienceRepo, ScheduleRepo


class Schedules(ScheduleRepo, AudienceRepo):
    """Nudge schedules and the people each reaches (its audience, their zones)."""


class Outbox(OutboxRepo, DeliveryBatchRepo):
    """Deliveries: one row per message to send, claimed under a lease, decided and recorded in batches."""


class Coaching(CoachRepo, RosterRepo):
    """Peer coaching: requests, offers to coaches, the roster and engagements."""


class Store:
    """Persistence for microcoach. Build one per process with `Store.open(url, cipher)`."""

    def __init__(self, engine: Engine, cipher: Cipher) -> None:
        self._db = Database(engine, cipher)
        self.members = MemberRepo(self._db)  # workspaces, members, channels
        self.schedules = Schedules(self._db)
        self.outbox = Outbox(self._db)
        self.checkins = ConversationRepo(self._db)  # check-ins, replies, pulses, small steps, crisis counts
        self.coaching = Coaching(self._db)
        self.privacy = PrivacyRepo(self._db)  # export, delete, retention, key rotation
        self.reports = ReportRepo(self._db)
        self.audit = AuditRepo(self._db)
        self.events = EventRepo(self._db)  # inbound event ids already handled
        self.dashboard = DashboardRepo(self._db)  # sign-in tokens and sessions
        self.cards = CardRepo(self._db)  # Teams cards with buttons
        self.housekeeping = HousekeepingRepo(self._db)  # what is past its keeping time
        self.pacing = PacingRepo(self._db)  # what each lane's pacer learned, for a restarted worker

    @classmethod
    def open(cls, url: str, cipher: Cipher, *, migrate: bool = True, **engine_options) -> Store:
        engine = make_engine(url, **engine_options)
        if migrate:
            upgrade(engine)
        return cls(engine, cipher)

    @property
    def engine(self) -> Engine:
        """For Bolt's SQLAlchemy OAuth stores (they take an engine) and tests that look at tables directly."""
        return self._db.engine

    @property
    def dialect(self) -> str:
        return self._db.engine.dialect.name

    @contextmanager
    def together(self) -> Iterator[None]:
        """Several calls, to any repositories, in this thread as one transaction (nested blocks join the outer)."""
        with self.members.together():
            yield

    def seal(self, secret: str | None) -> str | None:
        """A secret (a Slack token) encrypted with the newest key, for a column outside our own tables."""
        return self.members.seal(secret)

    def unseal(self, value: str | None) -> str | None:
        """A sealed secret back in the clear; one stored before encryption is returned as it is."""
        return self.members.unseal(value)

    def leader_lock(self) -> LeaderLock:
        """The lock that elects the one scheduler process that ticks."""
        return LeaderLock(self._db.engine)

    def ping(self) -> None:
        """Raise if the database does not answer (the health check)."""
        with self._db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self._db.engine.dispose()
