"""Shifts and check-in timing: when a member is on shift, and when an occurrence is sent to someone who works shifts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.timing.recurrence import Shift, as_utc, local_moment, weekday_numbers

MAX_SHIFT_HOPS = 7  # a week of back-to-back shifts with no gap has no right answer


def during_shift(moment: datetime, zone: ZoneInfo, shifts: Sequence[Shift]) -> bool:
    """Whether `moment` falls inside any shift, from its start (inclusive) to its end (exclusive)."""
    return bool(_covering(as_utc(moment, "moment"), zone, shifts))


def send_time(
    nominal: datetime,
    zone: ZoneInfo,
    shifts: Sequence[Shift],
    *,
    after_shift: bool,
    delay: timedelta = timedelta(minutes=30),
) -> datetime:
    """When to deliver occurrence `nominal` to a member; the occurrence's identity stays `nominal`.

    Clock timing (`after_shift=False`) sends at `nominal`. After-shift timing sends `delay` after the
    last-ending shift that starts on `nominal`'s local date, or at `nominal` with no shift that day; and
    a send time inside any shift (one that began the day before, or the next one of a back-to-back run)
    moves to that shift's end + `delay`.
    """
    nominal = as_utc(nominal, "nominal")
    if not after_shift:
        return nominal
    day = nominal.astimezone(zone).date()
    ends = [_span(shift, day, zone)[1] for shift in shifts if day.weekday() in weekday_numbers(shift.days)]
    return _clear_of_shifts(max(ends) + delay if ends else nominal, zone, shifts, delay)


def _clear_of_shifts(first: datetime, zone: ZoneInfo, shifts: Sequence[Shift], delay: timedelta) -> datetime:
    # A night shift followed by a day shift would otherwise put the check-in mid-shift: hop to the end of
    # whatever shift covers it. Each hop moves strictly later. A roster with no gap in a week of hops has
    # no right answer, so it keeps the first candidate rather than drifting days away.
    moment = first
    for _ in range(MAX_SHIFT_HOPS):
        covering = _covering(moment, zone, shifts)
        if not covering:
            return moment
        moment = max(end for _, end in covering) + delay
    return first


def _covering(moment: datetime, zone: ZoneInfo, shifts: Sequence[Shift]) -> list[tuple[datetime, datetime]]:
    today = moment.astimezone(zone).date()
    # Shifts last at most a day (25 hours over a fall-back): only those starting in the last two days matter.
    candidates = (today - timedelta(days=back) for back in (2, 1, 0))
    spans = [
        _span(shift, day, zone)
        for day in candidates
        for shift in shifts
        if day.weekday() in weekday_numbers(shift.days)
    ]
    return [(begins, ends) for begins, ends in spans if begins <= moment < ends]


def _span(shift: Shift, day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC start and end of `shift` when it starts on local date `day`."""
    begins = local_moment(day, shift.start, zone)
    ends = local_moment(day + timedelta(days=1) if shift.overnight else day, shift.end, zone)
    # A shift wholly inside a spring-forward gap (02:30-03:00) would end before it begins: treat it as empty.
    return begins, max(begins, ends)
