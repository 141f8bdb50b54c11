"""Store contract, the outbox: fan-out once, leased claims, outcomes, restarts and the tick's watermark."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.store.contract import outbox_row, person, schedule, workspace

LEASE = timedelta(minutes=2)


@pytest.fixture
def queue(any_store, now):
    ws = workspace(any_store, now)
    people = [person(any_store, ws, f"U{i}", now) for i in range(3)]
    return any_store, ws, schedule(any_store, ws, now), people


def test_claims_come_oldest_due_first_and_only_when_due(queue, now):
    store, ws, sched, (ana, ben, cy) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now + timedelta(minutes=5), now),
                   outbox_row(ws, sched, ben, now - timedelta(minutes=5), now),
                   outbox_row(ws, sched, cy, now, now)])  # fmt: skip
    assert store.outbox.next_due_at() == now - timedelta(minutes=5)
    claimed = store.outbox.claim("w1", now, 10, LEASE)
    assert [r.member_id for r in claimed] == [ben.id, cy.id]
    held = {(r.status, r.claimed_by, r.lease_until, r.attempts) for r in claimed}
    assert held == {("claimed", "w1", now + LEASE, 1)}
    assert store.outbox.next_due_at() == now + timedelta(minutes=5)  # claimed rows are no longer waiting
    assert store.outbox.enqueue([]) == 0


def test_a_final_outcome_is_recorded_once_with_what_was_sent(queue, now):
    store, ws, sched, (ana, *_rest) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now, now)])
    [row] = store.outbox.claim("w1", now, 1, LEASE)
    with pytest.raises(ValueError, match="not a final status"):
        store.outbox.finish(row.id, "w1", "pending", now)
    assert store.outbox.finish(row.id, "w1", "sent", now, message_ref={"ts": "17.1"}) is True
    done = store.outbox.delivery(row.id)
    assert (done.status, done.sent_at, done.message_ref, done.lease_until) == ("sent", now, {"ts": "17.1"}, None)
    assert store.outbox.finish(row.id, "w1", "failed", now, reason="again") is False  # no longer claimed
    assert store.outbox.delivery(row.id).status == "sent"
    assert store.outbox.delivery(row.id + 1000) is None


def test_a_failure_keeps_its_reason_and_no_send_time(queue, now):
    store, ws, sched, (ana, *_rest) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now, now)])
    [row] = store.outbox.claim("w1", now, 1, LEASE)
    assert store.outbox.finish(row.id, "w1", "unreachable", now, reason="account deactivated") is True
    failed = store.outbox.delivery(row.id)
    assert (failed.status, failed.reason, failed.sent_at) == ("unreachable", "account deactivated", None)


def test_retry_later_flags_an_unknown_outcome_and_counts_the_attempt(queue, now):
    store, ws, sched, (ana, *_rest) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now, now)])
    [row] = store.outbox.claim("w1", now, 1, LEASE)
    assert store.outbox.retry_later(row.id, "w2", now, "timeout", True) is False  # not w2's claim
    assert store.outbox.retry_later(row.id, "w1", now + timedelta(minutes=1), "timeout", True) is True
    back = store.outbox.delivery(row.id)
    assert (back.status, back.claimed_by, back.reason, back.outcome_unknown) == ("pending", None, "timeout", True)
    [again] = store.outbox.claim("w1", now + timedelta(minutes=1), 1, LEASE)
    assert (again.attempts, again.outcome_unknown) == (2, True)
    assert store.outbox.finish(again.id, "w1", "sent", now) is True
    assert store.outbox.delivery(again.id).outcome_unknown is False  # found sent: the doubt is settled


def test_a_restarted_worker_gives_its_claims_back_flagged(queue, now):
    store, ws, sched, people = queue
    store.outbox.enqueue([outbox_row(ws, sched, p, now, now) for p in people])
    store.outbox.claim("w1", now, 2, LEASE)
    store.outbox.claim("w2", now, 1, LEASE)
    assert store.outbox.release_claims("w1") == 2
    assert store.outbox.release_claims("w1") == 0
    assert store.outbox.outbox_counts() == {"pending": 2, "claimed": 1}
    back = store.outbox.claim("w3", now, 10, LEASE)
    assert len(back) == 2 and all(r.outcome_unknown for r in back)


def test_deliveries_and_the_last_check_in_sent_per_member(queue, now):
    store, ws, sched, (ana, ben, _cy) = queue
    earlier, later = now - timedelta(days=1), now
    store.outbox.enqueue([outbox_row(ws, sched, ana, earlier, now), outbox_row(ws, sched, ana, later, now),
                   outbox_row(ws, sched, ben, later, now)])  # fmt: skip
    first, second, bens = store.outbox.claim("w1", now, 10, LEASE)
    store.outbox.finish(first.id, "w1", "sent", earlier)
    store.outbox.finish(second.id, "w1", "sent", later)
    store.outbox.finish(bens.id, "w1", "skipped", later, reason="paused")
    assert [d.id for d in store.outbox.deliveries_for(ana.id)] == [first.id, second.id]
    assert store.outbox.last_checkin_sent(ana.id) == later
    assert store.outbox.last_checkin_sent(ana.id, exclude=second.id) == earlier
    assert store.outbox.last_checkin_sent(ben.id) is None  # skipped is not sent


def test_outbox_counts_by_workspace_and_due_since(any_store, now):
    one, two = workspace(any_store, now, "T1"), workspace(any_store, now, "T2")
    s1, s2 = schedule(any_store, one, now), schedule(any_store, two, now)
    ana, ben = person(any_store, one, "U1", now), person(any_store, two, "U1", now)
    any_store.outbox.enqueue([outbox_row(one, s1, ana, now - timedelta(days=2), now),
                              outbox_row(one, s1, ana, now, now),
                              outbox_row(two, s2, ben, now, now, status="skipped")])  # fmt: skip
    assert any_store.outbox.outbox_counts() == {"pending": 2, "skipped": 1}
    assert any_store.outbox.outbox_counts(workspace_id=one.id) == {"pending": 2}
    assert any_store.outbox.outbox_counts(since=now - timedelta(hours=1)) == {"pending": 1, "skipped": 1}
    assert any_store.outbox.outbox_counts(one.id, now - timedelta(hours=1)) == {"pending": 1}
    assert any_store.outbox.next_due_at() == now - timedelta(days=2)


def test_the_watermark_is_per_name_and_starts_empty(any_store, now):
    assert any_store.outbox.watermark("tick") is None
    any_store.outbox.set_watermark("tick", now)
    any_store.outbox.set_watermark("daily", now - timedelta(days=1))
    any_store.outbox.set_watermark("tick", now + timedelta(minutes=1))
    assert any_store.outbox.watermark("tick") == now + timedelta(minutes=1)
    assert any_store.outbox.watermark("daily") == now - timedelta(days=1)


def test_a_heartbeat_renews_only_the_rows_its_worker_still_holds(queue, now):
    store, ws, sched, (ana, ben, _cy) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now, now), outbox_row(ws, sched, ben, now, now)])
    [mine] = store.outbox.claim("w1", now, 1, LEASE)
    [theirs] = store.outbox.claim("w2", now, 1, LEASE)
    later = now + LEASE + timedelta(seconds=1)
    assert store.outbox.renew("w1", [mine.id, theirs.id], later + LEASE) == {mine.id}
    assert store.outbox.delivery(mine.id).lease_until == later + LEASE
    assert store.outbox.delivery(theirs.id).lease_until == now + LEASE  # another worker's lease is not touched
    assert store.outbox.renew("w1", [], later) == set()


def test_parts_sent_are_recorded_only_under_a_held_claim(queue, now):
    store, ws, sched, (ana, *_rest) = queue
    store.outbox.enqueue([outbox_row(ws, sched, ana, now, now)])
    [row] = store.outbox.claim("w1", now, 1, LEASE)
    assert store.outbox.mark_parts(row.id, "w1", 1) is True
    assert store.outbox.delivery(row.id).parts_sent == 1
    assert store.outbox.mark_parts(row.id, "w2", 2) is False  # not the holder: nothing changes
    assert store.outbox.delivery(row.id).parts_sent == 1
