"""Paces learned per platform lane: kept by the workers that learned them, read by a worker starting up."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, select

from store.models_pacing import PaceLane
from store.repo_base import RepoBase
from store.rows import LearnedPace


class PacingRepo(RepoBase):
    def remember_paces(self, paces: Mapping[str, LearnedPace], now: datetime) -> None:
        """Keep what this worker's pacer knows now, lane by lane (the last worker to learn a lane wins)."""
        if not paces:
            return
        rows = [
            {"lane": lane, "rate": p.rate, "ceiling": p.ceiling, "probing": p.probing, "learned_at": now}
            for lane, p in paces.items()
        ]
        stmt = self._insert(PaceLane)
        stmt = stmt.on_conflict_do_update(
            index_elements=["lane"],
            set_={name: getattr(stmt.excluded, name) for name in ("rate", "ceiling", "probing", "learned_at")},
        )
        with self._tx() as s:
            s.execute(stmt, rows)

    def learned_paces(self, since: datetime) -> dict[str, LearnedPace]:
        """Every lane learned at or after `since`: older knowledge may no longer hold, so it is probed again."""
        with self._tx() as s:
            rows = s.scalars(select(PaceLane).where(PaceLane.learned_at >= since)).all()
        return {row.lane: LearnedPace(row.rate, row.ceiling, row.probing) for row in rows}

    def purge_paces(self, before: datetime) -> int:
        """Lanes nobody has sent on since `before` (workspaces gone or quiet)."""
        with self._tx() as s:
            return s.execute(delete(PaceLane).where(PaceLane.learned_at < before)).rowcount or 0
