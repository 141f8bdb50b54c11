"""Schedule time maths: parsing, occurrences across DST, quiet hours and after-shift timing."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from handlers.core.vocabulary import CoachingError
from handlers.timing.recurrence import (
    DAYS,
    Shift,
    format_days,
    format_shift,
    in_quiet_hours,
    local_moment,
    next_occurrences,
    occurrences,
    parse_days,
    parse_quiet,
    parse_shift,
    parse_time,
    parse_zone,
)
from handlers.timing.shifts import during_shift, send_time

NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = DAYS[:5]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def local(zone: str, *parts: int) -> datetime:
    """A wall time in `zone` (first of two on a fall-back) as UTC, written out for readable tables."""
    return datetime(*parts, tzinfo=ZoneInfo(zone)).astimezone(UTC)


# --- parsing -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("daily", DAYS),
        ("Weekdays", WEEKDAYS),
        ("WEEKENDS", ("sat", "sun")),
        ("mon,wed,fri", ("mon", "wed", "fri")),
        ("fri,mon,mon", ("mon", "fri")),
        ("Monday,WEDNESDAY", ("mon", "wed")),
        ("tues, thurs", ("tue", "thu")),
        ("mondays", ("mon",)),
        ("mon-fri", WEEKDAYS),
        ("fri-mon", ("mon", "fri", "sat", "sun")),
        ("mon-wed,sat", ("mon", "tue", "wed", "sat")),
        ("weekends,wed", ("wed", "sat", "sun")),
    ],
)
def test_parse_days_reads_groups_lists_and_ranges(text: str, expected: tuple[str, ...]) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("funday", "'funday'"),
        ("mon,Funday", "'Funday'"),
        ("mon-fry", "'fry'"),
        ("mo", "'mo'"),
        ("-fri", "''"),
    ],
)
def test_parse_days_names_the_bad_day_and_gives_an_example(text: str, named: str) -> None:
    with pytest.raises(CoachingError) as caught:
        parse_days(text)
    assert f"{named} is not a day" in caught.value.reason
    assert caught.value.example == "/nudge add weekdays 08:30"


def test_parse_days_rejects_nothing_and_passes_the_callers_example() -> None:
    with pytest.raises(CoachingError) as caught:
        parse_days("  ", example="/nudge add mon,wed 09:00")
    assert "Say which days" in caught.value.reason
    assert caught.value.example == "/nudge add mon,wed 09:00"


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (DAYS, "daily"),
        (WEEKDAYS, "weekdays"),
        (("sat", "sun"), "weekends"),
        (("fri", "mon", "wed"), "mon,wed,fri"),
        (("mon", "tue", "wed", "thu", "fri", "sat"), "mon,tue,wed,thu,fri,sat"),
    ],
)
def test_format_days_prefers_group_names(days: tuple[str, ...], expected: str) -> None:
    assert format_days(days) == expected


def test_format_days_round_trips_every_set_of_days() -> None:
    for size in range(1, 8):
        for days in combinations(DAYS, size):
            assert parse_days(format_days(days)) == days


def test_format_days_rejects_unknown_days() -> None:
    with pytest.raises(ValueError, match="funday"):
        format_days(("mon", "funday"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7:30", time(7, 30)),
        ("07:30", time(7, 30)),
        ("19:05", time(19, 5)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        (" 08:30 ", time(8, 30)),
        ("7:30am", time(7, 30)),
        ("7pm", time(19, 0)),
        ("7:30 PM", time(19, 30)),
        ("7:30 p.m.", time(19, 30)),
        ("12am", time(0, 0)),
        ("12:15am", time(0, 15)),
        ("12pm", time(12, 0)),
    ],
)
def test_parse_time_reads_24_and_12_hour_clocks(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["25:99", "24:00", "7:60", "7", "7:5", "13pm", "0am", "noon", "", "7.30"])
def test_parse_time_names_the_bad_value(text: str) -> None:
    with pytest.raises(CoachingError) as caught:
        parse_time(text, example="/nudge add weekdays 08:30")
    assert f"{text!r} is not a time" in caught.value.reason
    assert caught.value.example == "/nudge add weekdays 08:30"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("America/Chicago", "America/Chicago"),
        ("america/chicago", "America/Chicago"),
        ("america/new york", "America/New_York"),
        (" Asia/Kathmandu ", "Asia/Kathmandu"),
        ("UTC", "UTC"),
        ("utc", "UTC"),
    ],
)
def test_parse_zone_matches_iana_names_ignoring_case(text: str, key: str) -> None:
    assert parse_zone(text).key == key


@pytest.mark.parametrize("text", ["Mars/Olympus", "", "Chicago", "../../etc/passwd", "+05:00"])
def test_parse_zone_names_the_unknown_zone(text: str) -> None:
    with pytest.raises(CoachingError) as caught:
        parse_zone(text)
    assert caught.value.reason == (
        f"{text!r} is not a time zone I know. Use an IANA name such as America/Chicago or Europe/London."
    )
    assert caught.value.example


@pytest.mark.parametrize(
    ("text", "expected", "overnight"),
    [
        ("19:00-07:00 mon,tue,wed", Shift(time(19), time(7), ("mon", "tue", "wed")), True),
        ("07:00-19:00 weekdays", Shift(time(7), time(19), WEEKDAYS), False),
        ("7pm - 7am sat,sun", Shift(time(19), time(7), ("sat", "sun")), True),
        ("07:00-07:00 mon", Shift(time(7), time(7), ("mon",)), True),
    ],
)
def test_parse_shift_reads_times_then_starting_days(text: str, expected: Shift, overnight: bool) -> None:
    shift = parse_shift(text)
    assert shift == expected
    assert shift.overnight is overnight
    assert parse_shift(format_shift(shift)) == shift


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("19:00-07:00", "'19:00-07:00' needs the days"),
        ("19:00 mon", "'19:00 mon' is not a time range"),
        ("19:00-25:00 mon", "'25:00' is not a time"),
        ("19:00-07:00 funday", "'funday' is not a day"),
    ],
)
def test_parse_shift_names_the_bad_part(text: str, named: str) -> None:
    with pytest.raises(CoachingError) as caught:
        parse_shift(text)
    assert named in caught.value.reason
    assert caught.value.example == "/checkin shifts 19:00-07:00 mon,tue,wed"


def test_format_shift_uses_day_groups() -> None:
    assert format_shift(Shift(time(7), time(19, 30), WEEKDAYS)) == "07:00-19:30 weekdays"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21:00-07:00", (time(21), time(7))),
        ("22:00 - 6:30am", (time(22), time(6, 30))),
        ("21:00\u201307:00", (time(21), time(7))),  # an en dash, as chat clients write it
        ("09:00-09:00", (time(9), time(9))),
    ],
)
def test_parse_quiet_reads_a_range(text: str, expected: tuple[time, time]) -> None:
    assert parse_quiet(text) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("21:00", "'21:00' is not a time range"),
        ("21:00-99:00", "'99:00' is not a time"),
        ("21:00-07:00 mon", "'21:00-07:00 mon' should be just two times"),
    ],
)
def test_parse_quiet_names_the_bad_value(text: str, named: str) -> None:
    with pytest.raises(CoachingError) as caught:
        parse_quiet(text)
    assert named in caught.value.reason
    assert caught.value.example == "/checkin quiet 21:00-07:00"


# --- local moments and occurrences ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "day", "at", "expected"),
    [
        ("America/New_York", date(2026, 1, 15), time(9), utc(2026, 1, 15, 14)),
        # Spring forward: 02:30 never shows on the clock, so it moves forward by the gap to 03:30 EDT.
        ("America/New_York", date(2026, 3, 8), time(2, 30), utc(2026, 3, 8, 7, 30)),
        # Fall back: 01:30 shows twice; the first (EDT, UTC-4) is the one.
        ("America/New_York", date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
        ("America/New_York", date(2026, 11, 1), time(1, 30, fold=1), utc(2026, 11, 1, 5, 30)),
        ("Asia/Kolkata", date(2026, 1, 15), time(9), utc(2026, 1, 15, 3, 30)),
        ("Asia/Kathmandu", date(2026, 1, 15), time(9), utc(2026, 1, 15, 3, 15)),
        # Lord Howe springs forward 30 minutes (02:00 -> 02:30): 02:15 becomes 02:45 (+11).
        ("Australia/Lord_Howe", date(2025, 10, 5), time(2, 15), utc(2025, 10, 4, 15, 45)),
        # ...and falls back 30 minutes (02:00 -> 01:30): 01:45 is the first, at +11.
        ("Australia/Lord_Howe", date(2026, 4, 5), time(1, 45), utc(2026, 4, 4, 14, 45)),
    ],
)
def test_local_moment_follows_gap_and_fold_rules(zone: str, day: date, at: time, expected: datetime) -> None:
    moment = local_moment(day, at, ZoneInfo(zone))
    assert moment == expected
    assert moment.tzinfo is UTC


def test_occurrences_fall_on_chosen_days_only() -> None:
    found = occurrences(("mon", "wed", "fri"), time(9), NEW_YORK, utc(2026, 1, 11), utc(2026, 1, 25))
    assert [moment.astimezone(NEW_YORK).strftime("%a %d %H:%M") for moment in found] == [
        "Mon 12 09:00",
        "Wed 14 09:00",
        "Fri 16 09:00",
        "Mon 19 09:00",
        "Wed 21 09:00",
        "Fri 23 09:00",
    ]


@pytest.mark.parametrize(
    ("zone", "start", "end", "expected"),
    [
        (
            "America/New_York",
            utc(2026, 3, 7),
            utc(2026, 3, 10),
            [utc(2026, 3, 7, 14), utc(2026, 3, 8, 13), utc(2026, 3, 9, 13)],
        ),
        (
            "Europe/London",
            utc(2026, 3, 28),
            utc(2026, 3, 31),
            [utc(2026, 3, 28, 9), utc(2026, 3, 29, 8), utc(2026, 3, 30, 8)],
        ),
        (
            "Asia/Kolkata",
            utc(2026, 3, 7),
            utc(2026, 3, 10),
            [utc(2026, 3, 7, 3, 30), utc(2026, 3, 8, 3, 30), utc(2026, 3, 9, 3, 30)],
        ),
        (
            "Asia/Kathmandu",
            utc(2026, 3, 7),
            utc(2026, 3, 10),
            [utc(2026, 3, 7, 3, 15), utc(2026, 3, 8, 3, 15), utc(2026, 3, 9, 3, 15)],
        ),
        (
            "Australia/Lord_Howe",
            utc(2025, 10, 3, 12),
            utc(2025, 10, 6, 12),
            [utc(2025, 10, 3, 22, 30), utc(2025, 10, 4, 22), utc(2025, 10, 5, 22)],
        ),
    ],
)
def test_member_local_nine_oclock_across_dst(
    zone: str, start: datetime, end: datetime, expected: list[datetime]
) -> None:
    found = occurrences(DAYS, time(9), ZoneInfo(zone), start, end)
    assert found == expected
    assert all(moment.astimezone(ZoneInfo(zone)).time() == time(9) for moment in found)


def test_spring_forward_half_past_two_happens_once_at_half_past_three() -> None:
    found = occurrences(DAYS, time(2, 30), NEW_YORK, utc(2026, 3, 7), utc(2026, 3, 10))
    assert found == [utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7, 30), utc(2026, 3, 9, 6, 30)]
    assert [moment.astimezone(NEW_YORK).strftime("%d %H:%M") for moment in found] == [
        "07 02:30",
        "08 03:30",
        "09 02:30",
    ]


def test_fall_back_half_past_one_happens_once_the_first_time() -> None:
    found = occurrences(DAYS, time(1, 30), NEW_YORK, utc(2026, 10, 31), utc(2026, 11, 3))
    assert found == [utc(2026, 10, 31, 5, 30), utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)]
    # The second 01:30 (EST) on 2026-11-01 is 06:30 UTC: a window around only it finds nothing.
    assert occurrences(DAYS, time(1, 30), NEW_YORK, utc(2026, 11, 1, 6), utc(2026, 11, 1, 7)) == []


def test_a_gap_across_midnight_keeps_the_previous_days_occurrence() -> None:
    # Toronto jumped from 1919-03-30 23:30 to 00:30: Sunday's 23:45 happened at 00:45 on Monday.
    toronto = ZoneInfo("America/Toronto")
    found = occurrences(("sun",), time(23, 45), toronto, utc(1919, 3, 31, 4, 40), utc(1919, 3, 31, 5))
    assert found == [utc(1919, 3, 31, 4, 45)]
    assert next_occurrences(("sun",), time(23, 45), toronto, utc(1919, 3, 31, 4, 40), 1) == found


def test_a_skipped_date_does_not_repeat_the_next_days_occurrence() -> None:
    # Samoa skipped 2011-12-30 entirely: its 09:00 becomes 09:00 on the 31st, which happens only once.
    found = occurrences(DAYS, time(9), ZoneInfo("Pacific/Apia"), utc(2011, 12, 29), utc(2012, 1, 1))
    assert found == [utc(2011, 12, 29, 19), utc(2011, 12, 30, 19), utc(2011, 12, 31, 19)]


MONDAY_NINE = utc(2026, 1, 12, 14)  # Monday 09:00 in New York
TICK = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (MONDAY_NINE, MONDAY_NINE + timedelta(hours=1), []),  # exactly at start: excluded
        (MONDAY_NINE - timedelta(hours=1), MONDAY_NINE, [MONDAY_NINE]),  # exactly at end: included
        (MONDAY_NINE - TICK, MONDAY_NINE, [MONDAY_NINE]),
        (MONDAY_NINE - TICK, MONDAY_NINE - TICK, []),
        (MONDAY_NINE, MONDAY_NINE, []),
        (MONDAY_NINE + timedelta(hours=1), MONDAY_NINE - timedelta(hours=1), []),  # backwards window
    ],
)
def test_window_is_half_open(start: datetime, end: datetime, expected: list[datetime]) -> None:
    assert occurrences(("mon",), time(9), NEW_YORK, start, end) == expected


def test_occurrences_accept_any_aware_datetime_and_refuse_naive_ones() -> None:
    window = (MONDAY_NINE.astimezone(NEW_YORK) - timedelta(hours=1), MONDAY_NINE.astimezone(NEW_YORK))
    assert occurrences(("mon",), time(9), NEW_YORK, *window) == [MONDAY_NINE]
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        occurrences(("mon",), time(9), NEW_YORK, datetime(2026, 1, 12), MONDAY_NINE)


@pytest.mark.parametrize(
    ("days", "at", "after", "count", "expected"),
    [
        (
            DAYS,
            time(9),
            utc(2026, 3, 6, 15),
            3,
            [utc(2026, 3, 7, 14), utc(2026, 3, 8, 13), utc(2026, 3, 9, 13)],
        ),
        (
            ("sun",),
            time(9),
            utc(2026, 10, 20),
            3,
            [utc(2026, 10, 25, 13), utc(2026, 11, 1, 14), utc(2026, 11, 8, 14)],
        ),
        # Strictly after: the occurrence at `after` itself is not next, nor is the repeated 01:30.
        (DAYS, time(1, 30), utc(2026, 11, 1, 5, 30), 2, [utc(2026, 11, 2, 6, 30), utc(2026, 11, 3, 6, 30)]),
        (WEEKDAYS, time(9), utc(2026, 1, 16, 14), 1, [utc(2026, 1, 19, 14)]),
        (DAYS, time(9), utc(2026, 1, 16), 0, []),
        ((), time(9), utc(2026, 1, 16), 3, []),
    ],
)
def test_next_occurrences(
    days: tuple[str, ...], at: time, after: datetime, count: int, expected: list[datetime]
) -> None:
    assert next_occurrences(days, at, NEW_YORK, after, count) == expected


# --- quiet hours ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wall", "quiet", "expected"),
    [
        (time(21, 0), (time(21), time(7)), True),
        (time(20, 59), (time(21), time(7)), False),
        (time(0, 0), (time(21), time(7)), True),
        (time(6, 59), (time(21), time(7)), True),
        (time(7, 0), (time(21), time(7)), False),
        (time(13, 0), (time(13), time(14)), True),
        (time(13, 59), (time(13), time(14)), True),
        (time(14, 0), (time(13), time(14)), False),
        (time(12, 59), (time(13), time(14)), False),
        (time(9, 0), (time(9), time(9)), False),  # start == end: no quiet hours
        (time(3, 0), (time(9), time(9)), False),
    ],
)
def test_quiet_hours_are_half_open_in_local_time(wall: time, quiet: tuple[time, time], expected: bool) -> None:
    moment = datetime.combine(date(2026, 1, 15), wall, tzinfo=ZoneInfo("Asia/Kathmandu")).astimezone(UTC)
    assert in_quiet_hours(moment, ZoneInfo("Asia/Kathmandu"), *quiet) is expected


def test_quiet_hours_use_the_members_clock_not_utc() -> None:
    # 23:00 UTC is 18:00 in New York: not quiet there, though 23:00 would be quiet in UTC.
    assert in_quiet_hours(utc(2026, 1, 15, 23), NEW_YORK, time(21), time(7)) is False
    assert in_quiet_hours(utc(2026, 1, 15, 23), ZoneInfo("UTC"), time(21), time(7)) is True


# --- shifts --------------------------------------------------------------------------------------

DAY_SHIFT = Shift(time(7), time(19), WEEKDAYS)
NIGHT_MONDAY = Shift(time(19), time(7), ("mon",))
NIGHT_SATURDAY = Shift(time(19), time(7), ("sat",))
NY = "America/New_York"


@pytest.mark.parametrize(
    ("case", "nominal", "shifts", "after_shift", "expected"),
    [
        ("day shift", local(NY, 2026, 1, 15, 9), [DAY_SHIFT], True, local(NY, 2026, 1, 15, 19, 30)),
        ("no shift that day", local(NY, 2026, 1, 17, 9), [DAY_SHIFT], True, local(NY, 2026, 1, 17, 9)),
        ("overnight", local(NY, 2026, 1, 12, 9), [NIGHT_MONDAY], True, local(NY, 2026, 1, 13, 7, 30)),
        (
            "inside a shift that began the day before",
            local(NY, 2026, 1, 13, 6),
            [NIGHT_MONDAY],
            True,
            local(NY, 2026, 1, 13, 7, 30),
        ),
        (
            "just after that shift ended",
            local(NY, 2026, 1, 13, 7),
            [NIGHT_MONDAY],
            True,
            local(NY, 2026, 1, 13, 7),
        ),
        (
            "two shifts: the later end wins",
            local(NY, 2026, 1, 12, 9),
            [Shift(time(18), time(23), ("mon",)), Shift(time(7), time(15), ("mon",))],
            True,
            local(NY, 2026, 1, 12, 23, 30),
        ),
        (
            "two shifts: an overnight one ends last",
            local(NY, 2026, 1, 12, 9),
            [Shift(time(7), time(12), ("mon",)), Shift(time(20), time(6), ("mon",))],
            True,
            local(NY, 2026, 1, 13, 6, 30),
        ),
        (
            "nominal after the shift: sent at the shift's end, earlier",
            local(NY, 2026, 1, 15, 21),
            [DAY_SHIFT],
            True,
            local(NY, 2026, 1, 15, 19, 30),
        ),
        (
            "a night then a day shift: never mid-shift",
            local(NY, 2026, 1, 12, 9),
            [NIGHT_MONDAY, Shift(time(7), time(19), ("tue",))],
            True,
            local(NY, 2026, 1, 13, 19, 30),
        ),
        (
            "night, day, night: hops to the end of the run",
            local(NY, 2026, 1, 12, 9),
            [NIGHT_MONDAY, Shift(time(7), time(19), ("tue",)), Shift(time(19), time(7), ("tue",))],
            True,
            local(NY, 2026, 1, 14, 7, 30),
        ),
        (
            "24-hour shift",
            local(NY, 2026, 1, 12, 9),
            [Shift(time(7), time(7), ("mon",))],
            True,
            local(NY, 2026, 1, 13, 7, 30),
        ),
        (
            "clock timing, even mid-shift",
            local(NY, 2026, 1, 15, 9),
            [DAY_SHIFT],
            False,
            local(NY, 2026, 1, 15, 9),
        ),
        ("no shifts", local(NY, 2026, 1, 15, 9), [], True, local(NY, 2026, 1, 15, 9)),
    ],
)
def test_send_time(case: str, nominal: datetime, shifts: list[Shift], after_shift: bool, expected: datetime) -> None:
    sent = send_time(nominal, NEW_YORK, shifts, after_shift=after_shift)
    assert sent == expected, case
    assert sent.tzinfo is UTC
    if after_shift:
        assert not during_shift(sent, NEW_YORK, shifts), case


def test_round_the_clock_roster_keeps_the_first_candidate() -> None:
    always = [Shift(time(7), time(7), DAYS)]
    sent = send_time(local(NY, 2026, 1, 12, 9), NEW_YORK, always, after_shift=True)
    assert sent == local(NY, 2026, 1, 13, 7, 30)


def test_overnight_send_is_clear_of_quiet_hours() -> None:
    sent = send_time(local(NY, 2026, 1, 12, 9), NEW_YORK, [NIGHT_MONDAY], after_shift=True)
    assert sent.astimezone(NEW_YORK).strftime("%a %H:%M") == "Tue 07:30"
    assert not in_quiet_hours(sent, NEW_YORK, time(21), time(7))


@pytest.mark.parametrize(
    ("shift_start", "expected_send", "hours"),
    [
        # Fall-back night (2026-11-01): 19:00 EDT to 07:00 EST is 13 real hours.
        (local(NY, 2026, 10, 31, 19), utc(2026, 11, 1, 12, 30), 13),
        # Spring-forward night (2026-03-08): 19:00 EST to 07:00 EDT is 11 real hours.
        (local(NY, 2026, 3, 7, 19), utc(2026, 3, 8, 11, 30), 11),
    ],
)
def test_overnight_shift_across_dst(shift_start: datetime, expected_send: datetime, hours: int) -> None:
    nominal = shift_start - timedelta(hours=10)  # Saturday 09:00
    sent = send_time(nominal, NEW_YORK, [NIGHT_SATURDAY], after_shift=True)
    assert sent == expected_send
    assert sent.astimezone(NEW_YORK).strftime("%a %H:%M") == "Sun 07:30"
    assert sent - timedelta(minutes=30) - shift_start == timedelta(hours=hours)
    shift_end = sent - timedelta(minutes=30)
    assert not during_shift(shift_start - TICK, NEW_YORK, [NIGHT_SATURDAY])
    assert during_shift(shift_start, NEW_YORK, [NIGHT_SATURDAY])
    assert during_shift(shift_end - TICK, NEW_YORK, [NIGHT_SATURDAY])
    assert not during_shift(shift_end, NEW_YORK, [NIGHT_SATURDAY])


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(NY, 2026, 1, 12, 18, 59), False),
        (local(NY, 2026, 1, 12, 19), True),
        (local(NY, 2026, 1, 13, 0, 30), True),
        (local(NY, 2026, 1, 13, 6, 59), True),
        (local(NY, 2026, 1, 13, 7), False),
        (local(NY, 2026, 1, 13, 19, 30), False),  # the shift starts on Mondays only
    ],
)
def test_during_shift(moment: datetime, expected: bool) -> None:
    assert during_shift(moment, NEW_YORK, [NIGHT_MONDAY]) is expected


def test_shift_gone_in_a_spring_forward_gap_is_empty() -> None:
    vanished = Shift(time(2, 30), time(3), ("sun",))
    assert not during_shift(utc(2026, 3, 8, 7, 30), NEW_YORK, [vanished])
    assert send_time(utc(2026, 3, 8, 13), NEW_YORK, [vanished], after_shift=True) == utc(2026, 3, 8, 8)


def test_shift_rejects_unknown_days() -> None:
    with pytest.raises(ValueError, match="funday"):
        Shift(time(7), time(19), ("funday",))


# --- property: windows split and join without loss or repeats -----------------------------------

ZONES = [
    "UTC",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Sao_Paulo",
    "America/Santiago",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Casablanca",
    "Asia/Tehran",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
]
DST_ZONES = [name for name in ZONES if name not in ("UTC", "Asia/Kolkata", "Asia/Kathmandu")]
DAY_SETS = st.sets(st.sampled_from(DAYS), min_size=1)
INSTANTS = st.datetimes(datetime(1995, 1, 1), datetime(2035, 1, 1), timezones=st.just(UTC))
SPANS = st.timedeltas(timedelta(0), timedelta(days=45))


def _in_week_order(chosen: set[str]) -> tuple[str, ...]:
    return tuple(day for day in DAYS if day in chosen)


@cache
def _transitions(zone_name: str, year: int) -> tuple[datetime, ...]:
    """The UTC instants in `year` when the zone's offset changes, found by bisection to the second."""
    zone, found = ZoneInfo(zone_name), []
    moment = datetime(year, 1, 1, tzinfo=UTC)
    while moment.year == year:
        low, high = moment, moment + timedelta(hours=6)
        if low.astimezone(zone).utcoffset() != high.astimezone(zone).utcoffset():
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                same = middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high)
        moment += timedelta(hours=6)
    return tuple(found)


