"""The tables. Free text columns hold Fernet tokens only (see store.crypto), never plain words."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime, cascading
from store.models_cards import SentCard  # noqa: F401  (registered with the rest)
from store.models_coach import CoachOffer, CoachProfile, CoachRequest  # noqa: F401  (importers find them here too)
from store.models_dashboard import DashboardSession, SignInToken  # noqa: F401  (registered with the rest)
from store.models_pacing import PaceLane  # noqa: F401  (registered with the rest)


def _fk(target: str) -> ForeignKey:
    return cascading(target)


class Workspace(Base):
    """A Slack team, a Teams tenant, or the console demo. Every other row belongs to one."""

    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    inactive_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # uninstalled: forgotten after a grace
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Member(Base):
    """A person in a workspace: clinician, coach or admin, with their own check-in preferences."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id"),
        Index("ix_members_workspace_status_zone", "workspace_id", "status", "timezone"),
        Index("ix_members_workspace_handle", "workspace_id", "handle"),
        Index("ix_members_workspace_aad", "workspace_id", "aad_object_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    user_id: Mapped[str] = mapped_column(String(128))
    handle: Mapped[str | None] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Set by `/checkin zone`: the platform's zone (Slack profile, Teams client) no longer overwrites it.
    zone_chosen: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    role: Mapped[str | None] = mapped_column(String(16))
    department: Mapped[str | None] = mapped_column(String(100))
    # The platform's own flag (Slack workspace admin or owner), as its directory last said: program-admin
    # rights are decided from it, and MICROCOACH_ADMINS, at the edge on every request (bot.config).
    platform_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | stopped
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    themes: Mapped[list] = mapped_column(JSON, default=list)
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    timing: Mapped[str] = mapped_column(String(16), default="clock")  # clock | after-shift
    shifts: Mapped[list] = mapped_column(JSON, default=list)
    conversation_ref: Mapped[dict | None] = mapped_column(JSON)  # Teams ConversationReference as JSON
    dm_channel: Mapped[str | None] = mapped_column(String(64))  # Slack D... channel
    unreachable_reason: Mapped[str | None] = mapped_column(String(200))
    welcomed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The chat app's locale ("es-ES", "en-US"): the language of a crisis reply. "" when the app gave none.
    locale: Mapped[str | None] = mapped_column(String(35))
    # The member's own choice of language ("es", "en") from `/checkin language`; None follows locale and workspace.
    language: Mapped[str | None] = mapped_column(String(8))
    # The safety net's direct question is waiting for this member's answer since then (None: nothing asked),
    # and whether it has been asked a second time. No words are kept: only that a question is open.
    screening_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    screening_reasked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Teams only: the person's Microsoft Entra ID object id, which MICROCOACH_ADMINS names and an Entra sign-in gives.
    aad_object_id: Mapped[str | None] = mapped_column(String(64))


class ChannelMember(Base):
    """Who is in a channel, for channel audiences (Slack conversations.members, Teams team roster)."""

    __tablename__ = "channel_members"

    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[int] = mapped_column(_fk("members.id"), primary_key=True)
    channel_name: Mapped[str] = mapped_column(String(100), default="")


class Schedule(Base):
    """When check-ins go out: days + local time + zone (None: each member's own) + audience + theme."""

    __tablename__ = "schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    days: Mapped[str] = mapped_column(String(40))  # "mon,tue,wed"
    local_time: Mapped[str] = mapped_column(String(5))  # "HH:MM"
    timezone: Mapped[str | None] = mapped_column(String(64))
    audience_kind: Mapped[str] = mapped_column(String(16))  # everyone | channel | people | member
    audience: Mapped[list] = mapped_column(JSON, default=list)
    theme: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused | deleted
    owner_member_id: Mapped[int | None] = mapped_column(_fk("members.id"))  # a member's own time
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Occurrences before this are never sent: a new, changed or resumed schedule does not fire for the past.
    active_since: Mapped[datetime] = mapped_column(UTCDateTime)


class Delivery(Base):
    """The outbox: one row per (kind, schedule, member, occurrence), claimed with a lease."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("kind", "schedule_id", "member_id", "occurrence", name="uq_delivery_occurrence"),
        Index("ix_deliveries_status_due", "status", "due_at"),
        Index("ix_deliveries_member", "member_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    schedule_id: Mapped[int] = mapped_column(_fk("schedules.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"))
    kind: Mapped[str] = mapped_column(String(16), default="checkin")  # checkin | snooze
    occurrence: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    outcome_unknown: Mapped[bool] = mapped_column(Boolean, default=False)
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # parts of a multi-part DM out
    reason: Mapped[str | None] = mapped_column(String(200))
    message_ref: Mapped[dict | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Conversation(Base):
    """One check-in dialogue: question, follow-ups, small step, close."""

    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_member_open", "member_id", "closed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"))
    delivery_id: Mapped[int | None] = mapped_column(ForeignKey("deliveries.id", ondelete="SET NULL"))
    question_id: Mapped[str] = mapped_column(String(64))
    theme: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(16))  # followthrough | question | followup | step | closed
    followups: Mapped[list] = mapped_column(JSON, default=list)  # follow-up ids asked so far
    pulse_kind: Mapped[str | None] = mapped_column(String(16))  # energy | burnout
    commitment_id: Mapped[int | None] = mapped_column(Integer)  # the step being followed up (no FK: a cycle)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))  # completed | expired | skipped | crisis
    said: Mapped[str | None] = mapped_column(String(48))  # the last reflection's message and variant, never repeated


class Reflection(Base):
    """A clinician's reply to a question, encrypted."""

    __tablename__ = "reflections"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"), index=True)
    # Indexed: the admin report asks, for every check-in of a month, whether a reply to it exists.
    conversation_id: Mapped[int | None] = mapped_column(_fk("conversations.id"), index=True)
    prompt_id: Mapped[str] = mapped_column(String(64))
    body: Mapped[str | None] = mapped_column(Text)  # Fernet token; NULL once retention removes it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Pulse(Base):
    """A number a member gave: energy 1-5, the single-item burnout measure 1-5, coach helpfulness."""

    __tablename__ = "pulses"
    __table_args__ = (CheckConstraint("score BETWEEN 1 AND 5", name="ck_pulse_score"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # energy | burnout | helpful
    score: Mapped[int] = mapped_column(Integer)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Commitment(Base):
    """The one small next step a member named, asked about at the next check-in."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"), index=True)
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    body: Mapped[str | None] = mapped_column(Text)  # Fernet token
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    followed_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # its own time ("tomorrow"); None: next check-in


class AuditEntry(Base):
    """Who changed what and when. Never holds a clinician's words."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"), index=True)
    actor_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReportSnapshot(Base):
    """A complete month's admin figures, kept as first computed: anonymous totals, small groups already hidden.

    Kept so the numbers an admin saw never change afterwards, not even when someone later deletes their data:
    a difference between two looks could otherwise single that person out.
    """

    __tablename__ = "report_snapshots"
    __table_args__ = (UniqueConstraint("workspace_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    key: Mapped[str] = mapped_column(String(64))  # e.g. "report:v1:2026-10:role"
    body: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CrisisEvent(Base):
    """That the safety net fired, at which level and where from; no person, no words."""

    __tablename__ = "crisis_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    source: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16), default="crisis", server_default="crisis")  # concern | crisis
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ProcessedEvent(Base):
    """Inbound event ids already handled, so a platform retry is processed once."""

    __tablename__ = "processed_events"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SchedulerState(Base):
    """Small named markers the scheduler keeps, such as the tick watermark."""

    __tablename__ = "scheduler_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[datetime] = mapped_column(UTCDateTime)
