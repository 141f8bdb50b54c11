"""Housekeeping the scheduler runs: quiet close of idle check-ins, coach offer time-outs, retention, old event ids."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from handlers import checkin, coach_offers
from handlers.messages import OrgSettings, Reply
from store import Store
from store.models import Workspace

logger = logging.getLogger(__name__)

EVENT_MEMORY = timedelta(days=7)  # platforms stop retrying long before this


def close_idle_checkins(store: Store, now: datetime) -> int:
    return store.expire_conversations(now - checkin.IDLE_CLOSE, now)


def expire_coach_offers(store: Store, now: datetime, org: OrgSettings) -> list[tuple[Workspace, Reply]]:
    return coach_offers.expire_offers(store, now, hours=org.offer_timeout_hours, support_line=org.support_line)


def apply_retention(store: Store, now: datetime, org: OrgSettings) -> int:
    """Delete free text older than each workspace's retention period; numbers stay."""
    removed = 0
    for workspace in store.active_workspaces():
        days = int((workspace.settings or {}).get("retention_days") or org.retention_days)
        removed += store.purge_free_text(workspace.id, now - timedelta(days=days))
    if removed:
        logger.info("retention removed %d stored texts", removed)
    return removed


def forget_old_events(store: Store, now: datetime) -> int:
    return store.forget_events_before(now - EVENT_MEMORY)
