"""Paces learned per worker and lane: written while a worker sends, read by a worker starting and by its peers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import delete, func, select

from store.models_pacing import PaceLane
from store.repo_base import RepoBase
from store.rows import LearnedPace


class PacingRepo(RepoBase):
    def remember_paces(self, worker: str, paces: Mapping[str, LearnedPace], now: datetime) -> None:
        """Keep what `worker`'s pacer knows now of each lane (and that it is alive and sending there)."""
        if not paces:
            return
        rows = [
            {"lane": lane, "worker": worker, "rate": p.rate, "ceiling": p.ceiling, "probing": p.probing,
             "learned_at": now}
            for lane, p in paces.items()
        ]  # fmt: skip
        stmt = self._insert(PaceLane)
        stmt = stmt.on_conflict_do_update(
            index_elements=["lane", "worker"],
            set_={name: getattr(stmt.excluded, name) for name in ("rate", "ceiling", "probing", "learned_at")},
        )
        with self._tx() as s:
            s.execute(stmt, rows)

    def learned_paces(self, since: datetime) -> dict[str, LearnedPace]:
        """Each lane as the worker that sent on it last left it, if at or after `since` (older may no longer hold)."""
        newest = (
            select(PaceLane.lane, func.max(PaceLane.learned_at).label("at"))
            .where(PaceLane.learned_at >= since)
            .group_by(PaceLane.lane)
            .subquery()
        )
        query = select(PaceLane).join(newest, (PaceLane.lane == newest.c.lane) & (PaceLane.learned_at == newest.c.at))
        with self._tx() as s:
            rows = s.scalars(query.order_by(PaceLane.lane, PaceLane.worker)).all()
        return {row.lane: LearnedPace(row.rate, row.ceiling, row.probing) for row in rows}

    def peers_on(self, worker: str, lanes: Iterable[str], since: datetime) -> dict[str, dict[str, datetime]]:
        """The other workers that wrote each of `lanes` at or after `since`, and when: lane -> worker -> time."""
        lanes = sorted(set(lanes))
        if not lanes:
            return {}
        query = select(PaceLane.lane, PaceLane.worker, PaceLane.learned_at).where(
            PaceLane.lane.in_(lanes), PaceLane.worker != worker, PaceLane.learned_at >= since
        )
        peers: dict[str, dict[str, datetime]] = {}
        with self._tx() as s:
            for lane, other, at in s.execute(query):
                peers.setdefault(lane, {})[other] = at
        return peers

    def purge_paces(self, before: datetime) -> int:
        """What workers learned of lanes before `before` (workers gone, workspaces quiet or gone)."""
        with self._tx() as s:
            return s.execute(delete(PaceLane).where(PaceLane.learned_at < before)).rowcount or 0
