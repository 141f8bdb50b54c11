"""Small worlds the scheduler and adapter tests share: a 09:00 schedule that is due at a given moment."""

from __future__ import annotations

from datetime import datetime, timedelta

DAILY = "mon,tue,wed,thu,fri,sat,sun"


def due_at_nine(store, workspace_id: int, now: datetime, *, days: str = DAILY):
    """A member-local 09:00 schedule for everyone, made a day earlier, with the tick's watermark just before `now`.

    With `now` at 09:00 New York time, the next tick writes one row per member of the workspace.
    """
    schedule = store.schedules.add_schedule(
        workspace_id,
        now - timedelta(days=1),
        name="daily",
        days=days,
        local_time="09:00",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    store.outbox.set_watermark("tick", now - timedelta(minutes=1))
    return schedule
