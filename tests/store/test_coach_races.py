"""Accepting coach offers at the same moment: the database leaves exactly one match and never passes capacity.

Each race runs `store.coaching.accept_offer` in threads with their own connections. Two ways of lining them up:
`start` releases every thread at once (repeated, so the calls overlap in different ways), and `in_tx`
holds each thread inside its transaction, after it has read the offer as pending, until all have got
there, so the conditional updates really do meet (on PostgreSQL the loser waits on the winner's row lock).
"""

from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

ROUNDS = 4
WAIT_S = 30  # a broken race fails the test instead of hanging it; nothing here sleeps


def _ws(store, now):
    return store.members.ensure_workspace("console", "race", now)


def _person(store, ws, handle, now, role="physician", department="ED"):
    return store.members.ensure_member(
        ws.id, handle, now, handle=handle, display_name=handle, role=role, department=department
    )


def _coach(store, ws, handle, now, capacity=3):
    member = _person(store, ws, handle, now, department="Cardiology")
    store.coaching.upsert_coach(ws.id, member.id, now, role="physician", department="Cardiology", capacity=capacity)
    return member


def _request(store, ws, requester, now, coach_ids):
    request = store.coaching.create_request(ws.id, requester.id, "MARKER topic", now, peer="same")
    offers = store.coaching.add_offers(request.id, coach_ids, now, now + timedelta(hours=24))
    return request, {o.coach_member_id: o.id for o in offers}


@contextmanager
def _held_inside_the_transaction(store, parties: int):
    """Stop each racing thread just before its first conditional update until every one has arrived."""
    inside = threading.Barrier(parties)
    local = threading.local()

    def hold(conn, cursor, statement, parameters, context, executemany):
        if getattr(local, "racing", False) and statement.lstrip().upper().startswith("UPDATE COACH_PROFILES"):
            local.racing = False
            inside.wait(timeout=WAIT_S)

    event.listen(store.engine, "before_cursor_execute", hold)
    try:
        yield local
    finally:
        event.remove(store.engine, "before_cursor_execute", hold)


def _race(store, now, calls: list[tuple[int, int]], mode: str) -> list:
    """Run accept_offer(offer_id, coach_id) for every call at once; the results in call order."""
    results: list = [None] * len(calls)
    errors: list[BaseException] = []
    start = threading.Barrier(len(calls))

    def run(i, offer_id, coach_id, local):
        try:
            if local is not None:
                local.racing = True
            start.wait(timeout=WAIT_S)
            results[i] = store.coaching.accept_offer(offer_id, coach_id, now)
        except BaseException as problem:  # reported below, in the test's own thread
            errors.append(problem)

    def go(local):
        threads = [threading.Thread(target=run, args=(i, *call, local)) for i, call in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=WAIT_S * 2)
        assert not any(t.is_alive() for t in threads), "a racing accept never finished"

    if mode == "in_tx":
        with _held_inside_the_transaction(store, len(calls)) as local:
            go(local)
    else:
        go(None)
    assert not errors, errors
    return results


@pytest.mark.parametrize("mode", ["start", "in_tx"])
@pytest.mark.parametrize("coaches", [2, 3])
def test_coaches_accepting_the_same_request_at_once_make_exactly_one_match(any_store, now, mode, coaches):
    store, ws = any_store, _ws(any_store, now)
    for round_ in range(ROUNDS):
        requester = _person(store, ws, f"clinician{round_}", now)
        team = [_coach(store, ws, f"coach{round_}.{n}", now) for n in range(coaches)]
        request, offer_of = _request(store, ws, requester, now, [c.id for c in team])

        results = _race(store, now, [(offer_of[c.id], c.id) for c in team], mode)

        assert Counter(r.outcome for r in results) == {"matched": 1, "taken": coaches - 1}, (round_, results)
        winner = team[[r.outcome for r in results].index("matched")]
        settled = store.coaching.coach_request(request.id)
        assert (settled.status, settled.coach_member_id) == ("matched", winner.id)
        counts = {c.id: store.coaching.coach_profile(ws.id, c.id).active_count for c in team}
        assert counts == {c.id: int(c.id == winner.id) for c in team}
        offers = {c.id: store.coaching.coach_offer(offer_of[c.id]).status for c in team}
        assert offers == {c.id: "accepted" if c.id == winner.id else "withdrawn" for c in team}


