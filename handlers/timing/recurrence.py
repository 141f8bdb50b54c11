"""What a nudge schedule means in time: days, local times, zones, shifts, quiet hours and occurrences."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import islice
from zoneinfo import ZoneInfo, available_timezones

from handlers.core.vocabulary import CoachingError
from prompts.messages import render

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_GROUPS = {"daily": DAYS, "weekdays": DAYS[:5], "weekends": DAYS[5:]}
_GROUP_ALIASES = {"everyday": "daily", "weekday": "weekdays", "weekend": "weekends"}
_TIME_24H = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIME_12H = re.compile(r"([0-9]{1,2})(?::([0-9]{2}))?\s*([ap])\.?m\.?", re.IGNORECASE)
_RANGE = re.compile(r"\s*([^\s-]+)\s*-\s*([^\s-]+)(?:\s+(.*))?", re.DOTALL)
# Back-to-back shifts push a check-in from one shift's end to the next; a week of hops covers any roster.

DAYS_EXAMPLE = "/nudge add weekdays 08:30"
TIME_EXAMPLE = "/checkin time 07:30"
ZONE_EXAMPLE = "/checkin time 07:30 America/Chicago"
SHIFT_EXAMPLE = "/checkin shifts 19:00-07:00 mon,tue,wed"
QUIET_EXAMPLE = "/checkin quiet 21:00-07:00"


# --- parsing -------------------------------------------------------------------------------------


def parse_days(text: str, *, example: str = DAYS_EXAMPLE) -> tuple[str, ...]:
    """Read `daily`, `weekdays`, `weekends`, `mon,wed,fri`, `monday`, `mon-fri`; week order, no repeats."""
    tokens = [token for token in re.split(r"[,\s]+", text.strip()) if token]
    if not tokens:
        raise CoachingError(render("err_days_needed"), example)
    chosen: set[str] = set()
    for token in tokens:
        chosen.update(_days_in(token, example))
    return tuple(day for day in DAYS if day in chosen)


def _days_in(token: str, example: str) -> tuple[str, ...]:
    word = token.lower()
    group = _GROUP_ALIASES.get(word, word)
    if group in _GROUPS:
        return _GROUPS[group]
    if "-" not in token:
        return (_day(token, example),)
    first, _, last = token.partition("-")
    start, stop = DAYS.index(_day(first, example)), DAYS.index(_day(last, example))
    # Ranges may wrap (fri-mon): clinicians' working weeks do not all end on Sunday.
    return tuple(DAYS[(start + step) % 7] for step in range((stop - start) % 7 + 1))


def _day(token: str, example: str) -> str:
    word = token.lower()
    # A prefix of three or more letters is unambiguous (tues, thurs); a plural (mondays) is the same day.
    for name in (word, word.removesuffix("s")):
        for day, full in zip(DAYS, _FULL_NAMES, strict=True):
            if len(name) >= 3 and full.startswith(name):
                return day
    raise CoachingError(render("err_day", value=token), example)


def format_days(days: Sequence[str]) -> str:
    """The words `parse_days` reads back to the same days: a group name when exact, else `mon,wed,fri`."""
    ordered = tuple(DAYS[index] for index in sorted(weekday_numbers(days)))
    for name, group in _GROUPS.items():
        if ordered == group:
            return name
    return ",".join(ordered)


def parse_time(text: str, *, example: str = TIME_EXAMPLE) -> time:
    """Read a local time: 24-hour `07:30`, `7:30`, `19:05`, or 12-hour `7:30am`, `7pm`."""
    cleaned = text.strip()
    if match := _TIME_24H.fullmatch(cleaned):
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return time(hour, minute)
    elif match := _TIME_12H.fullmatch(cleaned):
        hour, minute = int(match[1]), int(match[2] or 0)
        if 1 <= hour <= 12 and minute < 60:
            return time(hour % 12 + (12 if match[3].lower() == "p" else 0), minute)
    raise CoachingError(render("err_time", value=cleaned), example)


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    # available_timezones() walks the tz database on disk, so read it once per process.
    names = {name.lower(): name for name in available_timezones()}
    names.setdefault("utc", "UTC")
    return names


def parse_zone(text: str, *, example: str = ZONE_EXAMPLE) -> ZoneInfo:
    """Find an IANA time zone by name, ignoring case (`america/chicago` is America/Chicago)."""
    cleaned = text.strip()
    # Only names from the tz database reach ZoneInfo, never raw user text (which could name a file path).
    name = _zone_names().get(cleaned.lower().replace(" ", "_"))
    if name is None:
        raise CoachingError(render("err_zone", value=cleaned), example)
    return ZoneInfo(name)


@dataclass(frozen=True)
class Shift:
    """Work from `start` to `end` local time, starting on each of `days`; end <= start ends the next day."""

    start: time
    end: time
    days: tuple[str, ...]

    def __post_init__(self) -> None:
        weekday_numbers(self.days)

    @property
    def overnight(self) -> bool:
        return self.end <= self.start


def parse_shift(text: str, *, example: str = SHIFT_EXAMPLE) -> Shift:
    """Read `19:00-07:00 mon,tue,wed`: times, then the days the shift starts on."""
    start, end, rest = _parse_range(text, example)
    if not rest.strip():
        raise CoachingError(render("err_shift_days", value=text.strip()), example)
    return Shift(start, end, parse_days(rest, example=example))


def format_shift(shift: Shift) -> str:
    """The text `parse_shift` reads back to the same shift."""
    return f"{shift.start:%H:%M}-{shift.end:%H:%M} {format_days(shift.days)}"


def parse_quiet(text: str, *, example: str = QUIET_EXAMPLE) -> tuple[time, time]:
    """Read quiet hours `21:00-07:00` (wrapping midnight when start > end; start == end means none)."""
    start, end, rest = _parse_range(text, example)
    if rest.strip():
        raise CoachingError(render("err_quiet_two_times", value=text.strip()), example)
    return start, end


def _parse_range(text: str, example: str) -> tuple[time, time, str]:
    # Chat clients turn a typed "--" or " - " into an en or em dash.
    match = _RANGE.fullmatch(text.replace("\u2013", "-").replace("\u2014", "-"))
    if match is None:
        raise CoachingError(render("err_time_range", value=text.strip()), example)
    return parse_time(match[1], example=example), parse_time(match[2], example=example), match[3] or ""


# --- occurrences ---------------------------------------------------------------------------------


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant when clocks in `zone` show `at` on `day`.

    A wall time skipped by a spring-forward gap moves forward by the gap (02:30 becomes 03:30); a wall
    time repeated by a fall-back is the first of the two.
    """
    # fold=0 gives both rules (PEP 495): a gap time takes the offset from before the transition, which
    # lands it the gap's length later, and a repeated time takes its first offset. It is forced because
    # combine() would otherwise copy a fold=1 from `at`.
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=zone)
    return wall.astimezone(UTC)


