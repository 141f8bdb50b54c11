"""Small builders the store contract tests share: a workspace, a person, a schedule, an outbox row."""

from __future__ import annotations

from datetime import datetime


def workspace(store, now: datetime, external: str = "T1", platform: str = "slack"):
    return store.members.ensure_workspace(platform, external, now)


def person(store, ws, user_id: str, now: datetime, **fields):
    return store.members.ensure_member(ws.id, user_id, now, **fields)


def schedule(store, ws, now: datetime, **fields):
    base = dict(name="s", days="mon,tue,wed,thu,fri", local_time="09:00", timezone=None, audience_kind="everyone",
                audience=[], theme=None)  # fmt: skip
    return store.schedules.add_schedule(ws.id, now, **{**base, **fields})


def outbox_row(ws, sched, member, occurrence: datetime, now: datetime, **extra) -> dict:
    row = {
        "workspace_id": ws.id,
        "schedule_id": sched.id,
        "member_id": member.id,
        "kind": "checkin",
        "occurrence": occurrence,
        "due_at": occurrence,
        "status": "pending",
        "attempts": 0,
        "outcome_unknown": False,
        "created_at": now,
    }
    return {**row, **extra}
