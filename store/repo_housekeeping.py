"""Purges on schedule: old outbox rows, the audit log, OAuth states, kept figures, and uninstalled workspaces."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select

from store.models import AuditEntry, Delivery, ReportSnapshot, Workspace
from store.repo_base import RepoBase
from store.repo_outbox import FINAL
from store.slack_tables import SLACK_BOTS, SLACK_INSTALLATIONS, SLACK_OAUTH_STATES


class HousekeepingRepo(RepoBase):
    def purge_deliveries(self, before: datetime) -> int:
        """Outbox rows that reached a final state and were due before `before`."""
        with self._tx() as s:
            stmt = delete(Delivery).where(Delivery.status.in_(FINAL), Delivery.due_at < before)
            return s.execute(stmt).rowcount or 0

    def purge_audit(self, before: datetime) -> int:
        with self._tx() as s:
            return s.execute(delete(AuditEntry).where(AuditEntry.created_at < before)).rowcount or 0

    def purge_report_snapshots(self, before: datetime) -> int:
        with self._tx() as s:
            return s.execute(delete(ReportSnapshot).where(ReportSnapshot.created_at < before)).rowcount or 0

    def purge_oauth_states(self, now: datetime) -> int:
        """OAuth states nobody came back with (slack_sdk stores naive UTC expiry times)."""
        naive_now = now.astimezone(UTC).replace(tzinfo=None)
        with self._tx() as s:
            return s.execute(delete(SLACK_OAUTH_STATES).where(SLACK_OAUTH_STATES.c.expire_at < naive_now)).rowcount or 0

    def forget_uninstalled(self, uninstalled_before: datetime) -> int:
        """Delete workspaces uninstalled before the cut-off, everything in them, and their Slack installation."""
        with self._tx() as s:
            gone = s.execute(
                select(Workspace.id, Workspace.platform, Workspace.external_id).where(
                    Workspace.active.is_(False), Workspace.inactive_since < uninstalled_before
                )
            ).all()
            for workspace_id, platform, external_id in gone:
                if platform == "slack":
                    for table in (SLACK_BOTS, SLACK_INSTALLATIONS):
                        s.execute(delete(table).where(table.c.team_id == external_id))
                s.execute(delete(Workspace).where(Workspace.id == workspace_id))
            return len(gone)
