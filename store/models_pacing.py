"""What a worker's pacer learned about each platform lane, kept so a restarted worker starts from it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime


class PaceLane(Base):
    """One lane ("slack:T123", "teams:tenant"): the rate it was sending at, and the rate of its last 429.

    Without it a worker restarted mid-fan-out probes from the platform's starting rate again, seconds below
    a limit it had already found. Not personal data: a workspace id and two numbers.
    """

    __tablename__ = "pace_lanes"

    lane: Mapped[str] = mapped_column(String(200), primary_key=True)
    rate: Mapped[float] = mapped_column(Float)
    ceiling: Mapped[float | None] = mapped_column(Float)  # None: no 429 seen yet
    probing: Mapped[bool] = mapped_column(Boolean)  # still in slow start (no 429 yet)
    learned_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
