"""Fast takeover with no configuration: short leases renewed by a heartbeat, claims checked before recording sent."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.pacer import Pacer, PaceSettings
from scheduler.runner import Runner
from scheduler.sender import SendResult
from scheduler.tick import tick
from store.rows import LearnedPace
from tests.clocks import SimClock
from tests.scheduler.test_pacer import send_through
from tests.worlds import due_at_nine

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # 09:00 in New York


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


class Sender:
    platform = "console"

    def __init__(self):
        self.posted: list[int] = []
        self.during_send = None  # called between posting and returning (another worker acts meanwhile)

    async def send(self, out):
        self.posted.append(out.delivery_id)
        if self.during_send is not None:
            self.during_send()
        return SendResult("sent", {"n": len(self.posted)})

    async def find_sent(self, out, since):
        return SendResult("sent", {"found": True}) if out.delivery_id in self.posted else None


class GatedPacer(Pacer):
    """Every send waits at the pacer until the test opens the gate (a long Retry-After, say)."""

    def __init__(self):
        super().__init__(PaceSettings(start_rate=100))
        self.gate = asyncio.Event()
        self.waiting = 0

    async def acquire(self, key):
        self.waiting += 1
        await self.gate.wait()


def _world(store, people=3):
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    members = [
        store.members.ensure_member(ws.id, f"p{i}", NOW - timedelta(days=2), timezone="America/New_York", welcomed=True)
        for i in range(people)
    ]
    due_at_nine(store, ws.id, NOW)
    tick(store, NOW)
    return ws, members


def _deliverer(store, sender, clock, worker, pacer=None):
    pacer = pacer or Pacer(PaceSettings(start_rate=100))
    return Deliverer(store, {"console": sender}, pacer, worker_id=worker, clock=clock)


def test_leases_are_thirty_seconds_or_less():
    assert DeliverySettings().lease <= timedelta(seconds=30)
    assert DeliverySettings().heartbeat * 2 < DeliverySettings().lease.total_seconds()


async def test_the_heartbeat_renews_rows_waiting_on_the_pacer_so_nobody_else_takes_them(any_store):
    store = any_store
    _world(store)
    clock, sender, pacer = Clock(), Sender(), GatedPacer()
    holder = _deliverer(store, sender, clock, "holder", pacer)
    rows = await holder._claim(10)
    tasks = [asyncio.create_task(holder.deliver(row)) for row in rows]
    while pacer.waiting < len(rows):
        await asyncio.sleep(0)
    for _ in range(6):  # three minutes at the pacer, renewed every 20 s
        clock.now += timedelta(seconds=20)
        assert await holder.heartbeat() == 3
        assert store.outbox.claim("other", clock.now, 10, timedelta(seconds=30)) == []
    pacer.gate.set()
    assert set(await asyncio.gather(*tasks)) == {"sent"}
    assert sorted(sender.posted) == sorted(row.id for row in rows)  # each once
    assert await holder.heartbeat() == 0  # nothing held any more


async def test_a_dead_worker_s_rows_are_taken_over_within_thirty_seconds_whatever_its_id(any_store):
    store = any_store
    ws, members = _world(store)
    clock, sender = Clock(), Sender()
    dead = _deliverer(store, sender, clock, "host:123:aaaa")
    await dead._claim(10)  # then SIGKILL: no heartbeat, no release
    clock.now += timedelta(seconds=29)
    assert await _deliverer(store, sender, clock, "host:456:bbbb").run_once() == 0
    clock.now += timedelta(seconds=2)
    assert await _deliverer(store, sender, clock, "host:456:bbbb").run_once() == 3
    assert store.outbox.outbox_counts()["sent"] == 3 and len(sender.posted) == 3


async def test_a_worker_that_lost_its_claim_does_not_record_sent(any_store):
    store = any_store
    ws, (member, *_) = _world(store, people=1)
    clock, sender = Clock(), Sender()
    slow = _deliverer(store, sender, clock, "slow")
    other = _deliverer(store, sender, clock, "other")
    taken = []

    def stall_past_the_lease():
        clock.now += timedelta(seconds=45)
        taken.extend(store.outbox.claim("other", clock.now, 10, timedelta(seconds=30)))

    sender.during_send = stall_past_the_lease
    assert await slow.run_once() == 1
    row = store.outbox.deliveries_for(member.id)[0]
    assert len(taken) == 1 and (row.status, row.claimed_by, row.outcome_unknown) == ("claimed", "other", True)
    assert store.checkins.current_conversation(ws.id, member.id) is None  # the slow worker opened nothing
    sender.during_send = None
    assert await other.deliver(taken[0]) == "sent"
    assert sender.posted == [row.id]  # found in the DM, not sent twice
    assert store.checkins.current_conversation(ws.id, member.id).delivery_id == row.id


def test_workers_get_distinct_ids_without_configuration(store):
    first, second = Runner(store, {}), Runner(store, {})
    assert first.worker_id != second.worker_id and not first.stable_id
    assert Runner(store, {}, worker_id="worker.1").worker_id == "worker.1"


def test_the_pacer_runs_on_a_monotonic_clock(store):
    assert Runner(store, {}).pacer._clock is time.monotonic
    assert Pacer()._clock is time.monotonic


def test_the_tick_runs_often_enough_for_the_lead_to_move_within_thirty_seconds(store):
    from scheduler.runner import TICK_SECONDS

    assert 60 // int(TICK_SECONDS.removeprefix("*/")) >= 2


async def test_a_big_workspace_s_backlog_never_keeps_a_small_one_waiting(store):
    big = store.members.ensure_workspace("console", "big", NOW - timedelta(days=2))
    small = store.members.ensure_workspace("console", "small", NOW - timedelta(days=2))
    for ws, people in ((big, 30), (small, 3)):
        for i in range(people):
            store.members.ensure_member(
                ws.id, f"p{i}", NOW - timedelta(days=2), timezone="America/New_York", welcomed=True
            )
        due_at_nine(store, ws.id, NOW)
    tick(store, NOW)  # the big one's rows get the older ids: a plain claim would take them first
    deliverer = _deliverer(store, Sender(), Clock(), "w1", Pacer(PaceSettings(start_rate=5)))
    first = await deliverer._claim(20, deliverer._full_workspaces())
    assert {row.workspace_id for row in first} == {big.id}
    assert deliverer._full_workspaces() == [big.id]  # 20 waiting >= 2 s of its pace
    second = await deliverer._claim(20, deliverer._full_workspaces())
    assert {row.workspace_id for row in second} == {small.id} and len(second) == 3


async def test_a_worker_starting_after_another_begins_each_lane_where_it_was_left(any_store):
    # No MICROCOACH_WORKER_ID, a restart mid-fan-out: the new process must not probe from the starting rate again.
    store = any_store
    _world(store)
    clock, seconds = Clock(), SimClock()
    first_pacer = Pacer(PaceSettings(start_rate=5), clock=seconds, sleep=seconds.sleep)
    first = _deliverer(store, Sender(), clock, "host:1:aaaa", first_pacer)
    assert await first.run_once() == 3
    first_pacer.throttled("console:demo", 1.0)  # the platform's limit found
    learned = first_pacer.learned()["console:demo"]
    assert await first.paces.sync() == []  # what it does every two seconds while it sends

    second_pacer = Pacer(PaceSettings(start_rate=5))
    second = _deliverer(store, Sender(), clock, "host:2:bbbb", second_pacer)
    stop = asyncio.Event()
    stop.set()
    await second.run(stop, asyncio.Event())
    assert second_pacer.rate("console:demo") == learned.rate
    assert second_pacer._lane("console:demo").ceiling == learned.ceiling


async def test_when_a_peer_on_the_same_lane_stops_sending_the_survivor_climbs_to_the_whole_limit(any_store):
    # Two workers share a workspace's limit, each settled on about half. One is SIGKILLed: within seconds the
    # other must stop keeping to its half (it would for minutes: its own sending says nothing of the freed half).
    store = any_store
    clock, seconds = Clock(), SimClock()
    pacers = {w: Pacer(PaceSettings(start_rate=25), clock=seconds, sleep=seconds.sleep) for w in ("w1", "w2")}
    workers = {w: _deliverer(store, Sender(), clock, w, pacer) for w, pacer in pacers.items()}
    for pacer in pacers.values():
        await send_through(pacer, "console:demo", 10)
        pacer.throttled("console:demo", 1.0)  # each found its share of the limit
        seconds.t += 1.0
        await send_through(pacer, "console:demo", 5)
    for _ in range(2):  # both write every two seconds, and each sees the other's writes move on
        assert await workers["w1"].paces.sync() == [] and await workers["w2"].paces.sync() == []
        clock.now += timedelta(seconds=2)
    assert await workers["w1"].paces.sync() == []  # w2 is still there
    share = pacers["w1"].rate("console:demo")
    clock.now += timedelta(seconds=6)  # w2 died: it has not written for longer than a peer is counted alive
    await send_through(pacers["w1"], "console:demo", 1)
    assert await workers["w1"].paces.sync() == ["console:demo"]
    await send_through(pacers["w1"], "console:demo", 40)
    assert pacers["w1"].rate("console:demo") > 1.5 * share  # climbing at the recovery pace, not creeping


async def test_a_restarted_worker_does_not_take_its_dead_predecessor_for_a_peer_that_left(any_store):
    # The predecessor wrote its lanes just before its SIGKILL; the new process must not climb past the limit
    # it restored because that last write goes stale.
    store = any_store
    clock, seconds = Clock(), SimClock()
    store.pacing.remember_paces("host:1:dead", {"console:demo": LearnedPace(48.0, 51.0, False)}, NOW)
    pacer = Pacer(PaceSettings(start_rate=5), clock=seconds, sleep=seconds.sleep)
    restarted = _deliverer(store, Sender(), clock, "host:2:new", pacer)
    assert await restarted.paces.restore() == 1
    for _ in range(5):
        clock.now += timedelta(seconds=2)
        await send_through(pacer, "console:demo", 10)
        assert await restarted.paces.sync() == []
    assert pacer._lane("console:demo").ceiling == 51.0


async def test_paces_learned_long_ago_are_probed_again(any_store):
    store = any_store
    store.pacing.remember_paces("old", {"console:demo": LearnedPace(40.0, 44.0, False)}, NOW - timedelta(days=2))
    pacer = Pacer(PaceSettings(start_rate=5))
    assert await _deliverer(store, Sender(), Clock(), "w", pacer).paces.restore() == 0
    assert pacer.rate("console:demo") == 5
