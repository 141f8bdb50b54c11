"""Named shapes for the reads that return more than one record, so callers say `.member`, not `[1]`."""

from __future__ import annotations

from typing import NamedTuple

from store.models import AuditEntry, CoachProfile, CoachRequest, Member, Schedule


class RosterEntry(NamedTuple):
    """A coach on the roster: their profile and who they are."""

    profile: CoachProfile
    member: Member


class Client(NamedTuple):
    """A coach's current client: the matched request and the person who asked."""

    request: CoachRequest
    member: Member


class OwnSchedule(NamedTuple):
    """A member's own check-in time and the zone it is kept in."""

    schedule: Schedule
    zone: str


class AuditPage(NamedTuple):
    """One page of the audit log and how many entries there are in all."""

    entries: list[AuditEntry]
    total: int


class LearnedPace(NamedTuple):
    """What a pacer knows of one lane: its sending rate, the rate of its last 429 (None: none yet), slow start."""

    rate: float
    ceiling: float | None
    probing: bool
