"""Who may coach whom, and in what order they are asked: table tests of the pure `eligible()` and `match()`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from handlers.coach.matching import Candidate, Need, eligible, match

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # November: New York is UTC-5, Los Angeles UTC-8, Phoenix UTC-7
JULY = datetime(2026, 7, 15, 14, 0, tzinfo=UTC)  # July: Los Angeles is UTC-7, like Phoenix
NEED = Need(requester_id=1, role="physician", department="ED", timezone="America/New_York")
COACH = Candidate(member_id=10, role="physician", department="Cardiology", timezone="America/New_York")


def order(need: Need, coaches: list[Candidate], excluded=(), now: datetime = NOW) -> list[int]:
    return [c.member_id for c in match(need, coaches, excluded, now=now)]


# --- eligibility: every rule, each on its own -----------------------------------------------------------------


@pytest.mark.parametrize(
    "case, need, coach, excluded, expected",
    [
        ("a free coach from another department", NEED, COACH, (), True),
        ("marked not available", NEED, replace(COACH, available=False), (), False),
        ("one place left", NEED, replace(COACH, capacity=3, active_count=2), (), True),
        ("at capacity", NEED, replace(COACH, capacity=3, active_count=3), (), False),
        ("past capacity (never trusted)", NEED, replace(COACH, capacity=1, active_count=2), (), False),
        ("zero capacity", NEED, replace(COACH, capacity=0), (), False),
        ("the requester themself", NEED, replace(COACH, member_id=1), (), False),
        ("same department", NEED, replace(COACH, department="ED"), (), False),
        ("same department, other case and spaces", NEED, replace(COACH, department="  ed "), (), False),
        ("department unknown on the coach", NEED, replace(COACH, department=""), (), True),
        ("requester's department unknown", replace(NEED, department=None), replace(COACH, department="ED"), (), True),
        ("already declined this request", NEED, COACH, (10,), False),
        ("someone else declined", NEED, COACH, (11, 12), True),
        ("peer=same, other role", NEED, replace(COACH, role="nurse"), (), False),
        ("peer=same, resident coach for a physician", NEED, replace(COACH, role="resident"), (), True),
        ("peer=same, physician coach for a resident", replace(NEED, role="resident"), COACH, (), True),
        ("peer=same, role spelt in capitals", NEED, replace(COACH, role="Physician"), (), True),
        ("peer=same, nurse for a nurse", replace(NEED, role="nurse"), replace(COACH, role="nurse"), (), True),
        ("peer=same, app coach for a nurse", replace(NEED, role="nurse"), replace(COACH, role="app"), (), False),
        ("peer=any, nurse coach for a physician", replace(NEED, peer="any"), replace(COACH, role="nurse"), (), True),
        ("peer=any still skips own department", replace(NEED, peer="any"), replace(COACH, department="ED"), (), False),
        (
            "peer=nurse, nurse coach for a physician",
            replace(NEED, peer="nurse"),
            replace(COACH, role="nurse"),
            (),
            True,
        ),
        ("peer=nurse, physician coach", replace(NEED, peer="nurse"), COACH, (), False),
        (
            "peer=app, app coach for a nurse",
            replace(NEED, role="nurse", peer="app"),
            replace(COACH, role="app"),
            (),
            True,
        ),
        (
            "peer=physician, resident coach",
            replace(NEED, role="nurse", peer="physician"),
            replace(COACH, role="resident"),
            (),
            True,
        ),
        ("peer=resident means the physician family", replace(NEED, role="nurse", peer="resident"), COACH, (), True),
    ],
)
def test_eligibility(case, need, coach, excluded, expected):
    assert eligible(need, coach, excluded) is expected, case
    assert (order(need, [coach], excluded) == [coach.member_id]) is expected, case


def test_match_keeps_only_the_eligible():
    coaches = [
        replace(COACH, member_id=10),
        replace(COACH, member_id=11, available=False),
        replace(COACH, member_id=12, active_count=3),
        replace(COACH, member_id=1),
        replace(COACH, member_id=13, department="ed"),
        replace(COACH, member_id=14),
        replace(COACH, member_id=15, role="nurse"),
        replace(COACH, member_id=16),
    ]
    assert order(NEED, coaches, excluded={14}) == [10, 16]
    assert order(NEED, []) == []
    assert order(NEED, coaches, excluded=[10, 14, 16]) == []


# --- ranking: each key decides only when every earlier key ties -------------------------------------------------

# In each row `first` wins on the named key although `second` is better on every later key.
RANK_CASES = [
    (
        "same role before specialty",
        replace(NEED, peer="any", specialty="cardiology"),
        replace(
            COACH,
            member_id=20,
            role="physician",
            specialty="",
            languages=("fr",),
            active_count=2,
            timezone="Asia/Tokyo",
        ),
        replace(COACH, member_id=19, role="nurse", specialty="cardiology", languages=("en",), active_count=0),
    ),
    (
        "a resident is the same role as a physician",
        replace(NEED, peer="any", specialty="cardiology"),
        replace(
            COACH, member_id=20, role="resident", specialty="", languages=("fr",), active_count=2, timezone="Asia/Tokyo"
        ),
        replace(COACH, member_id=19, role="nurse", specialty="cardiology", languages=("en",), active_count=0),
    ),
    (
        "specialty before language",
        replace(NEED, specialty="Emergency"),
        replace(
            COACH,
            member_id=20,
            specialty="emergency medicine",
            languages=("fr",),
            active_count=2,
            timezone="Asia/Tokyo",
        ),
        replace(COACH, member_id=19, specialty="oncology", languages=("en",), active_count=0),
    ),
    (
        "shared language before fewest clients",
        replace(NEED, languages=("es",)),
        replace(COACH, member_id=20, languages=("en", "es"), active_count=2, timezone="Asia/Tokyo"),
        replace(COACH, member_id=19, languages=("en",), active_count=0),
    ),
    (
        "fewest clients before nearest zone",
        NEED,
        replace(COACH, member_id=20, active_count=0, timezone="Asia/Tokyo"),
        replace(COACH, member_id=19, active_count=1, timezone="America/New_York"),
    ),
    (
        "nearest zone before member id",
        NEED,
        replace(COACH, member_id=20, timezone="America/Chicago"),
        replace(COACH, member_id=19, timezone="America/Los_Angeles"),
    ),
    (
        "lowest member id when all else ties",
        NEED,
        replace(COACH, member_id=19),
        replace(COACH, member_id=20),
    ),
]


@pytest.mark.parametrize("case, need, first, second", RANK_CASES, ids=[c[0] for c in RANK_CASES])
def test_ranking_keys_in_order(case, need, first, second):
    assert order(need, [first, second]) == [first.member_id, second.member_id], case
    assert order(need, [second, first]) == [first.member_id, second.member_id], case


@pytest.mark.parametrize(
    "need_specialty, coach_specialty, matched",
    [
        ("cardiology", "Cardiology", True),
        ("emergency", "emergency medicine", True),
        ("  Emergency Medicine ", "emergency medicine", True),
        ("cardiology", "", False),
        ("cardiology", "oncology", False),
    ],
)
def test_specialty_match_ignores_case_and_allows_a_part(need_specialty, coach_specialty, matched):
    need = replace(NEED, specialty=need_specialty)
    with_specialty = replace(COACH, member_id=20, specialty=coach_specialty, active_count=1)
    without = replace(COACH, member_id=19, specialty="", active_count=0)
    expected = [20, 19] if matched else [19, 20]
    assert order(need, [without, with_specialty]) == expected


def test_no_specialty_asked_leaves_it_out_of_the_ranking():
    need = replace(NEED, specialty="")
    specialist = replace(COACH, member_id=20, specialty="emergency medicine", active_count=1)
    generalist = replace(COACH, member_id=19, specialty="", active_count=0)
    assert order(need, [specialist, generalist]) == [19, 20]


def test_peer_any_still_prefers_the_same_role():
    need = replace(NEED, peer="any")
    nurse = replace(COACH, member_id=5, role="nurse")
    app = replace(COACH, member_id=6, role="app")
    physician = replace(COACH, member_id=30, role="physician", active_count=2)
    assert order(need, [nurse, app, physician]) == [30, 5, 6]


def test_a_named_role_ranks_within_that_family():
    need = replace(NEED, role="nurse", department="ICU", peer="physician")
    coaches = [
        replace(COACH, member_id=5, role="nurse"),
        replace(COACH, member_id=6, role="resident", active_count=1),
        replace(COACH, member_id=7, role="physician", active_count=0),
    ]
    assert order(need, coaches) == [7, 6]


def test_zone_distance_uses_the_clocks_at_now():
    need = replace(NEED, timezone="America/New_York")  # UTC-5 in November
    zones = {
        31: "America/Toronto",  # 0 h
        32: "America/Chicago",  # 1 h
        33: "America/Los_Angeles",  # 3 h
        34: "Europe/London",  # 5 h
        35: "Pacific/Auckland",  # UTC+13: 18 h ahead is 6 h behind, round the clock
        36: "Asia/Tokyo",  # UTC+9: 14 h ahead is 10 h behind
        37: "Asia/Kolkata",  # UTC+5:30: 10.5 h
    }
    coaches = [replace(COACH, member_id=i, timezone=z) for i, z in reversed(zones.items())]
    assert order(need, coaches) == [31, 32, 33, 34, 35, 36, 37]


def test_daylight_saving_changes_the_distance():
    need = replace(NEED, timezone="America/Phoenix")  # UTC-7 all year
    los_angeles = replace(COACH, member_id=40, timezone="America/Los_Angeles")  # UTC-8 in Nov, UTC-7 in July
    denver = replace(COACH, member_id=41, timezone="America/Denver", active_count=0)  # UTC-7 in Nov, UTC-6 in July
    assert order(need, [los_angeles, denver], now=NOW) == [41, 40]
    assert order(need, [los_angeles, denver], now=JULY) == [40, 41]


def test_an_unknown_zone_counts_as_utc():
    need = replace(NEED, timezone="Mars/Olympus")
    london = replace(COACH, member_id=51, timezone="Europe/London")  # UTC+0 in November
    new_york = replace(COACH, member_id=50, timezone="America/New_York")
    assert order(need, [new_york, london]) == [51, 50]
    assert order(replace(NEED, timezone=""), [new_york, london]) == [51, 50]


def test_ties_are_broken_the_same_way_whatever_the_input_order():
    coaches = [replace(COACH, member_id=i) for i in (42, 7, 19, 3, 28)]
    expected = [3, 7, 19, 28, 42]
    assert order(NEED, coaches) == expected
    assert order(NEED, list(reversed(coaches))) == expected
    assert order(NEED, sorted(coaches, key=lambda c: c.member_id % 5)) == expected


def test_a_full_table_in_rank_order():
    need = Need(1, "physician", "ED", peer="any", specialty="emergency", languages=("es",), timezone="America/New_York")
    coaches = [
        Candidate(60, "nurse", "ICU", "emergency", ("es",), timezone="America/New_York"),
        Candidate(61, "physician", "Cardiology", "", ("en",), 3, 2, timezone="America/New_York"),
        Candidate(62, "physician", "Cardiology", "", ("en",), 3, 1, timezone="Europe/London"),
        Candidate(63, "resident", "Surgery", "", ("es",), timezone="Asia/Tokyo"),
        Candidate(64, "physician", "Oncology", "emergency medicine", ("en",), timezone="America/New_York"),
        Candidate(65, "physician", "ED", "emergency medicine", ("es",)),  # same department
        Candidate(66, "physician", "Peds", "emergency medicine", ("es",), available=False),
        Candidate(67, "physician", "Peds", "emergency medicine", ("es",), 2, 2),  # full
        Candidate(68, "physician", "Peds", "", ("en",), 3, 1, timezone="America/Chicago"),
    ]
    assert order(need, coaches, excluded={64 + 100}) == [64, 63, 68, 62, 61, 60]
    assert order(need, coaches, excluded={64, 63}) == [68, 62, 61, 60]
