"""Scheduled check-ins through the Slack Sender: metadata, the DM history look-up, 429s and unreachable people."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.pacer import Pacer, PaceSettings
from scheduler.tick import tick
from tests.bot.conftest import NOW
from tests.clocks import SimClock, instant_sdk_retries
from tests.worlds import due_at_nine

pytestmark = pytest.mark.asyncio


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


async def _due_rows(slack, users):
    store = slack.store
    ws = store.members.ensure_workspace("slack", "T0001", NOW - timedelta(days=1))
    for user in users:
        store.members.ensure_member(ws.id, user, NOW - timedelta(days=1), timezone="America/New_York", welcomed=True)
    due_at_nine(store, ws.id, NOW)
    tick(store, NOW)
    return ws


def _deliverer(slack, clock, throttles=None):
    seconds = SimClock()
    pacer = Pacer(PaceSettings(start_rate=50), clock=seconds, sleep=seconds.sleep)
    if throttles is not None:
        slack.adapter.throttled = lambda team, seconds: throttles.append((team, seconds))
    return Deliverer(slack.store, {"slack": slack.adapter.sender}, pacer, worker_id="w", clock=clock)


async def test_check_ins_carry_their_delivery_id_and_keep_the_dm_channel(slack):
    ws = await _due_rows(slack, ["ULEE", "UKIM"])
    assert await _deliverer(slack, Clock()).run_once() == 2
    message = slack.fake.messages("ULEE")[-1]
    row = slack.store.outbox.deliveries_for(slack.store.members.member_by_user(ws.id, "ULEE").id)[0]
    payload = {"delivery_id": row.id, "part": 0, "parts": 1}
    assert message["metadata"] == {"event_type": "microcoach_delivery", "event_payload": payload}
    assert row.status == "sent" and row.message_ref["channel"].startswith("D")
    assert slack.store.members.member_by_user(ws.id, "ULEE").dm_channel == message["channel"]


async def test_check_ins_share_one_kept_alive_connection(slack):
    await _due_rows(slack, [f"U{i:04d}" for i in range(4)])
    seconds = SimClock()
    pacer = Pacer(PaceSettings(start_rate=50), clock=seconds, sleep=seconds.sleep)
    one_at_a_time = DeliverySettings(concurrency=1)
    deliverer = Deliverer(
        slack.store, {"slack": slack.adapter.sender}, pacer, worker_id="w", clock=Clock(), settings=one_at_a_time
    )
    assert [await deliverer.run_once() for _ in range(5)] == [1, 1, 1, 1, 0]
    posts = [call for call in slack.fake.calls if call.method == "chat.postMessage"]
    assert len(posts) == 4
    # One after another, every send reuses the same connection (no new TCP and, on slack.com, TLS handshake).
    assert len({call.connection for call in posts}) == 1


async def test_a_lost_response_is_found_in_the_dm_history_not_sent_twice(slack):
    ws = await _due_rows(slack, ["ULEE"])
    slack.fake.lose_response("chat.postMessage")
    clock = Clock()
    deliverer = _deliverer(slack, clock)
    await deliverer.run_once()
    row = slack.store.outbox.deliveries_for(slack.store.members.member_by_user(ws.id, "ULEE").id)[0]
    assert (row.status, row.outcome_unknown) == ("pending", True)
    clock.now += timedelta(seconds=5)
    await deliverer.run_once()
    assert slack.store.outbox.delivery(row.id).status == "sent"
    assert slack.fake.duplicates() == 0 and len(slack.fake.messages("ULEE")) == 1
    assert slack.fake.calls_to("conversations.history")


async def test_a_429_goes_through_slack_sdk_s_handler_and_tells_the_pacer(slack, monkeypatch):
    waited = instant_sdk_retries(monkeypatch)
    await _due_rows(slack, ["ULEE"])
    slack.fake.fail_next("chat.postMessage", 429, retry_after=1)
    throttles = []
    await _deliverer(slack, Clock(), throttles).run_once()
    assert throttles == [("T0001", 1.0)] and 1.0 <= waited.slept[0] < 2.0  # Retry-After (+ the SDK's jitter)
    assert slack.store.outbox.outbox_counts()["sent"] == 1 and slack.fake.status_count(429) == 1


async def test_a_deactivated_person_is_marked_unreachable(slack):
    slack.fake.add_user("UGONE", "gone", deleted=True)
    ws = await _due_rows(slack, ["UGONE"])
    slack.fake.fail_next("chat.postMessage", error="user_disabled")
    await _deliverer(slack, Clock()).run_once()
    member = slack.store.members.member_by_user(ws.id, "UGONE")
    assert slack.store.outbox.deliveries_for(member.id)[0].status == "unreachable"
    assert member.unreachable_reason == "Slack says user_disabled"


async def test_an_uninstalled_workspace_gets_nothing(slack):
    ws = await _due_rows(slack, ["ULEE"])
    slack.store.members.set_workspace_active(ws.id, False, NOW)
    await _deliverer(slack, Clock()).run_once()
    assert slack.store.outbox.outbox_counts()["skipped"] == 1 and slack.fake.messages("ULEE") == []


async def test_slack_sdk_s_retry_waits_for_the_pacer_slot(slack):
    await _due_rows(slack, ["ULEE"])
    seconds = SimClock()
    pacer = Pacer(PaceSettings(start_rate=50), clock=seconds, sleep=seconds.sleep)
    slack.adapter._pacer, slack.adapter._clients = pacer, {}
    slack.fake.fail_next("chat.postMessage", 429, retry_after=3)
    deliverer = Deliverer(slack.store, {"slack": slack.adapter.sender}, pacer, worker_id="w", clock=Clock())
    await deliverer.run_once()
    assert slack.store.outbox.outbox_counts()["sent"] == 1
    assert seconds.t >= 3.0  # the retry waited out Retry-After inside the pacer, not in a sleep of its own
    assert pacer.rate("slack:T0001") < 50
