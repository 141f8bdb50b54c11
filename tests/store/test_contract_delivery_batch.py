"""Batched delivery on every backend: a batch read in a few queries, answering as per-row reads do; batched writes."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from scheduler.batch import BatchView
from scheduler.tick import tick
from store.repo_delivery_batch import SentRecord
from tests.worlds import due_at_nine

LEASE = timedelta(seconds=30)


def _busy_world(store, now, people=12):
    """Members with history of every kind: conversations, pulses, steps, channels, one with a time of their own."""
    ws = store.members.ensure_workspace("slack", "T1", now - timedelta(days=40))
    members = [
        store.members.ensure_member(
            ws.id, f"U{i}", now - timedelta(days=40), timezone="America/New_York", welcomed=True
        )
        for i in range(people)
    ]
    for i, member in enumerate(members):
        for day in range(i % 4):
            started = now - timedelta(days=day + 2)
            conv = store.checkins.open_conversation(
                ws.id, member.id, started, question_id=f"q{i}-{day}", theme="t", stage="question",
                pulse_kind="burnout" if day == 0 else "energy",
            )  # fmt: skip
            if i % 3 == 0:
                store.checkins.add_commitment(ws.id, member.id, conv.id, f"step {i}-{day}", started)
            if i % 2 == 0:
                store.checkins.add_pulse(ws.id, member.id, "energy", 3, started, conversation_id=conv.id)
    store.members.set_channel_members(ws.id, "C1", "icu", [m.id for m in members[:5]])
    due_at_nine(store, ws.id, now)
    tick(store, now)
    return ws, members


def test_a_batch_is_read_in_a_few_queries_and_answers_as_the_store_does(any_store, now):
    store = any_store
    ws, members = _busy_world(store, now)
    rows = store.outbox.claim("w1", now, 100, LEASE)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(store.engine, "before_cursor_execute", listener)
    try:
        view = BatchView(store, store.outbox.delivery_context(rows, now - timedelta(days=30)))
    finally:
        event.remove(store.engine, "before_cursor_execute", listener)
    assert len(rows) == len(members) and len(statements) <= 12  # per batch, not per row
    since = now - timedelta(days=30)
    for member in members:
        assert view.member(ws.id, member.id).id == member.id
        assert view.asked_question_ids(member.id) == store.checkins.asked_question_ids(member.id)
        assert view.open_step(member.id, since) == store.checkins.open_step(member.id, since)
        assert view.last_pulse_at(member.id, "energy") == store.checkins.last_pulse_at(member.id, "energy")
        assert view.last_pulse_asked(member.id, "burnout") == store.checkins.last_pulse_asked(member.id, "burnout")
        assert view.last_checkin_sent(member.id) == store.outbox.last_checkin_sent(member.id)
        assert view.personal_schedule(ws.id, member.id) == store.schedules.personal_schedule(ws.id, member.id)
        assert sorted(view.channels_of(ws.id, member.id)) == sorted(store.members.channels_of(ws.id, member.id))
        mine, theirs = (
            view.current_conversation(ws.id, member.id),
            store.checkins.current_conversation(ws.id, member.id),
        )
        assert (mine and mine.id) == (theirs and theirs.id)
    assert view.member(ws.id + 1, members[0].id) is None  # never across workspaces


def test_sent_rows_are_written_together_only_while_the_claim_is_held(any_store, now):
    store = any_store
    ws, members = _busy_world(store, now, people=4)
    rows = store.outbox.claim("w1", now, 100, LEASE)
    taken = store.outbox.claim("w2", now + timedelta(seconds=31), 1, LEASE)[0]  # one lease ran out and w2 took it
    records = [
        SentRecord(
            row.id,
            ws.id,
            row.member_id,
            {"ts": [str(row.id)]},
            {"delivery_id": row.id, "question_id": "q", "theme": "t", "stage": "question"},
            {"dm_channel": f"D{row.member_id}"} if row.member_id % 2 else {"welcomed": True, "dm_channel": "Dx"},
        )  # fmt: skip
        for row in rows
    ]
    held = store.outbox.record_sent_batch("w1", now, records)
    assert held == {row.id for row in rows} - {taken.id}
    for row in rows:
        stored = store.outbox.delivery(row.id)
        conv = store.checkins.current_conversation(ws.id, row.member_id)
        if row.id == taken.id:
            assert (stored.status, stored.claimed_by) == ("claimed", "w2")
            assert conv is None or conv.delivery_id != row.id
        else:
            assert (stored.status, stored.message_ref) == ("sent", {"ts": [str(row.id)]})
            assert conv.delivery_id == row.id and conv.question_id == "q"
            assert store.members.member(ws.id, row.member_id).dm_channel.startswith("D")
