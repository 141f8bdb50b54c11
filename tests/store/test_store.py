"""The store contract, on SQLite and (when configured) PostgreSQL: scoping, idempotence, encryption, the outbox."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from store.db import make_engine
from store.leader import LeaderLock
from tests.store.contract import outbox_row


def _ws(store, now, external="T1"):
    return store.members.ensure_workspace("slack", external, now)


def test_schema_is_built_by_the_migrations(any_store):
    tables = set(inspect(any_store.engine).get_table_names())
    assert {"alembic_version", "workspaces", "members", "deliveries", "coach_requests", "audit_log"} <= tables
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def test_the_migrations_build_exactly_what_the_models_describe(any_store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from store.db import Base

    with any_store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    # Bolt's OAuth tables are made by migration 0002 for slack_sdk's own stores, not described by our models.
    ours = [d for d in differences if "slack_" not in str(d)]
    assert ours == [], "a model changed without a migration (or the reverse)"


def test_workspace_and_member_are_created_once_and_refreshed(any_store, now):
    ws = _ws(any_store, now)
    assert _ws(any_store, now).id == ws.id
    first = any_store.members.ensure_member(ws.id, "U1", now, display_name="Ana", timezone="Europe/Lisbon")
    again = any_store.members.ensure_member(ws.id, "U1", now, timezone="America/Chicago")
    assert again.id == first.id
    assert (again.display_name, again.timezone) == ("Ana", "America/Chicago")


def test_calls_made_together_commit_together_or_not_at_all(any_store, now):
    ws = _ws(any_store, now)
    ana = any_store.members.ensure_member(ws.id, "U1", now)
    with pytest.raises(RuntimeError), any_store.together():
        any_store.members.update_member(ws.id, ana.id, dm_channel="D1")
        with any_store.together():  # a nested block joins the outer transaction
            any_store.members.update_member(ws.id, ana.id, welcomed=True)
        raise RuntimeError("the send's bookkeeping failed half way")
    after = any_store.members.member(ws.id, ana.id)
    assert (after.dm_channel, after.welcomed) == (None, False)
    with any_store.together():
        any_store.members.update_member(ws.id, ana.id, dm_channel="D1")
        any_store.members.update_member(ws.id, ana.id, welcomed=True)
    after = any_store.members.member(ws.id, ana.id)
    assert (after.dm_channel, after.welcomed) == ("D1", True)


def test_members_are_scoped_to_their_workspace(any_store, now):
    one, two = _ws(any_store, now, "T1"), _ws(any_store, now, "T2")
    ana = any_store.members.ensure_member(one.id, "U1", now)
    any_store.members.ensure_member(two.id, "U1", now)
    assert any_store.members.member(two.id, ana.id) is None
    assert [m.id for m in any_store.members.all(one.id)] == [ana.id]


def test_unknown_member_fields_are_refused(any_store, now):
    ws = _ws(any_store, now)
    with pytest.raises(ValueError, match="not member fields"):
        any_store.members.ensure_member(ws.id, "U1", now, password="x")


def test_free_text_is_encrypted_at_rest(any_store, now):
    ws = _ws(any_store, now)
    member = any_store.members.ensure_member(ws.id, "U1", now)
    conv = any_store.checkins.open_conversation(ws.id, member.id, now, question_id="q", theme="t", stage="question")
    any_store.checkins.add_reflection(ws.id, member.id, conv.id, "q", "MARKER-plain-words", now)
    any_store.checkins.add_commitment(ws.id, member.id, conv.id, "MARKER-step", now)
    with any_store.engine.connect() as conn:
        stored = [
            row[0] for row in conn.execute(text("SELECT body FROM reflections UNION ALL SELECT body FROM commitments"))
        ]
    assert stored and all("MARKER" not in value for value in stored)
    assert any_store.checkins.open_step(member.id, since=now - timedelta(days=1)).text == "MARKER-step"


def test_processed_event_ids_are_seen_once(any_store, now):
    assert any_store.events.first_sight("slack", "Ev1", now) is True
    assert any_store.events.first_sight("slack", "Ev1", now) is False
    assert any_store.events.first_sight("teams", "Ev1", now) is True


@pytest.fixture
def outbox(any_store, now):
    ws = _ws(any_store, now)
    members = [any_store.members.ensure_member(ws.id, f"U{i}", now) for i in range(4)]
    schedule = any_store.schedules.add_schedule(
        ws.id,
        now,
        name="s",
        days="mon",
        local_time="09:00",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    return any_store, ws, schedule, members


def test_enqueue_is_unique_per_schedule_member_occurrence(outbox, now):
    store, ws, schedule, members = outbox
    rows = [outbox_row(ws, schedule, m, now, now) for m in members]
    assert store.outbox.enqueue(rows) == 4
    assert store.outbox.enqueue(rows) == 0
    assert store.outbox.outbox_counts()["pending"] == 4


def test_claim_leases_rows_and_expired_leases_come_back_flagged(outbox, now):
    store, ws, schedule, members = outbox
    store.outbox.enqueue([outbox_row(ws, schedule, m, now, now) for m in members])
    first = store.outbox.claim("w1", now, 3, timedelta(minutes=2))
    second = store.outbox.claim("w2", now, 3, timedelta(minutes=2))
    assert len(first) == 3 and len(second) == 1
    assert not {r.id for r in first} & {r.id for r in second}
    assert store.outbox.claim("w3", now + timedelta(minutes=1), 10, timedelta(minutes=2)) == []
    reclaimed = store.outbox.claim("w3", now + timedelta(minutes=3), 10, timedelta(minutes=2))
    assert len(reclaimed) == 4 and all(r.outcome_unknown and r.attempts == 2 for r in reclaimed)


def test_only_the_claim_holder_can_record_the_outcome(outbox, now):
    store, ws, schedule, members = outbox
    store.outbox.enqueue([outbox_row(ws, schedule, members[0], now, now)])
    [row] = store.outbox.claim("w1", now, 1, timedelta(seconds=10))
    [again] = store.outbox.claim("w2", now + timedelta(seconds=11), 1, timedelta(seconds=10))
    assert store.outbox.finish(row.id, "w1", "sent", now) is False
    assert store.outbox.finish(again.id, "w2", "sent", now, message_ref={"ts": "1"}) is True
    assert store.outbox.delivery(row.id).status == "sent"


def test_retry_later_returns_the_row_to_the_queue(outbox, now):
    store, ws, schedule, members = outbox
    store.outbox.enqueue([outbox_row(ws, schedule, members[0], now, now)])
    [row] = store.outbox.claim("w1", now, 1, timedelta(minutes=2))
    assert store.outbox.retry_later(row.id, "w1", now + timedelta(seconds=30), "rate limited", False, refund=True)
    assert store.outbox.claim("w1", now + timedelta(seconds=29), 1, timedelta(minutes=2)) == []
    [back] = store.outbox.claim("w1", now + timedelta(seconds=30), 1, timedelta(minutes=2))
    assert back.attempts == 1 and back.outcome_unknown is False


def test_watermark_only_moves_forward(any_store, now):
    any_store.outbox.set_watermark("tick", now)
    any_store.outbox.set_watermark("tick", now - timedelta(hours=1))
    assert any_store.outbox.watermark("tick") == now


def test_one_tick_leader_at_a_time(any_store, tmp_path):
    if any_store.dialect == "postgresql":
        other_engine = make_engine(os.environ["TEST_DATABASE_URL"])
    else:
        other_engine = any_store.engine
    first, second = LeaderLock(any_store.engine), LeaderLock(other_engine)
    assert first.try_acquire() is True
    assert first.try_acquire() is True
    assert second.try_acquire() is False
    first.release()
    assert second.try_acquire() is True
    second.release()


def test_workers_skip_rows_another_worker_holds_and_never_share_one(outbox, now):
    store, ws, schedule, members = outbox
    extra = [store.members.ensure_member(ws.id, f"X{i}", now) for i in range(40)]
    store.outbox.enqueue([outbox_row(ws, schedule, m, now, now) for m in members + extra])
    if store.dialect == "postgresql":
        with store.engine.connect() as held:
            held.execute(text("SELECT id FROM deliveries ORDER BY id LIMIT 2 FOR UPDATE"))
            skipped = store.outbox.claim("w-skip", now, 100, timedelta(minutes=2))  # does not wait for the held rows
            assert len(skipped) == 42
            held.rollback()
        assert [r.id for r in store.outbox.claim("w-late", now, 100, timedelta(minutes=2))] == [1, 2]
        return
    claimed = store.outbox.claim("w1", now, 100, timedelta(minutes=2))
    assert len(claimed) == 44


def test_concurrent_claims_hand_out_each_row_exactly_once(outbox, now):
    from concurrent.futures import ThreadPoolExecutor

    store, ws, schedule, members = outbox
    people = members + [store.members.ensure_member(ws.id, f"Y{i}", now) for i in range(196)]
    store.outbox.enqueue([outbox_row(ws, schedule, m, now, now) for m in people])

    def worker(name):
        got = []
        while batch := store.outbox.claim(name, now, 7, timedelta(minutes=2)):
            got += [r.id for r in batch]
        return got

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(worker, ["a", "b", "c", "d"]))
    every = [row for got in results for row in got]
    assert len(every) == 200 and len(set(every)) == 200


def test_bulk_upsert_creates_the_new_and_refreshes_the_known(any_store, now):
    ws = _ws(any_store, now)
    any_store.members.ensure_member(ws.id, "U1", now, timezone="UTC", display_name="One")
    people = [
        {"user_id": "U1", "timezone": "Asia/Kolkata", "display_name": None},
        {"user_id": "U2", "timezone": "Europe/Paris", "display_name": "Two", "platform_admin": True},
        {"user_id": "U3", "timezone": None, "display_name": "Three"},
    ]
    assert any_store.members.bulk_upsert_members(ws.id, people, now) == 2
    by_user = {m.user_id: m for m in any_store.members.all(ws.id)}
    assert (by_user["U1"].timezone, by_user["U1"].display_name) == ("Asia/Kolkata", "One")
    assert (by_user["U2"].timezone, by_user["U2"].platform_admin) == ("Europe/Paris", True)
    assert by_user["U3"].timezone == "UTC"
    assert any_store.members.bulk_upsert_members(ws.id, people, now) == 0


def test_a_zone_the_person_chose_outlasts_the_platform_s_refreshes(any_store, now):
    ws = _ws(any_store, now)
    chose = any_store.members.ensure_member(ws.id, "U1", now, timezone="America/New_York")
    any_store.members.update_member(ws.id, chose.id, timezone="Europe/London", zone_chosen=True)
    follows = any_store.members.ensure_member(ws.id, "U2", now, timezone="America/New_York")
    # A hospital desktop reporting UTC, in a message (ensure_member) and in a paged directory sync (bulk).
    any_store.members.ensure_member(ws.id, "U1", now, timezone="UTC", display_name="Ana")
    people = [{"user_id": u, "timezone": "UTC", "display_name": u.lower()} for u in ("U1", "U2")]
    any_store.members.bulk_upsert_members(ws.id, people, now)
    assert any_store.members.member(ws.id, chose.id).timezone == "Europe/London"
    assert any_store.members.member(ws.id, chose.id).display_name == "u1"  # everything else still refreshes
    assert any_store.members.member(ws.id, follows.id).timezone == "UTC"
    any_store.members.update_member(ws.id, chose.id, zone_chosen=False)
    any_store.members.bulk_upsert_members(ws.id, people, now)
    assert any_store.members.member(ws.id, chose.id).timezone == "UTC"


def test_forgetting_a_member_settles_their_coaching_in_the_same_transaction(any_store, now):
    ws = _ws(any_store, now)
    coach, client, other_coach, asker = (
        any_store.members.ensure_member(ws.id, u, now) for u in ("UC", "UL", "UO", "UA")
    )
    for person in (coach, other_coach):
        any_store.coaching.upsert_coach(ws.id, person.id, now, role="physician", department="X", capacity=2)
    coached = any_store.coaching.create_request(ws.id, client.id, "topic", now)
    [offer] = any_store.coaching.add_offers(coached.id, [coach.id], now, now + timedelta(hours=1))
    assert any_store.coaching.accept_offer(offer.id, coach.id, now).outcome == "matched"
    waiting = any_store.coaching.create_request(ws.id, asker.id, None, now)
    any_store.coaching.add_offers(waiting.id, [coach.id], now, now + timedelta(hours=1))
    departure = any_store.privacy.forget_member(ws.id, coach.id, now)
    assert departure.reopened == (coached.id,) and departure.passed_on == (waiting.id,)
    reopened = any_store.coaching.coach_request(coached.id)
    assert (reopened.status, reopened.coach_member_id, reopened.matched_at) == ("open", None, None)
    assert any_store.members.member(ws.id, coach.id) is None
    [offer] = any_store.coaching.add_offers(coached.id, [other_coach.id], now, now + timedelta(hours=1))
    any_store.coaching.accept_offer(offer.id, other_coach.id, now)
    departure = any_store.privacy.forget_member(ws.id, client.id, now)
    assert departure.freed_coaches == (other_coach.id,)
    assert any_store.coaching.coach_profile(ws.id, other_coach.id).active_count == 0
    assert any_store.coaching.coach_request(coached.id) is None