@pytest.mark.parametrize("mode", ["start", "in_tx"])
@pytest.mark.parametrize("capacity, requests", [(1, 2), (2, 3)])
def test_one_coach_accepting_several_requests_at_once_never_passes_capacity(any_store, now, mode, capacity, requests):
    store, ws = any_store, _ws(any_store, now)
    for round_ in range(ROUNDS):
        coach = _coach(store, ws, f"coach{round_}", now, capacity=capacity)
        made = [
            _request(store, ws, _person(store, ws, f"clinician{round_}.{n}", now), now, [coach.id])
            for n in range(requests)
        ]

        results = _race(store, now, [(offer_of[coach.id], coach.id) for _, offer_of in made], mode)

        assert Counter(r.outcome for r in results) == {"matched": capacity, "full": requests - capacity}, results
        assert store.coaching.coach_profile(ws.id, coach.id).active_count == capacity
        statuses = [store.coaching.coach_request(request.id).status for request, _ in made]
        assert sorted(statuses) == sorted(["matched"] * capacity + ["open"] * (requests - capacity))
        for (request, offer_of), result in zip(made, results, strict=True):
            expected = ("matched", "accepted") if result.outcome == "matched" else ("open", "pending")
            actual = (
                store.coaching.coach_request(request.id).status,
                store.coaching.coach_offer(offer_of[coach.id]).status,
            )
            assert actual == expected  # the loser changed nothing; the handler declines it and asks the next coach
            assert result.request.id == request.id


def test_a_late_accept_after_the_match_is_told_it_was_taken(any_store, now):
    store, ws = any_store, _ws(any_store, now)
    lee = _person(store, ws, "dr.lee", now)
    patel, ng = _coach(store, ws, "dr.patel", now), _coach(store, ws, "dr.ng", now)
    request, offer_of = _request(store, ws, lee, now, [patel.id, ng.id])

    assert store.coaching.accept_offer(offer_of[patel.id], patel.id, now).outcome == "matched"
    assert store.coaching.accept_offer(offer_of[ng.id], ng.id, now).outcome == "taken"
    assert store.coaching.accept_offer(offer_of[patel.id], patel.id, now).outcome == "gone"  # pressed twice
    assert store.coaching.accept_offer(offer_of[patel.id], ng.id, now).outcome == "gone"  # someone else's offer
    assert store.coaching.accept_offer(999_999, ng.id, now).outcome == "gone"
    assert [store.coaching.coach_profile(ws.id, c.id).active_count for c in (patel, ng)] == [1, 0]
    assert store.coaching.coach_request(request.id).coach_member_id == patel.id


def test_a_withdrawn_request_is_gone_not_taken(any_store, now):
    store, ws = any_store, _ws(any_store, now)
    lee, patel = _person(store, ws, "dr.lee", now), _coach(store, ws, "dr.patel", now)
    request, offer_of = _request(store, ws, lee, now, [patel.id])
    store.coaching.set_request_status(request.id, "cancelled", now)
    store.coaching.withdraw_offers(request.id, now)
    assert store.coaching.accept_offer(offer_of[patel.id], patel.id, now).outcome == "gone"
    assert store.coaching.coach_profile(ws.id, patel.id).active_count == 0


def test_the_database_refuses_an_active_count_past_capacity(any_store, now):
    store, ws = any_store, _ws(any_store, now)
    patel = _coach(store, ws, "dr.patel", now, capacity=2)
    with pytest.raises(IntegrityError):
        store.coaching.upsert_coach(ws.id, patel.id, now, active_count=3)
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(text("UPDATE coach_profiles SET active_count = capacity + 1"))
    with pytest.raises(IntegrityError):
        store.coaching.upsert_coach(ws.id, patel.id, now, active_count=-1)
    assert store.coaching.coach_profile(ws.id, patel.id).active_count == 0
