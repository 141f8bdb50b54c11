"""Store contract, coaching: requests, offers, accepting (matched, taken, full, gone), the roster and engagements."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from tests.store.contract import person, workspace

HOUR = timedelta(hours=1)


@pytest.fixture
def clinic(any_store, now):
    """A workspace with a requester and two coaches on the roster (capacity 1 and 2)."""
    ws = workspace(any_store, now)
    asker = person(any_store, ws, "asker", now, display_name="Asker")
    one, two = person(any_store, ws, "c1", now), person(any_store, ws, "c2", now)
    any_store.coaching.upsert_coach(ws.id, one.id, now, role="nurse", department="ICU", capacity=1)
    any_store.coaching.upsert_coach(ws.id, two.id, now, role="physician", department="ED", capacity=2)
    return any_store, ws, asker, one, two


def test_a_request_keeps_its_topic_sealed_and_refuses_unknown_fields(clinic, now):
    store, ws, asker, *_coaches = clinic
    with pytest.raises(ValueError, match="not request fields"):
        store.coaching.create_request(ws.id, asker.id, "x", now, status="matched")
    request = store.coaching.create_request(ws.id, asker.id, "night shifts", now, peer="any", urgent=True)
    got = store.coaching.coach_request(request.id)
    assert (got.status, got.peer, got.urgent) == ("open", "any", True)
    assert "night" not in got.topic and store.coaching.request_topic(got) == "night shifts"
    assert store.coaching.request_topic(store.coaching.create_request(ws.id, asker.id, None, now)) is None
    assert store.coaching.coach_request(request.id + 100) is None


def test_the_active_request_is_the_newest_open_or_matched(clinic, now):
    store, ws, asker, *_coaches = clinic
    assert store.coaching.active_request(ws.id, asker.id) is None
    old = store.coaching.create_request(ws.id, asker.id, None, now)
    new = store.coaching.create_request(ws.id, asker.id, None, now)
    assert store.coaching.active_request(ws.id, asker.id).id == new.id
    assert store.coaching.set_request_status(new.id, "cancelled", now) is True
    assert store.coaching.set_request_status(new.id, "cancelled", now) is False  # only from open, once
    assert store.coaching.active_request(ws.id, asker.id).id == old.id
    assert store.coaching.set_request_status(old.id, "closed", now, only_from="matched") is False
    assert store.coaching.coach_request(new.id).closed_at == now


def test_offers_are_listed_answered_and_expire(clinic, now):
    store, ws, asker, one, two = clinic
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    first, second = store.coaching.add_offers(request.id, [one.id, two.id], now, now + HOUR)
    assert store.coaching.coach_offer(first.id).coach_member_id == one.id
    assert store.coaching.offered_coach_ids(request.id) == {one.id, two.id}
    assert store.coaching.pending_offer_request_ids(one.id) == [request.id]
    assert store.coaching.next_offer_expiry() == now + HOUR
    assert store.coaching.answer_offer(first.id, two.id, "declined", now) is False  # not their offer
    assert store.coaching.answer_offer(first.id, one.id, "declined", now) is True
    assert store.coaching.answer_offer(first.id, one.id, "declined", now) is False
    assert [o.id for o in store.coaching.pending_offers(request.id)] == [second.id]
    assert store.coaching.pending_offer_request_ids(one.id) == []
    assert store.coaching.expired_offers(now + HOUR - timedelta(seconds=1)) == []
    assert [o.id for o in store.coaching.expired_offers(now + HOUR)] == [second.id]
    assert store.coaching.answer_offer(second.id, two.id, "expired", now + HOUR) is True
    assert store.coaching.next_offer_expiry() is None and store.coaching.expired_offers(now + HOUR) == []


def test_withdrawing_offers_names_the_coaches_who_had_one(clinic, now):
    store, ws, asker, one, two = clinic
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    first, _second = store.coaching.add_offers(request.id, [one.id, two.id], now, now + HOUR)
    store.coaching.answer_offer(first.id, one.id, "declined", now)
    assert store.coaching.withdraw_offers(request.id, now) == [two.id]
    assert store.coaching.withdraw_offers(request.id, now) == []
    assert store.coaching.pending_offers(request.id) == []


def test_accepting_matches_once_and_tells_the_others_why_not(clinic, now):
    store, ws, asker, one, two = clinic
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    first, second = store.coaching.add_offers(request.id, [one.id, two.id], now, now + HOUR)
    assert store.coaching.accept_offer(first.id, two.id, now).outcome == "gone"  # someone else's offer
    won = store.coaching.accept_offer(first.id, one.id, now)
    assert (won.outcome, won.request.status, won.request.coach_member_id) == ("matched", "matched", one.id)
    assert store.coaching.coach_profile(ws.id, one.id).active_count == 1
    assert store.coaching.accept_offer(second.id, two.id, now).outcome == "taken"  # withdrawn when one accepted
    assert store.coaching.coach_profile(ws.id, two.id).active_count == 0
    assert store.coaching.accept_offer(first.id, one.id, now).outcome == "gone"  # already answered
    assert store.coaching.accept_offer(first.id + 100, one.id, now).outcome == "gone"
    assert store.coaching.active_request(ws.id, asker.id).status == "matched"


def test_a_full_coach_cannot_accept_and_nothing_changes(clinic, now):
    store, ws, asker, one, _two = clinic
    other = person(store, ws, "other", now)
    taken = store.coaching.create_request(ws.id, other.id, None, now)
    [offer] = store.coaching.add_offers(taken.id, [one.id], now, now + HOUR)
    store.coaching.accept_offer(offer.id, one.id, now)
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    [offer] = store.coaching.add_offers(request.id, [one.id], now, now + HOUR)
    full = store.coaching.accept_offer(offer.id, one.id, now)
    assert (full.outcome, full.request.status) == ("full", "open")
    assert (
        store.coaching.coach_offer(offer.id).status == "pending"
    )  # rolled back: the offer is still theirs to take later


def test_the_roster_lists_updates_and_removes_only_idle_coaches(clinic, now):
    store, ws, asker, one, two = clinic
    assert [(p.member_id, m.user_id) for p, m in store.coaching.coach_roster(ws.id)] == [(one.id, "c1"), (two.id, "c2")]
    changed = store.coaching.upsert_coach(ws.id, one.id, now, available=False, languages=["es"])
    assert (changed.id, changed.capacity, changed.available, changed.languages) == (
        store.coaching.coach_profile(ws.id, one.id).id, 1, False, ["es"])  # fmt: skip
    assert store.coaching.coach_roster(workspace(store, now, "T2").id) == []
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    first, second = store.coaching.add_offers(request.id, [one.id, two.id], now, now + HOUR)
    store.coaching.accept_offer(second.id, two.id, now)
    assert store.coaching.remove_coach(ws.id, two.id) is False  # has a client
    other = store.coaching.create_request(ws.id, person(store, ws, "x", now).id, None, now)
    [pending] = store.coaching.add_offers(other.id, [one.id], now, now + HOUR)
    assert store.coaching.remove_coach(ws.id, one.id) is True
    assert store.coaching.coach_profile(ws.id, one.id) is None
    assert store.coaching.coach_offer(pending.id).status == "withdrawn"
    assert store.coaching.remove_coach(ws.id, one.id) is False


def test_an_engagement_closes_once_and_frees_the_seat(clinic, now):
    store, ws, asker, _one, two = clinic
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    [offer] = store.coaching.add_offers(request.id, [two.id], now, now + HOUR)
    store.coaching.accept_offer(offer.id, two.id, now + HOUR / 2)
    assert [(r.id, m.display_name) for r, m in store.coaching.coach_clients(ws.id, two.id)] == [(request.id, "Asker")]
    closed = store.coaching.close_engagement(ws.id, two.id, asker.id, now + HOUR)
    assert (closed.id, closed.status, closed.closed_at) == (request.id, "closed", now + HOUR)
    assert store.coaching.close_engagement(ws.id, two.id, asker.id, now + HOUR) is None
    assert store.coaching.coach_profile(ws.id, two.id).active_count == 0
    assert store.coaching.coach_clients(ws.id, two.id) == []


def test_a_match_to_a_coach_who_is_gone_reopens(clinic, now):
    store, ws, asker, one, _two = clinic
    request = store.coaching.create_request(ws.id, asker.id, None, now)
    [offer] = store.coaching.add_offers(request.id, [one.id], now, now + HOUR)
    store.coaching.accept_offer(offer.id, one.id, now)
    with store.engine.begin() as conn:  # a coach deleted before deletions reopened their clients' requests
        conn.execute(text("UPDATE coach_requests SET coach_member_id = NULL WHERE id = :i"), {"i": request.id})
    again = store.coaching.active_request(ws.id, asker.id)
    assert (again.id, again.status, again.matched_at) == (request.id, "open", None)
    assert store.coaching.coach_request(request.id).status == "open"


def test_request_counts_for_admins_are_totals_and_waits(clinic, now):
    store, ws, asker, one, two = clinic
    old = store.coaching.create_request(ws.id, asker.id, None, now - timedelta(days=40))
    store.coaching.set_request_status(old.id, "cancelled", now)
    matched = store.coaching.create_request(ws.id, asker.id, None, now)
    [offer] = store.coaching.add_offers(matched.id, [two.id], now, now + HOUR)
    store.coaching.accept_offer(offer.id, two.id, now + 2 * HOUR)
    store.coaching.create_request(ws.id, one.id, None, now)
    counts = store.coaching.request_counts(ws.id, now - timedelta(days=30))
    assert counts == {"by_status": {"matched": 1, "open": 1}, "waits": [2 * HOUR]}
