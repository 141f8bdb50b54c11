"""The deliverer with a recording sender and a hand-moved clock: sends, skips, retries, leases, Retry-After."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta

import pytest

from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.pacer import Pacer, PaceSettings
from scheduler.sender import SendResult
from scheduler.tick import tick
from tests.worlds import due_at_nine

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # 09:00 in New York


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    async def sleep(self, seconds):  # the pacer "waits" by moving the clock: tests never sleep
        self.now += timedelta(seconds=seconds)


class RecordingSender:
    """Delivers into a list; scripted results let a test play 429s, 5xx and lost responses."""

    platform = "console"

    def __init__(self):
        self.delivered: list = []
        self.script: dict[str, deque] = {}  # per person, so concurrent sends meet their own script
        self.lookups = 0

    def plan(self, user_id, *results):
        self.script.setdefault(user_id, deque()).extend(results)

    async def send(self, out):
        queue = self.script.get(out.recipient.user_id)
        result = queue.popleft() if queue else SendResult("sent", {"ts": str(len(self.delivered))})
        if result.status == "sent" or result.reason == "lost response":
            self.delivered.append(out)
        return result if result.reason != "lost response" else SendResult("retry", reason="timeout")

    async def find_sent(self, out, since):
        self.lookups += 1
        found = any(d.delivery_id == out.delivery_id for d in self.delivered)
        return SendResult("sent", {"found": True}) if found else None


@pytest.fixture
def setup(store):
    clock = Clock(NOW - timedelta(minutes=1))
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    people = [
        store.members.ensure_member(
            ws.id,
            f"p{i}",
            NOW - timedelta(days=2),
            timezone="America/New_York",
            display_name=f"Person {i}",
            welcomed=True,
        )
        for i in range(3)
    ]
    due_at_nine(store, ws.id, NOW)
    sender = RecordingSender()
    pacer = Pacer(PaceSettings(start_rate=100), clock=lambda: clock().timestamp(), sleep=clock.sleep)
    deliverer = Deliverer(
        store, {"console": sender}, pacer, worker_id="w1", clock=clock, settings=DeliverySettings(backoff_base=2.0)
    )
    clock.now = NOW
    tick(store, NOW)
    return store, clock, sender, deliverer, ws, people


def statuses(store, people):
    return [store.outbox.deliveries_for(p.id)[0].status for p in people]


async def test_due_rows_are_sent_once_and_open_a_check_in(setup):
    store, clock, sender, deliverer, ws, people = setup
    assert await deliverer.run_once() == 3
    assert statuses(store, people) == ["sent"] * 3
    assert len(sender.delivered) == 3 and all(d.delivery_id for d in sender.delivered)
    out = sender.delivered[0]
    assert "?" in out.replies[0].text and out.replies[0].delivery_id == out.delivery_id
    assert {b.action for b in out.replies[0].buttons} >= {"checkin:skip", "checkin:snooze", "checkin:pause"}
    assert (
        store.checkins.current_conversation(ws.id, people[0].id).delivery_id
        == store.outbox.deliveries_for(people[0].id)[0].id
    )
    assert await deliverer.run_once() == 0


async def test_a_429_waits_for_retry_after_without_spending_an_attempt(setup):
    store, clock, sender, deliverer, ws, people = setup
    sender.plan("p0", SendResult("throttled", retry_after=30))
    await deliverer.run_once()
    row = store.outbox.deliveries_for(people[0].id)[0]
    assert (row.status, row.attempts, row.outcome_unknown) == ("pending", 0, False)
    assert NOW + timedelta(seconds=30) <= row.due_at < NOW + timedelta(seconds=31)  # pacing moved the clock a little
    assert deliverer._pacer.rate("console:demo") < 100  # it backed off
    clock.now += timedelta(seconds=31)
    await deliverer.run_once()
    assert statuses(store, people) == ["sent"] * 3 and len(sender.delivered) == 3


async def test_an_unknown_outcome_is_looked_up_before_sending_again(setup):
    store, clock, sender, deliverer, ws, people = setup
    sender.plan("p0", SendResult("sent", reason="lost response"))  # posted, but the answer never came
    await deliverer.run_once()
    first = store.outbox.deliveries_for(people[0].id)[0]
    assert (first.status, first.outcome_unknown) == ("pending", True)
    clock.now += timedelta(seconds=3)
    await deliverer.run_once()
    assert sender.lookups == 1
    assert len([d for d in sender.delivered if d.delivery_id == first.id]) == 1  # not sent twice
    assert store.outbox.delivery(first.id).status == "sent"


async def test_a_crashed_worker_s_rows_return_after_the_lease_and_are_not_doubled(setup):
    store, clock, sender, deliverer, ws, people = setup
    claimed = store.outbox.claim("dead-worker", NOW, 10, timedelta(minutes=2))
    from scheduler.sender import Outgoing, Recipient

    sender.delivered.append(Outgoing(Recipient("console", "demo", "p0"), (), claimed[0].id))  # it got one out
    assert await deliverer.run_once() == 0  # still leased
    clock.now += timedelta(minutes=3)
    assert await deliverer.run_once() == 3
    ids = [d.delivery_id for d in sender.delivered]
    assert sorted(ids) == sorted(r.id for r in claimed) and len(ids) == len(set(ids))
    assert statuses(store, people) == ["sent"] * 3


async def test_server_errors_back_off_then_fail_with_the_reason(setup):
    store, clock, sender, deliverer, ws, people = setup
    sender.plan("p0", *[SendResult("retry", reason="HTTP 503")] * 5)
    for _ in range(5):
        await deliverer.run_once()
        clock.now += timedelta(seconds=40)
    row = store.outbox.deliveries_for(people[0].id)[0]
    assert row.status == "failed" and "gave up after 5 attempts: HTTP 503" in row.reason
    assert sender.lookups == 4  # each retry looked first, since a 5xx may have posted


async def test_skips_are_decided_again_at_send_time(setup):
    store, clock, sender, deliverer, ws, people = setup
    store.members.update_member(ws.id, people[0].id, paused_until=NOW + timedelta(days=1))
    store.checkins.open_conversation(
        ws.id, people[1].id, NOW - timedelta(minutes=5), question_id="q", theme="t", stage="question"
    )
    store.members.update_member(ws.id, people[2].id, status="stopped")
    await deliverer.run_once()
    reasons = [store.outbox.deliveries_for(p.id)[0].reason for p in people]
    assert reasons == ["paused", "already in a conversation", "stopped"]
    assert sender.delivered == []


async def test_rows_older_than_the_grace_window_are_missed_not_flooded(setup):
    store, clock, sender, deliverer, ws, people = setup
    clock.now += timedelta(hours=3)
    await deliverer.run_once()
    assert statuses(store, people) == ["missed"] * 3 and sender.delivered == []


async def test_unreachable_people_are_marked(setup):
    store, clock, sender, deliverer, ws, people = setup
    sender.plan("p0", SendResult("unreachable", reason="app not installed for this person"))
    await deliverer.run_once()
    assert store.outbox.deliveries_for(people[0].id)[0].status == "unreachable"
    assert store.members.member(ws.id, people[0].id).unreachable_reason == "app not installed for this person"


async def test_the_first_check_in_carries_the_welcome(store):
    clock = Clock(NOW)
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    member = store.members.ensure_member(ws.id, "new", NOW - timedelta(days=2), timezone="America/New_York")
    due_at_nine(store, ws.id, NOW)
    tick(store, NOW)
    sender = RecordingSender()
    deliverer = Deliverer(
        store,
        {"console": sender},
        Pacer(clock=lambda: clock().timestamp(), sleep=clock.sleep),
        worker_id="w",
        clock=clock,
    )
    await deliverer.run_once()
    assert "what is kept" in sender.delivered[0].replies[0].text.lower()
    assert store.members.member(ws.id, member.id).welcomed is True


async def test_a_check_in_left_idle_for_twelve_hours_does_not_block_the_next(setup):
    store, clock, sender, deliverer, ws, people = setup
    for person in people:
        store.checkins.open_conversation(
            ws.id, person.id, NOW - timedelta(hours=12), question_id="q", theme="t", stage="question"
        )
    await deliverer.run_once()
    assert statuses(store, people) == ["sent"] * 3
