"""Housekeeping the scheduler runs: quiet close of idle check-ins, coach offer time-outs, retention, old event ids."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from handlers.checkin import dialogue as checkin
from handlers.coach import offers as coach_offers
from handlers.core.vocabulary import OrgSettings, Reply
from store import Store
from store.models import Workspace

logger = logging.getLogger(__name__)

# How long each kind of record is kept (the README's privacy section lists them). Free text goes sooner: each
# workspace's retention period (MICROCOACH_RETENTION_DAYS, 90 days by default).
EVENT_MEMORY = timedelta(days=7)  # processed event ids: platforms stop retrying long before this
DELIVERY_MEMORY = timedelta(days=400)  # outbox rows (ids and outcomes): a year of monthly figures, and a margin
AUDIT_MEMORY = timedelta(days=730)  # admin actions: two years
SNAPSHOT_MEMORY = timedelta(days=800)  # kept monthly figures: the two years a report can look back, and a margin
CARD_MEMORY = timedelta(days=14)  # Teams cards' words and labels, for redrawing a pressed card
UNINSTALL_GRACE = timedelta(days=30)  # an uninstalled workspace's data, in case it was a mistake
PACE_KEEPING = timedelta(days=30)  # a lane's learned pace (a workspace id and two numbers) after its last send


def close_idle_checkins(store: Store, now: datetime) -> int:
    return store.checkins.expire_conversations(now - checkin.IDLE_CLOSE, now)


def expire_coach_offers(store: Store, now: datetime, org: OrgSettings) -> list[tuple[Workspace, Reply]]:
    return coach_offers.expire_offers(store, now, hours=org.offer_timeout_hours, support_line=org.support_line)


def apply_retention(store: Store, now: datetime, org: OrgSettings) -> int:
    """Delete free text older than each workspace's retention period; numbers stay."""
    removed = 0
    for workspace in store.members.workspaces():
        days = int((workspace.settings or {}).get("retention_days") or org.retention_days)
        removed += store.privacy.purge_free_text(workspace.id, now - timedelta(days=days))
    if removed:
        logger.info("retention removed %d stored texts", removed)
    return removed


def purge_old_records(store: Store, now: datetime) -> dict[str, int]:
    """Everything past its keeping time, and uninstalled workspaces past their grace; returns counts by kind."""
    removed = {
        "deliveries": store.housekeeping.purge_deliveries(now - DELIVERY_MEMORY),
        "audit entries": store.housekeeping.purge_audit(now - AUDIT_MEMORY),
        "event ids": store.events.forget_events_before(now - EVENT_MEMORY),
        "oauth states": store.housekeeping.purge_oauth_states(now),
        "report snapshots": store.housekeeping.purge_report_snapshots(now - SNAPSHOT_MEMORY),
        "dashboard sign-ins": store.dashboard.purge_sign_ins(now),
        "teams cards": store.cards.purge_cards(now - CARD_MEMORY),
        "workspaces": store.housekeeping.forget_uninstalled(now - UNINSTALL_GRACE),
        "learned paces": store.pacing.purge_paces(now - PACE_KEEPING),
    }
    if any(removed.values()):
        logger.info("housekeeping removed %s", ", ".join(f"{n} {kind}" for kind, n in removed.items() if n))
    return removed
