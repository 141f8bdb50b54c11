"""When a small step is due for its follow-through: after the time the person gave it, in their own zone and shifts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.timing.recurrence import DAYS, Shift, local_moment

MIDNIGHT = time(0, 0)


def due_at(when: str | None, now: datetime, zone: ZoneInfo, shifts: Sequence[Shift] = ()) -> datetime | None:
    """The moment from which the next check-in may ask how the step went; None asks at the next check-in.

    A day ("tomorrow", "Tuesday") is over at the next local midnight after it, so a Tuesday step is asked
    about from Wednesday. "After my next shift" is due when that shift ends, "before my next shift" when it
    starts; with no shifts known, the next day.
    """
    if when is None:
        return None
    today = now.astimezone(zone).date()
    if when in ("after-shift", "before-shift"):
        span = next_shift(now, zone, shifts)
        if span is None:
            return _day_over(today + timedelta(days=1), zone)
        return span[1] if when == "after-shift" else span[0]
    if when in DAYS:
        ahead = (DAYS.index(when) - today.weekday()) % 7 or 7  # "Tuesday" said on a Tuesday: next week's
        return _day_over(today + timedelta(days=ahead), zone)
    days = {"today": 0, "tomorrow": 1, "day-after": 2}
    if when in days:
        return _day_over(today + timedelta(days=days[when]), zone)
    monday = today + timedelta(days=7 - today.weekday())
    if when == "this-week":
        return local_moment(monday, MIDNIGHT, zone)
    if when == "next-week":
        return local_moment(monday + timedelta(days=7), MIDNIGHT, zone)
    return None


def _day_over(day: date, zone: ZoneInfo) -> datetime:
    return local_moment(day + timedelta(days=1), MIDNIGHT, zone)


def next_shift(now: datetime, zone: ZoneInfo, shifts: Sequence[Shift]) -> tuple[datetime, datetime] | None:
    """(start, end) of the first shift that has not ended yet (one under way counts), in UTC."""
    today = now.astimezone(zone).date()
    spans = []
    for offset in range(-1, 8):
        day = today + timedelta(days=offset)
        for shift in shifts:
            if DAYS[day.weekday()] in shift.days:
                begins = local_moment(day, shift.start, zone)
                ends = local_moment(day + timedelta(days=1) if shift.overnight else day, shift.end, zone)
                if ends > now:
                    spans.append((begins, ends))
    return min(spans, default=None)
