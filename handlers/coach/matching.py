"""Choosing a peer coach: who is eligible, and in what order to ask them. Pure, so it is table-tested."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from handlers.timing.zones import zone_or_utc

# Physicians in training are coached as physicians: the peer principle is about shared work, not rank.
ROLE_FAMILY = {
    "physician": "physician",
    "resident": "physician",
    "nurse": "nurse",
    "app": "app",
    "other": "other",
}


@dataclass(frozen=True)
class Need:
    """What the requester asked for, and what matching must know about them."""

    requester_id: int
    role: str | None
    department: str | None
    peer: str = "same"  # same | any | a role
    specialty: str = ""
    languages: tuple[str, ...] = ("en",)
    timezone: str = "UTC"


@dataclass(frozen=True)
class Candidate:
    """A coach on the roster as matching sees them."""

    member_id: int
    role: str
    department: str = ""
    specialty: str = ""
    languages: tuple[str, ...] = ("en",)
    capacity: int = 3
    active_count: int = 0
    available: bool = True
    timezone: str = "UTC"
    name: str = field(default="", compare=False)


def family(role: str | None) -> str | None:
    return ROLE_FAMILY.get((role or "").lower())


def wanted_family(need: Need) -> str | None:
    """The role family the requester asked for; None means any."""
    if need.peer == "any":
        return None
    if need.peer == "same":
        return family(need.role)
    return family(need.peer)


def eligible(need: Need, coach: Candidate, excluded: Iterable[int] = ()) -> bool:
    """On the roster, available, below capacity, not the requester, not from their department, not declined."""
    same_department = bool(need.department) and coach.department.strip().lower() == need.department.strip().lower()
    wanted = wanted_family(need)
    return (
        coach.available
        and coach.active_count < coach.capacity
        and coach.member_id != need.requester_id
        and not same_department
        and coach.member_id not in set(excluded)
        and (wanted is None or family(coach.role) == wanted)
    )


def match(need: Need, coaches: Sequence[Candidate], excluded: Iterable[int] = (), *, now: datetime) -> list[Candidate]:
    """Eligible coaches, best first: same role, specialty, shared language, fewest clients, nearest zone, id."""
    excluded = set(excluded)
    ranked = [c for c in coaches if eligible(need, c, excluded)]
    return sorted(ranked, key=lambda coach: _rank(need, coach, now))


def _rank(need: Need, coach: Candidate, now: datetime) -> tuple:
    same_role = family(coach.role) == family(need.role)
    specialty = bool(need.specialty) and need.specialty.strip().lower() in coach.specialty.lower()
    language = bool(set(need.languages) & set(coach.languages))
    return (
        not same_role,
        not specialty,
        not language,
        coach.active_count,
        _zone_gap_hours(need.timezone, coach.timezone, now),
        coach.member_id,
    )


def _zone_gap_hours(a: str, b: str, now: datetime) -> float:
    """How far apart two zones' clocks are right now, in hours (0 to 12)."""
    gap = abs((_offset(a, now) - _offset(b, now)) / 3600) % 24
    return min(gap, 24 - gap)


def _offset(zone: str, now: datetime) -> float:
    return now.astimezone(zone_or_utc(zone)).utcoffset().total_seconds()
