"""The APScheduler wiring: one tick job (coalesced, one at a time), housekeeping, and a leader per database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scheduler.runner import Runner
from scheduler.sender import SendResult
from tests.worlds import due_at_nine

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


class Sink:
    platform = "console"

    def __init__(self):
        self.sent = []
        self.arrived = asyncio.Event()

    async def send(self, out):
        self.sent.append(out)
        self.arrived.set()
        return SendResult("sent", {"n": len(self.sent)})

    async def find_sent(self, out, since):
        return None


def _world(store):
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=1))
    store.members.ensure_member(ws.id, "p1", NOW - timedelta(days=1), timezone="America/New_York", welcomed=True)
    due_at_nine(store, ws.id, NOW)


async def test_jobs_are_registered_once_and_a_tick_wakes_the_deliverer(store):
    _world(store)
    sink = Sink()
    runner = Runner(store, {"console": sink}, clock=lambda: NOW)
    runner.start()
    try:
        jobs = {job.id: job for job in runner._scheduler.get_jobs()}
        assert set(jobs) == {"tick", "housekeeping", "daily"}
        assert jobs["tick"].coalesce is True and jobs["tick"].max_instances == 1
        assert await runner.tick_now() == 1
        await asyncio.wait_for(sink.arrived.wait(), timeout=10)
        assert len(sink.sent) == 1
    finally:
        await runner.stop()
    assert store.outbox.outbox_counts()["sent"] == 1


async def test_only_the_leader_ticks(store):
    _world(store)
    first = Runner(store, {}, clock=lambda: NOW)
    second = Runner(store, {}, clock=lambda: NOW)
    assert await first.tick_now() == 1
    assert await second.tick_now() == 0
    first.leader.release()
    second.leader.release()


async def test_the_lead_moves_at_the_next_tick_when_the_leader_dies(store):
    _world(store)
    first = Runner(store, {}, clock=lambda: NOW)
    second = Runner(store, {}, clock=lambda: NOW + timedelta(minutes=1))
    assert await first.tick_now() == 1 and first.leader.try_acquire()
    assert second.leader.try_acquire() is False
    first.leader.release()  # the process died: its lock (advisory, or the file's) goes with it
    await second.tick_now()  # the next tick, at most 15 s later, finds the lead free
    assert second.leader.try_acquire() is True
    second.leader.release()
