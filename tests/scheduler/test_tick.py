"""The tick: the right people, at their own local time, once per occurrence; skips, shifts, DST and downtime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scheduler.tick import tick


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class World:
    """A workspace with people and schedules, built straight in the store."""

    def __init__(self, store, now):
        self.store, self.now = store, now
        self.ws = store.members.ensure_workspace("console", "demo", now - timedelta(days=30))

    def person(self, handle, zone="America/New_York", **fields):
        return self.store.members.ensure_member(
            self.ws.id, handle, self.now - timedelta(days=30), handle=handle, timezone=zone, **fields
        )

    def schedule(self, days="daily", time="09:00", zone=None, audience="everyone", targets=(), created=None, **extra):
        from handlers.timing.recurrence import parse_days

        return self.store.schedules.add_schedule(
            self.ws.id,
            created or self.now - timedelta(days=30),
            name="s",
            days=",".join(parse_days(days)),
            local_time=time,
            timezone=zone,
            audience_kind=audience,
            audience=list(targets),
            theme=None,
            **extra,
        )

    def rows(self):
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from store.models import Delivery

        with Session(self.store.engine) as s:
            return list(s.scalars(select(Delivery).order_by(Delivery.due_at, Delivery.member_id)))


@pytest.fixture
def world(store):
    return World(store, at("2026-11-25 00:00"))


def test_member_local_time_in_every_zone_and_nothing_twice(world, store):
    ny, london, kolkata = world.person("ny"), world.person("ldn", "Europe/London"), world.person("in", "Asia/Kolkata")
    world.schedule(time="09:00")
    store.outbox.set_watermark("tick", at("2026-11-25 00:00"))
    assert tick(store, at("2026-11-25 16:00")).created == 3
    assert tick(store, at("2026-11-25 16:00")).created == 0
    store.outbox.set_watermark("tick", at("2026-11-25 00:00"))  # even a tick that looks again adds nothing
    assert tick(store, at("2026-11-25 16:00")).created == 0
    due = {r.member_id: r.due_at for r in world.rows()}
    assert due == {kolkata.id: at("2026-11-25 03:30"), london.id: at("2026-11-25 09:00"), ny.id: at("2026-11-25 14:00")}


def test_a_fixed_zone_schedule_goes_to_everyone_at_once(world, store):
    world.person("ny")
    world.person("ldn", "Europe/London")
    world.schedule(time="08:00", zone="America/Chicago")
    store.outbox.set_watermark("tick", at("2026-11-25 13:00"))
    tick(store, at("2026-11-25 14:00"))
    assert [r.due_at for r in world.rows()] == [at("2026-11-25 14:00")] * 2


@pytest.mark.parametrize(
    "local, start, ticks, expected",
    [
        # 02:30 does not exist on 8 March in New York: it moves to 03:30 EDT, once.
        (
            "02:30",
            "2026-03-01",
            ["2026-03-08 04:00", "2026-03-08 08:00", "2026-03-09 07:00"],
            ["2026-03-08 07:30", "2026-03-09 06:30"],
        ),
        # 01:30 happens twice on 1 November: the first one counts, once.
        (
            "01:30",
            "2026-10-20",
            ["2026-11-01 05:00", "2026-11-01 06:00", "2026-11-01 07:00", "2026-11-02 07:00"],
            ["2026-11-01 05:30", "2026-11-02 06:30"],
        ),
    ],
)
def test_daylight_saving_changes_give_one_occurrence_each_day(store, local, start, ticks, expected):
    world = World(store, at(start))
    world.person("ny", quiet_start="12:00", quiet_end="12:00")  # no quiet hours: this is about the clock
    world.schedule(time=local)
    store.outbox.set_watermark("tick", at(ticks[0]) - timedelta(hours=1))
    for moment in ticks:
        tick(store, at(moment))
    assert [r.due_at for r in world.rows()] == [at(e) for e in expected]
    assert {r.status for r in world.rows()} == {"pending"}


def test_quiet_hours_and_pauses_are_skipped_not_queued(world, store):
    night = world.person("night")
    paused = world.person("paused", paused_until=at("2026-12-01 00:00"))
    world.person("stopped", status="stopped")
    owl = world.person("owl", quiet_start="00:00", quiet_end="06:00")
    world.schedule(time="22:30")
    store.outbox.set_watermark("tick", at("2026-11-25 12:00"))
    tick(store, at("2026-11-26 04:00"))
    outcome = {r.member_id: (r.status, r.reason) for r in world.rows()}
    assert outcome == {
        night.id: ("skipped", "quiet hours"),
        paused.id: ("skipped", "paused"),
        owl.id: ("pending", None),
    }


def test_after_shift_timing_moves_the_send_time_past_an_overnight_shift(world, store):
    nurse = world.person("nurse", timing="after-shift", shifts=[{"start": "19:00", "end": "07:00", "days": ["wed"]}])
    day = world.person("day")
    world.schedule(time="20:00")
    store.outbox.set_watermark("tick", at("2026-11-25 12:00"))
    tick(store, at("2026-11-26 02:00"))
    rows = {r.member_id: r for r in world.rows()}
    assert (rows[day.id].status, rows[day.id].due_at) == ("pending", at("2026-11-26 01:00"))
    assert rows[nurse.id].due_at == at("2026-11-26 12:30")  # Thu 07:30 in New York, after the night shift
    assert rows[nurse.id].occurrence == at("2026-11-26 01:00")  # identity stays the schedule's occurrence
    assert rows[nurse.id].status == "pending"


def test_after_downtime_recent_occurrences_go_late_and_older_ones_are_missed(world, store):
    world.person("ny")
    world.schedule(time="09:00")
    world.schedule(time="11:30")
    store.outbox.set_watermark("tick", at("2026-11-25 13:00"))  # then the worker was down until 18:00 UTC
    result = tick(store, at("2026-11-25 18:00"))
    assert result.by_status == {"missed": 1, "pending": 1}
    late = [r for r in world.rows() if r.status == "pending"][0]
    assert late.due_at == at("2026-11-25 16:30")


def test_a_new_schedule_does_not_fire_for_the_past(world, store):
    world.person("ny")
    world.schedule(time="09:00", created=at("2026-11-25 14:30"))  # added at 09:30 New York time
    store.outbox.set_watermark("tick", at("2026-11-25 13:00"))
    assert tick(store, at("2026-11-25 15:00")).created == 0


def test_own_time_replaces_the_program_schedule(world, store):
    ana = world.person("ana")
    ben = world.person("ben")
    world.schedule(time="09:00")
    world.schedule(time="07:30", audience="member", owner_member_id=ana.id)
    store.outbox.set_watermark("tick", at("2026-11-25 05:00"))
    tick(store, at("2026-11-25 15:00"))
    assert {(r.member_id, r.due_at) for r in world.rows()} == {
        (ana.id, at("2026-11-25 12:30")),
        (ben.id, at("2026-11-25 14:00")),
    }


def test_channel_and_people_audiences(world, store):
    ana, ben, cy = world.person("ana"), world.person("ben"), world.person("cy")
    store.members.set_channel_members(world.ws.id, "C1", "icu", [ana.id, ben.id])
    world.schedule(time="09:00", audience="channel", targets=["C1"])
    world.schedule(time="10:00", audience="people", targets=[cy.id])
    store.outbox.set_watermark("tick", at("2026-11-25 05:00"))
    tick(store, at("2026-11-25 16:00"))
    assert {(r.member_id, r.due_at.hour) for r in world.rows()} == {(ana.id, 14), (ben.id, 14), (cy.id, 15)}


def test_paused_schedules_and_uninstalled_workspaces_send_nothing(world, store):
    world.person("ny")
    paused = world.schedule(time="09:00")
    store.schedules.update_schedule(world.ws.id, paused.id, status="paused")
    other = store.members.ensure_workspace("slack", "T9", world.now)
    store.members.ensure_member(other.id, "U1", world.now, timezone="America/New_York")
    store.schedules.add_schedule(
        other.id,
        world.now - timedelta(days=1),
        name="x",
        days="wed",
        local_time="09:00",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    store.members.set_workspace_active(other.id, False, at("2026-11-25 05:00"))
    store.outbox.set_watermark("tick", at("2026-11-25 05:00"))
    assert tick(store, at("2026-11-25 16:00")).created == 0
