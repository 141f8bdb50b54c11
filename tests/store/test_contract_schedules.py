"""Store contract, schedules and audiences: who a schedule reaches, in which zones, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.store.contract import person, schedule, workspace


def test_a_schedule_is_kept_listed_and_changed_until_deleted(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    program = schedule(any_store, ws, now, name="weekly", days="mon", audience_kind="people", audience=[1, 2])
    got = any_store.schedules.schedule(ws.id, program.id)
    assert (got.name, got.days, got.audience, got.status, got.active_since) == ("weekly", "mon", [1, 2], "active", now)
    assert any_store.schedules.schedule(other.id, program.id) is None
    later = now + timedelta(hours=2)
    assert any_store.schedules.update_schedule(ws.id, program.id, later, local_time="10:30") is True
    changed = any_store.schedules.schedule(ws.id, program.id)
    assert (changed.local_time, changed.active_since) == ("10:30", later)  # a change does not fire for the past
    assert any_store.schedules.update_schedule(ws.id, program.id, status="paused") is True
    assert any_store.schedules.schedule(ws.id, program.id).active_since == later  # no `now`: the start stays
    assert any_store.schedules.update_schedule(other.id, program.id, status="active") is False
    assert any_store.schedules.update_schedule(ws.id, program.id, status="deleted") is True
    assert any_store.schedules.schedule(ws.id, program.id) is None
    assert any_store.schedules.update_schedule(ws.id, program.id, status="active") is False  # deleted stays deleted


def test_unknown_schedule_fields_are_refused(any_store, now):
    ws = workspace(any_store, now)
    with pytest.raises(ValueError, match="not schedule fields"):
        schedule(any_store, ws, now, colour="red")
    sched = schedule(any_store, ws, now)
    with pytest.raises(ValueError, match="not schedule fields"):
        any_store.schedules.update_schedule(ws.id, sched.id, owner_member_id=1)


def test_own_times_are_apart_from_the_program_s_schedules(any_store, now):
    ws = workspace(any_store, now)
    ana, ben = person(any_store, ws, "U1", now), person(any_store, ws, "U2", now)
    program = schedule(any_store, ws, now)
    own = schedule(any_store, ws, now, audience_kind="member", owner_member_id=ana.id, created_by=ana.id)
    assert [s.id for s in any_store.schedules.all(ws.id)] == [program.id]
    assert [s.id for s in any_store.schedules.all(ws.id, include_personal=True)] == [program.id, own.id]
    assert any_store.schedules.personal_schedule(ws.id, ana.id).id == own.id
    assert any_store.schedules.personal_schedule(ws.id, ben.id) is None
    assert any_store.schedules.members_with_own_time(ws.id) == {ana.id}
    any_store.schedules.update_schedule(ws.id, own.id, status="paused")
    assert any_store.schedules.members_with_own_time(ws.id) == set()  # a paused own time gives the program back
    assert any_store.schedules.personal_schedule(ws.id, ana.id).id == own.id


def test_the_tick_starts_from_active_schedules_of_installed_workspaces(any_store, now):
    ws, gone = workspace(any_store, now), workspace(any_store, now, "T2")
    live = schedule(any_store, ws, now)
    paused = schedule(any_store, ws, now)
    any_store.schedules.update_schedule(ws.id, paused.id, status="paused")
    schedule(any_store, gone, now)
    any_store.members.set_workspace_active(gone.id, False, now)
    assert [s.id for s in any_store.schedules.active_schedules()] == [live.id]


def test_member_zones_are_the_distinct_zones_of_active_members(any_store, now):
    ws = workspace(any_store, now)
    for user_id, zone in (("U1", "America/New_York"), ("U2", "America/New_York"), ("U3", "Asia/Kolkata")):
        person(any_store, ws, user_id, now, timezone=zone)
    person(any_store, ws, "U4", now, timezone="Europe/Paris", status="stopped")
    person(any_store, workspace(any_store, now, "T2"), "U5", now, timezone="Europe/Lisbon")
    assert sorted(any_store.schedules.member_zones(ws.id)) == ["America/New_York", "Asia/Kolkata"]


@pytest.fixture
def team(any_store, now):
    """Four active people and one stopped, in two zones; Dee has her own time."""
    ws = workspace(any_store, now)
    ana = person(any_store, ws, "ana", now, timezone="America/New_York")
    ben = person(any_store, ws, "ben", now, timezone="Europe/London")
    cy = person(any_store, ws, "cy", now, timezone="America/New_York")
    dee = person(any_store, ws, "dee", now, timezone="America/New_York")
    person(any_store, ws, "eve", now, timezone="America/New_York", status="stopped")
    person(any_store, workspace(any_store, now, "T2"), "far", now, timezone="America/New_York")
    own = schedule(any_store, ws, now, audience_kind="member", owner_member_id=dee.id)
    return ws, ana, ben, cy, dee, own


def _ids(members):
    return [m.id for m in members]


def test_everyone_means_active_members_without_their_own_time(any_store, now, team):
    ws, ana, ben, cy, dee, own = team
    everyone = schedule(any_store, ws, now)
    assert _ids(any_store.schedules.audience_members(everyone)) == [ana.id, ben.id, cy.id]
    assert _ids(any_store.schedules.audience_members(everyone, "America/New_York")) == [ana.id, cy.id]
    assert _ids(any_store.schedules.audience_members(everyone, "Asia/Tokyo")) == []
    assert _ids(any_store.schedules.audience_members(own)) == [dee.id]
    assert _ids(any_store.schedules.audience_members(own, "Europe/London")) == []


def test_channel_and_people_audiences_reach_only_their_people(any_store, now, team):
    ws, ana, ben, cy, dee, _own = team
    any_store.members.set_channel_members(ws.id, "C1", "icu", [ana.id, dee.id])
    any_store.members.set_channel_members(ws.id, "C2", "ed", [ben.id, ana.id])
    channels = schedule(any_store, ws, now, audience_kind="channel", audience=["C1", "C2"])
    reached = _ids(any_store.schedules.audience_members(channels))
    # Ana is in both channels and comes back twice (handlers only ever set one channel; the outbox's key dedupes).
    assert sorted(set(reached)) == [ana.id, ben.id]  # Dee keeps her own time
    people = schedule(any_store, ws, now, audience_kind="people", audience=[cy.id, dee.id])
    assert _ids(any_store.schedules.audience_members(people)) == [cy.id]
    assert _ids(any_store.schedules.audience_members(people, "Europe/London")) == []


def test_personal_schedules_come_with_their_owner_s_zone(any_store, now, team):
    ws, ana, ben, _cy, dee, own = team
    ben_own = schedule(any_store, ws, now, audience_kind="member", owner_member_id=ben.id)
    stopped = schedule(any_store, ws, now, audience_kind="member", owner_member_id=ana.id)
    any_store.members.update_member(ws.id, ana.id, status="stopped")
    found = {s.id: zone for s, zone in any_store.schedules.personal_schedules(ws.id)}
    assert found == {own.id: "America/New_York", ben_own.id: "Europe/London"}
    assert stopped.id not in found
