"""One post per delivery, and where a delivery has parts: crashes and 429s between them lose none and double none."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta

import pytest

from handlers.core.help import welcome
from handlers.core.vocabulary import Actor, Incoming, Reply
from handlers.dispatch import context_for
from scheduler import delivery as delivery_module
from scheduler.delivery import Deliverer
from scheduler.pacer import Pacer, PaceSettings
from scheduler.sender import SendResult
from scheduler.tick import tick
from tests.clocks import SimClock
from tests.worlds import due_at_nine

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # 09:00 in New York


class Crash(BaseException):
    """The process dies: nothing after this point runs (not an Exception, so nothing catches it)."""


class PartsSender:
    """Records every (delivery id, part) posted; a script per part plays 429s, lost answers and crashes."""

    platform = "console"

    def __init__(self, can_look: bool = True):
        self.posted: list[tuple[int, int]] = []
        self.script: dict[int, deque] = {}  # per part number
        self.can_look = can_look
        self.lookups: list[tuple[int, int]] = []

    def plan(self, part, *steps):
        self.script.setdefault(part, deque()).extend(steps)

    async def send(self, out):
        step = self.script.get(out.part, deque()).popleft() if self.script.get(out.part) else "ok"
        if step == "throttle":
            return SendResult("throttled", retry_after=5)
        if step == "crash before":
            raise Crash
        self.posted.append((out.delivery_id, out.part))
        if step == "crash after":
            raise Crash
        return SendResult("sent", {"part": out.part})

    async def find_sent(self, out, since):
        self.lookups.append((out.delivery_id, out.part))
        if self.can_look and (out.delivery_id, out.part) in self.posted:
            return SendResult("sent", {"part": out.part, "found": True})
        return None


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture
def world(any_store):
    store = any_store
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    member = store.members.ensure_member(
        ws.id, "p0", NOW - timedelta(days=2), timezone="America/New_York", display_name="Pat Doe", welcomed=True
    )
    due_at_nine(store, ws.id, NOW)
    tick(store, NOW)
    return store, ws, member


def _deliverer(store, sender, clock, worker="w1"):
    seconds = SimClock()
    pacer = Pacer(PaceSettings(start_rate=100), clock=seconds, sleep=seconds.sleep)
    return Deliverer(store, {"console": sender}, pacer, worker_id=worker, clock=clock)


@pytest.fixture
def two_parts(monkeypatch):
    """A delivery of two parts (today none has more than one; the machinery must still hold)."""

    def render(plan, member, *, scheduled, seed):
        return [Reply("Part one."), Reply("Part two: what matters today?")]

    monkeypatch.setattr(delivery_module.checkin, "render_checkin", render)


def _new_member_due(store):
    """Someone never welcomed, with a check-in due now; returns (workspace, member)."""
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    member = store.members.ensure_member(ws.id, "new", NOW - timedelta(days=2), timezone="America/New_York")
    due_at_nine(store, ws.id, NOW)
    tick(store, NOW)
    return ws, member


async def test_a_new_member_gets_one_message_with_the_welcome_and_the_question(any_store):
    store = any_store
    ws, member = _new_member_due(store)
    sent = []

    class Sink(PartsSender):
        async def send(self, out):
            sent.append(out)
            return await super().send(out)

    await _deliverer(store, Sink(), Clock()).run_once()
    assert len(sent) == 1 and len(sent[0].replies) == 1 and (sent[0].part, sent[0].parts) == (0, 1)
    text = sent[0].replies[0].text
    assert "what is kept" in text.lower() and "?" in text.split("\n\n", 1)[1]  # welcome, then the question
    assert {b.action for b in sent[0].replies[0].buttons} >= {"checkin:skip", "checkin:snooze"}
    assert store.members.member(ws.id, member.id).welcomed is True
    assert store.checkins.current_conversation(ws.id, member.id) is not None


async def test_each_part_carries_its_number(world, two_parts):
    store, ws, member = world
    sender = PartsSender()
    await _deliverer(store, sender, Clock()).run_once()
    row = store.outbox.deliveries_for(member.id)[0]
    assert sender.posted == [(row.id, 0), (row.id, 1)] and row.status == "sent"


async def test_a_429_between_parts_sends_only_the_missing_part(world, two_parts):
    store, ws, member = world
    sender, clock = PartsSender(), Clock()
    sender.plan(1, "throttle")
    deliverer = _deliverer(store, sender, clock)
    await deliverer.run_once()
    row = store.outbox.deliveries_for(member.id)[0]
    assert (row.status, row.parts_sent, row.attempts, row.outcome_unknown) == ("pending", 1, 0, False)
    assert store.checkins.current_conversation(ws.id, member.id) is None  # not asked until every part is out
    clock.now += timedelta(seconds=6)
    await deliverer.run_once()
    assert sender.posted == [(row.id, 0), (row.id, 1)]  # none lost, none doubled
    assert (
        store.outbox.delivery(row.id).status == "sent"
        and store.checkins.current_conversation(ws.id, member.id) is not None
    )


# "crash before": the second part never left, so recovery sends it; "crash after": it left but was not
# recorded, so recovery finds it and sends nothing.
@pytest.mark.parametrize("step", ["crash before", "crash after"])
async def test_a_crash_between_parts_loses_none_and_doubles_none(world, two_parts, step):
    store, ws, member = world
    sender, clock = PartsSender(), Clock()
    sender.plan(1, step)
    with pytest.raises(Crash):
        await _deliverer(store, sender, clock, "dead").run_once()
    row = store.outbox.deliveries_for(member.id)[0]
    assert (row.status, row.parts_sent) == ("claimed", 1)
    clock.now += timedelta(seconds=31)  # the dead worker's lease runs out; any worker takes over
    assert await _deliverer(store, sender, clock, "w2").run_once() == 1
    assert sorted(sender.posted) == [(row.id, 0), (row.id, 1)]
    assert sender.lookups == [(row.id, 1)]  # only the part that may have gone was looked for
    assert store.outbox.delivery(row.id).status == "sent"


async def test_a_crash_after_a_part_left_but_before_it_was_recorded(world, two_parts):
    store, ws, member = world
    sender, clock = PartsSender(), Clock()
    sender.plan(0, "crash after")
    with pytest.raises(Crash):
        await _deliverer(store, sender, clock, "dead").run_once()
    clock.now += timedelta(seconds=31)
    await _deliverer(store, sender, clock, "w2").run_once()
    row = store.outbox.deliveries_for(member.id)[0]
    assert sender.posted == [(row.id, 0), (row.id, 1)] and store.outbox.delivery(row.id).status == "sent"


async def test_where_nothing_can_be_looked_up_a_part_is_sent_again_never_lost(world, two_parts):
    store, ws, member = world
    sender, clock = PartsSender(can_look=False), Clock()  # Teams: no history to read
    sender.plan(1, "crash after")
    with pytest.raises(Crash):
        await _deliverer(store, sender, clock, "dead").run_once()
    clock.now += timedelta(seconds=31)
    await _deliverer(store, sender, clock, "w2").run_once()
    row = store.outbox.deliveries_for(member.id)[0]
    assert sender.posted.count((row.id, 0)) == 1  # the recorded part is never sent again
    assert sender.posted.count((row.id, 1)) == 2 and store.outbox.delivery(row.id).status == "sent"


async def test_an_install_while_the_first_check_in_is_on_its_way_greets_once(any_store):
    # Teams: the app is installed (installationUpdate) at the moment a scheduled first check-in is being sent.
    # The check-in carries the welcome; the install must not greet a second time.
    store = any_store
    ws, member = _new_member_due(store)
    install_said = []

    class InstallMeanwhile(PartsSender):
        async def send(self, out):
            actor = Actor("console", "demo", "new")
            install_said.extend(welcome(context_for(Incoming(actor, "install"), store, NOW)))
            return await super().send(out)

    sender = InstallMeanwhile()
    await _deliverer(store, sender, Clock()).run_once()
    assert len(sender.posted) == 1  # the check-in, with the welcome
    assert install_said == []
    assert store.members.member(ws.id, member.id).welcomed is True


def test_an_install_with_no_check_in_on_its_way_greets(any_store):
    store = any_store
    _new_member_due(store)  # due, but not being sent: the install greets, and the check-in will not again
    said = welcome(context_for(Incoming(Actor("console", "demo", "new"), "install"), store, NOW))
    assert len(said) == 1 and "what is kept" in said[0].text.lower()
