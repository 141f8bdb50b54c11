"""What a schedule means for one member: who is in it, when it is due, and when to skip it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.core.context import member_zone, quiet_hours
from handlers.timing.recurrence import Shift, in_quiet_hours, next_occurrences, parse_days
from handlers.timing.shifts import send_time
from store import Store
from store.models import Member, Schedule, Workspace

RECENT_CHECKIN = timedelta(hours=4)  # two schedules landing close together give one check-in, not two


def includes(schedule: Schedule, member: Member, channel_ids: Iterable[str] = ()) -> bool:
    """Whether the schedule's audience covers the member (ignoring pauses and personal times)."""
    kind = schedule.audience_kind
    if kind == "everyone":
        return True
    if kind == "channel":
        return bool(set(schedule.audience) & set(channel_ids))
    if kind == "people":
        return member.id in schedule.audience
    return kind == "member" and schedule.owner_member_id == member.id


def schedules_for(store: Store, member: Member) -> list[Schedule]:
    """The active schedules that reach this member: their own time if they set one, else the program's."""
    own = store.schedules.personal_schedule(member.workspace_id, member.id)
    if own is not None:
        return [own] if own.status == "active" else []
    channels = store.members.channels_of(member.workspace_id, member.id)
    return [
        s for s in store.schedules.all(member.workspace_id) if s.status == "active" and includes(s, member, channels)
    ]


def reaches(store: Store, schedule: Schedule, member: Member) -> bool:
    """Whether this one schedule is among `schedules_for(member)`, asking the store only what it must."""
    if schedule.status != "active":
        return False
    own = store.schedules.personal_schedule(member.workspace_id, member.id)
    if own is not None:
        return own.status == "active" and own.id == schedule.id
    if schedule.owner_member_id is not None:
        return False  # someone's personal time reaches only them, and only while it is theirs
    channels = store.members.channels_of(member.workspace_id, member.id) if schedule.audience_kind == "channel" else ()
    return includes(schedule, member, channels)


def schedule_zone(schedule: Schedule, member: Member) -> ZoneInfo:
    return ZoneInfo(schedule.timezone) if schedule.timezone else member_zone(member)


def member_shifts(member: Member) -> list[Shift]:
    return [
        Shift(time.fromisoformat(s["start"]), time.fromisoformat(s["end"]), tuple(s["days"]))
        for s in member.shifts or []
    ]


def due_time(nominal: datetime, member: Member) -> datetime:
    """When the member should get the occurrence `nominal`: after their shift if they chose so, never earlier."""
    if member.timing != "after-shift" or not member.shifts:
        return nominal
    moved = send_time(nominal, member_zone(member), member_shifts(member), after_shift=True)
    return max(nominal, moved)


def skip_reason(
    member: Member,
    workspace: Workspace,
    at: datetime,
    *,
    last_sent: datetime | None = None,
    in_conversation: bool = False,
) -> str | None:
    """Why a check-in due `at` must not go to this member now, or None to send it."""
    if not workspace.active:
        return "workspace uninstalled"
    if member.status != "active":
        return "stopped"
    if member.paused_until is not None and at < member.paused_until:
        return "paused"
    if in_quiet_hours(at, member_zone(member), *quiet_hours(member, workspace)):
        return "quiet hours"
    if in_conversation:
        return "already in a conversation"
    if last_sent is not None and at - last_sent < RECENT_CHECKIN:
        return "checked in recently"
    return None


def next_checkin(
    store: Store, workspace: Workspace, member: Member, after: datetime, look: int = 14
) -> datetime | None:
    """The next time a check-in will really reach the member (skips quiet hours and pauses)."""
    best = None
    for schedule in schedules_for(store, member):
        zone = schedule_zone(schedule, member)
        days = parse_days(schedule.days)
        for nominal in next_occurrences(days, time.fromisoformat(schedule.local_time), zone, after, look):
            due = due_time(nominal, member)
            if skip_reason(member, workspace, due) is None:
                best = due if best is None else min(best, due)
                break
    return best
