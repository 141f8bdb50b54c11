"""The tick: turn schedule occurrences that came due into outbox rows, one per member per occurrence.

The tick looks at the window (watermark, now]. The watermark is the last tick's `now`, so each
occurrence is seen by one tick; the unique key on the outbox makes a repeated or overlapping tick
harmless anyway. After downtime, occurrences within the grace window are still sent (late);
older ones are recorded as missed, never flooded. Member-local schedules are evaluated once per
time zone in use, not once per member, so a tick with nothing due stays cheap at any size.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from handlers.timing import due as planning
from handlers.timing.recurrence import occurrences, parse_days
from handlers.timing.zones import zone_or_utc
from store import Store
from store.models import Member, Schedule, Workspace

logger = logging.getLogger(__name__)

GRACE = timedelta(hours=2)
LOOKBACK = timedelta(days=7)  # after a longer outage, older occurrences are not even recorded
WATERMARK = "tick"


@dataclass
class TickResult:
    window_start: datetime
    window_end: datetime
    created: int = 0  # new outbox rows (a repeated tick creates none)
    by_status: Counter = field(default_factory=Counter)  # pending / skipped / missed among the rows considered


def tick(store: Store, now: datetime, *, grace: timedelta = GRACE) -> TickResult:
    """Write outbox rows for every occurrence in (watermark, now]; then move the watermark to `now`."""
    mark = store.outbox.watermark(WATERMARK)
    start = now - grace if mark is None else max(mark, now - LOOKBACK)
    result = TickResult(start, now)
    if start < now:
        for workspace in store.members.active_workspaces():
            _tick_workspace(store, workspace, start, now, grace, result)
        store.outbox.set_watermark(WATERMARK, now)
    if result.created:
        logger.info(
            "tick %s..%s created %d rows %s",
            start.isoformat(),
            now.isoformat(),
            result.created,
            dict(result.by_status),
        )
    return result


@lru_cache(maxsize=4096)
def _occurrences(days: str, at: str, zone: str, start: datetime, end: datetime) -> tuple[datetime, ...]:
    """Memoised per tick window: many schedules and own times share days, time and zone."""
    return tuple(occurrences(parse_days(days), time.fromisoformat(at), ZoneInfo(zone), start, end))


def _tick_workspace(
    store: Store, workspace: Workspace, start: datetime, now: datetime, grace: timedelta, result: TickResult
) -> None:
    zones = None
    for schedule in store.schedules.all(workspace.id):
        if schedule.status != "active":
            continue
        begin = max(start, schedule.active_since)
        if schedule.timezone:
            due = _occurrences(schedule.days, schedule.local_time, schedule.timezone, begin, now)
            if due:
                _fan_out(
                    store, workspace, schedule, due, store.schedules.audience_members(schedule), now, grace, result
                )
            continue
        zones = store.schedules.member_zones(workspace.id) if zones is None else zones
        for zone in zones:
            due = _occurrences(schedule.days, schedule.local_time, _zone_key(zone), begin, now)
            if due:
                members = store.schedules.audience_members(schedule, zone=zone)
                _fan_out(store, workspace, schedule, due, members, now, grace, result)
    for own in store.schedules.personal_schedules(workspace.id):
        schedule, zone = own.schedule, own.zone
        begin = max(start, schedule.active_since)
        due = _occurrences(schedule.days, schedule.local_time, schedule.timezone or _zone_key(zone), begin, now)
        if due:
            _fan_out(store, workspace, schedule, due, store.schedules.audience_members(schedule), now, grace, result)


def _zone_key(zone: str) -> str:
    return zone_or_utc(zone).key  # an unknown stored zone falls back to UTC rather than stopping the tick


def _fan_out(
    store: Store,
    workspace: Workspace,
    schedule: Schedule,
    due: tuple[datetime, ...],
    members: list[Member],
    now: datetime,
    grace: timedelta,
    result: TickResult,
) -> None:
    rows = [_row(workspace, schedule, member, nominal, now, grace) for nominal in due for member in members]
    result.created += store.outbox.enqueue(rows)
    result.by_status.update(row["status"] for row in rows)


def _row(
    workspace: Workspace,
    schedule: Schedule,
    member: Member,
    nominal: datetime,
    now: datetime,
    grace: timedelta,
) -> dict:
    due = planning.due_time(nominal, member)
    reason = "missed: outside the grace window" if now - due > grace else planning.skip_reason(member, workspace, due)
    status = "pending" if reason is None else ("missed" if reason.startswith("missed") else "skipped")
    return {
        "workspace_id": workspace.id,
        "schedule_id": schedule.id,
        "member_id": member.id,
        "kind": "checkin",
        "occurrence": nominal,
        "due_at": due,
        "status": status,
        "reason": reason,
        "attempts": 0,
        "outcome_unknown": False,
        "created_at": now,
    }