def occurrences(days: Sequence[str], at: time, zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """Every occurrence in the window (start, end], ascending, each once."""
    start, end = as_utc(start, "start"), as_utc(end, "end")
    found = []
    for moment in _moments_from(days, at, zone, _first_day(start, zone)):
        if moment > end:
            break
        if moment > start:
            found.append(moment)
    return found


def next_occurrences(days: Sequence[str], at: time, zone: ZoneInfo, after: datetime, count: int) -> list[datetime]:
    """The next `count` occurrences strictly after `after`."""
    after = as_utc(after, "after")
    later = (moment for moment in _moments_from(days, at, zone, _first_day(after, zone)) if moment > after)
    return list(islice(later, max(count, 0)))


def _first_day(moment: datetime, zone: ZoneInfo) -> date:
    # A gap across midnight (Toronto, 1919-03-30 23:30 -> 00:30) pushes the previous local day's
    # occurrence into this one.
    return moment.astimezone(zone).date() - timedelta(days=1)


def _moments_from(days: Sequence[str], at: time, zone: ZoneInfo, first: date) -> Iterator[datetime]:
    """Occurrences on local dates from `first` on, strictly ascending."""
    wanted = weekday_numbers(days)
    if not wanted:
        return
    previous: datetime | None = None
    day = first
    while True:
        if day.weekday() in wanted:
            moment = local_moment(day, at, zone)
            # A skipped date (Pacific/Apia lost 2011-12-30) lands on the next day's moment: yield it once.
            if previous is None or moment > previous:
                yield moment
                previous = moment
        day += timedelta(days=1)


def in_quiet_hours(moment: datetime, zone: ZoneInfo, quiet_start: time, quiet_end: time) -> bool:
    """Whether local clocks at `moment` read inside [quiet_start, quiet_end), wrapping midnight if needed."""
    wall = as_utc(moment, "moment").astimezone(zone).time()
    start, end = quiet_start.replace(tzinfo=None), quiet_end.replace(tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


# --- helpers -------------------------------------------------------------------------------------


def weekday_numbers(days: Sequence[str]) -> frozenset[int]:
    unknown = [day for day in days if day not in DAYS]
    if unknown:
        raise ValueError(f"days must come from {DAYS!r}, got {unknown!r}")
    return frozenset(DAYS.index(day) for day in days)


def as_utc(moment: datetime, name: str) -> datetime:
    # Everything is compared in UTC: aware datetimes sharing one ZoneInfo compare by wall time, ignoring fold.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got {moment!r}")
    return moment.astimezone(UTC)