@st.composite
def around_a_transition(draw: st.DrawFn) -> tuple[str, tuple[str, ...], time, datetime]:
    """A zone, days, a wall time skipped or repeated by one of its transitions, and a window start near it."""
    zone_name = draw(st.sampled_from(DST_ZONES))
    changes = _transitions(zone_name, draw(st.integers(1995, 2034)))
    assume(changes)
    change = draw(st.sampled_from(changes))
    zone = ZoneInfo(zone_name)
    before, after = (change - timedelta(seconds=1)).astimezone(zone), change.astimezone(zone)
    jump = abs(after.utcoffset() - before.utcoffset())
    # Wall times from the earlier of the two clock readings, for the jump's length, are skipped or repeated.
    lowest = min(before.replace(tzinfo=None) + timedelta(seconds=1), after.replace(tzinfo=None))
    wall = lowest + timedelta(minutes=draw(st.integers(0, jump // timedelta(minutes=1) - 1)))
    days = _in_week_order(draw(DAY_SETS) | {DAYS[wall.weekday()]})
    start = change - draw(st.timedeltas(timedelta(0), timedelta(days=3)))
    return zone_name, days, wall.time(), start


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    return any(
        wall.replace(tzinfo=zone, fold=fold).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall
        for fold in (0, 1)
    )


def _requested_day(moment: datetime, days: tuple[str, ...], at: time, zone: ZoneInfo) -> date:
    """The requested local date `moment` stands for, checking it shows `at` (or `at` moved past a gap)."""
    shown = moment.astimezone(zone)
    seen = shown.replace(tzinfo=None, fold=0)
    day = next(
        day
        for day in (shown.date(), shown.date() - timedelta(days=1))
        if timedelta(0) <= seen - datetime.combine(day, at) < timedelta(hours=2)
    )
    wanted = datetime.combine(day, at)
    assert DAYS[day.weekday()] in days
    if seen == wanted:
        assert shown.fold == 0  # the first of a repeated wall time
        return day
    # The wall time was skipped: the moment sits exactly the gap's length later.
    offset_before = (moment - timedelta(hours=2)).astimezone(zone).utcoffset()
    assert not _exists(wanted, zone)
    assert seen - wanted == shown.utcoffset() - offset_before
    return day


def _assert_windows_join(
    zone: ZoneInfo, days: tuple[str, ...], at: time, start: datetime, middle: datetime, end: datetime
) -> None:
    whole = occurrences(days, at, zone, start, end)
    assert occurrences(days, at, zone, start, middle) + occurrences(days, at, zone, middle, end) == whole
    assert whole == sorted(set(whole))
    assert all(start < moment <= end for moment in whole)
    assert next_occurrences(days, at, zone, start, len(whole)) == whole
    found = [_requested_day(moment, days, at, zone) for moment in whole]
    assert len(found) == len(set(found))  # each requested date once
    # Every requested date well inside the window is there (the edges depend on the time of day).
    first, last = start.astimezone(zone).date(), end.astimezone(zone).date()
    inside = [first + timedelta(days=n) for n in range(2, (last - first).days - 1)]
    assert {day for day in inside if DAYS[day.weekday()] in days} <= set(found)


@settings(max_examples=300, deadline=None, database=None)
@given(
    zone_name=st.sampled_from(ZONES),
    days=DAY_SETS.map(_in_week_order),
    at=st.builds(time, st.integers(0, 23), st.integers(0, 59)),
    start=INSTANTS,
    spans=st.tuples(SPANS, SPANS),
)
def test_adjacent_windows_join_exactly(
    zone_name: str, days: tuple[str, ...], at: time, start: datetime, spans: tuple[timedelta, timedelta]
) -> None:
    middle = start + spans[0]
    _assert_windows_join(ZoneInfo(zone_name), days, at, start, middle, middle + spans[1])


@settings(max_examples=300, deadline=None, database=None)
@given(case=around_a_transition(), spans=st.tuples(SPANS, SPANS))
def test_adjacent_windows_join_exactly_across_transitions(
    case: tuple[str, tuple[str, ...], time, datetime], spans: tuple[timedelta, timedelta]
) -> None:
    zone_name, days, at, start = case
    middle = start + spans[0] / 9
    _assert_windows_join(ZoneInfo(zone_name), days, at, start, middle, middle + spans[1] / 9)


@pytest.mark.parametrize(("stored", "expected"), [("America/Chicago", "America/Chicago"), (None, "UTC"), ("", "UTC"),
                                                  ("Mars/Olympus_Mons", "UTC"), ("../etc/passwd", "UTC")])  # fmt: skip
def test_a_stored_zone_falls_back_to_utc_one_way_everywhere(stored, expected):
    from handlers.timing.zones import zone_or_utc

    assert zone_or_utc(stored).key == expected
