"""The audit log of admin actions, and the processed-event ids that make retries harmless."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select

from store.models import AuditEntry, ProcessedEvent
from store.repo_base import RepoBase


class AuditRepo(RepoBase):
    """Admin actions, for `/nudge audit` and the dashboard's audit log."""

    def record(
        self,
        workspace_id: int,
        actor_member_id: int | None,
        actor_label: str,
        action: str,
        target: str,
        now: datetime,
    ) -> None:
        with self._tx() as s:
            s.add(
                AuditEntry(
                    workspace_id=workspace_id,
                    actor_member_id=actor_member_id,
                    actor_label=actor_label,
                    action=action,
                    target=target,
                    created_at=now,
                )
            )

    def entries(self, workspace_id: int, since: datetime) -> list[AuditEntry]:
        with self._tx() as s:
            return list(
                s.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.workspace_id == workspace_id, AuditEntry.created_at >= since)
                    .order_by(AuditEntry.created_at, AuditEntry.id)
                )
            )


class EventRepo(RepoBase):
    """Inbound event ids already handled (Slack event ids, Teams activity digests, modal view ids)."""

    def first_sight(self, platform: str, event_key: str, now: datetime) -> bool:
        """Record an inbound event id; True the first time it is seen, False for a retry."""
        with self._tx() as s:
            row = {"platform": platform, "event_key": event_key, "created_at": now}
            return self._insert_ignore(s, ProcessedEvent, [row], ["platform", "event_key"]) == 1

    def forget_sight(self, platform: str, event_key: str) -> None:
        """Let an event id be seen again (a form whose submission had a problem may come back corrected)."""
        with self._tx() as s:
            s.execute(
                delete(ProcessedEvent).where(ProcessedEvent.platform == platform, ProcessedEvent.event_key == event_key)
            )

    def forget_events_before(self, cutoff: datetime) -> int:
        with self._tx() as s:
            return s.execute(delete(ProcessedEvent).where(ProcessedEvent.created_at < cutoff)).rowcount or 0
