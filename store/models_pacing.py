"""What each worker's pacer learned about each platform lane: where a restarted worker starts, who else sends there."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, String
from sqlalchemy.orm import Mapped, mapped_column

from store.db import Base, UTCDateTime


class PaceLane(Base):
    """One worker on one lane ("slack:T123", "teams:tenant"): its rate, and the rate of its last 429.

    Without it a worker restarted mid-fan-out probes from the platform's starting rate again, seconds below
    a limit it had already found; and a worker sharing a lane with another cannot tell when the other is gone,
    so it would keep to its half of the limit. Not personal data: a workspace id, a worker id, two numbers.
    """

    __tablename__ = "pace_lanes"

    lane: Mapped[str] = mapped_column(String(200), primary_key=True)
    worker: Mapped[str] = mapped_column(String(200), primary_key=True)
    rate: Mapped[float] = mapped_column(Float)
    ceiling: Mapped[float | None] = mapped_column(Float)  # None: no 429 seen yet
    probing: Mapped[bool] = mapped_column(Boolean)  # still in slow start (no 429 yet)
    learned_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # refreshed while it sends: a liveness sign
