"""Who a schedule reaches: the send-time check for one schedule agrees with the full list, case by case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from handlers.timing import due as planning

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


@pytest.fixture
def world(store):
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    lee, kim, own_time = (
        store.members.ensure_member(ws.id, user, NOW - timedelta(days=2), timezone="America/New_York")
        for user in ("lee", "kim", "own")
    )
    store.members.set_channel_members(ws.id, "C-ICU", "icu", [kim.id])

    def add(name, audience_kind, audience=(), *, status="active", owner=None):
        schedule = store.schedules.add_schedule(
            ws.id,
            NOW - timedelta(days=1),
            name=name,
            days="mon,tue,wed,thu,fri,sat,sun",
            local_time="09:00",
            timezone=None,
            audience_kind=audience_kind,
            audience=list(audience),
            theme=None,
            owner_member_id=owner,
            status=status,
        )
        return schedule

    schedules = [
        add("everyone", "everyone"),
        add("icu", "channel", ["C-ICU"]),
        add("lee only", "people", [lee.id]),
        add("paused", "everyone", status="paused"),
        add("own time", "member", owner=own_time.id),
    ]
    return store, [lee, kim, own_time], schedules


def test_reaches_agrees_with_schedules_for_for_every_member_and_schedule(world):
    store, members, schedules = world
    seen = {}
    for member in members:
        listed = {s.id for s in planning.schedules_for(store, member)}
        for schedule in schedules:
            assert planning.reaches(store, schedule, member) == (schedule.id in listed)
            seen[(member.user_id, schedule.name)] = schedule.id in listed
    assert seen[("lee", "everyone")] and seen[("lee", "lee only")] and not seen[("lee", "icu")]
    assert seen[("kim", "icu")] and not seen[("kim", "lee only")]
    assert not any(seen[(m.user_id, "paused")] for m in members)
    # Someone with their own time hears only from it, and nobody else hears from it.
    assert [name for (user, name), hit in seen.items() if user == "own" and hit] == ["own time"]
    assert not seen[("lee", "own time")]


def test_leaving_the_channel_stops_a_channel_schedule_reaching_them(world):
    store, (lee, kim, _own), schedules = world
    icu = schedules[1]
    assert planning.reaches(store, icu, kim)
    store.members.set_channel_members(kim.workspace_id, "C-ICU", "icu", [lee.id])
    assert not planning.reaches(store, icu, kim)
    assert planning.reaches(store, icu, lee)
