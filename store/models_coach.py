"""Peer coaching's tables: coach profiles (the roster), requests for a coach, and offers to coaches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime
from store.db import cascading as _fk


class CoachProfile(Base):
    """A trained peer coach on the roster; active_count can never pass capacity (database check)."""

    __tablename__ = "coach_profiles"
    __table_args__ = (
        UniqueConstraint("workspace_id", "member_id"),
        CheckConstraint("active_count >= 0 AND active_count <= capacity", name="ck_coach_capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"))
    member_id: Mapped[int] = mapped_column(_fk("members.id"))
    role: Mapped[str] = mapped_column(String(16))
    specialty: Mapped[str] = mapped_column(String(100), default="")
    department: Mapped[str] = mapped_column(String(100), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=3)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    active_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CoachRequest(Base):
    """A clinician asking for a human peer coach. The topic is encrypted and shown only to the coach."""

    __tablename__ = "coach_requests"
    __table_args__ = (Index("ix_coach_requests_requester", "requester_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(_fk("workspaces.id"), index=True)
    requester_id: Mapped[int] = mapped_column(_fk("members.id"))
    topic: Mapped[str | None] = mapped_column(Text)  # Fernet token
    peer: Mapped[str] = mapped_column(String(16), default="same")  # same | any | a role
    specialty: Mapped[str] = mapped_column(String(100), default="")
    timing: Mapped[str] = mapped_column(String(16), default="this-week")
    format: Mapped[str] = mapped_column(String(16), default="chat")
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open|matched|unmatched|cancelled|closed
    coach_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    matched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CoachOffer(Base):
    """One coach being asked to take one request."""

    __tablename__ = "coach_offers"
    __table_args__ = (UniqueConstraint("request_id", "coach_member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(_fk("coach_requests.id"))
    coach_member_id: Mapped[int] = mapped_column(_fk("members.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending|accepted|declined|expired|withdrawn
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
