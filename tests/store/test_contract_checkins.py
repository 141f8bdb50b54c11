"""Store contract, check-ins: one open conversation, closes, expiry, answers, pulses and small steps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.store.contract import person, workspace

IDLE = timedelta(hours=12)


@pytest.fixture
def ana(any_store, now):
    ws = workspace(any_store, now)
    return any_store, ws, person(any_store, ws, "U1", now)


def _open(store, ws, member, at, question="q1", **fields):
    return store.checkins.open_conversation(
        ws.id, member.id, at, question_id=question, theme="rest", stage="question", **fields
    )


def test_a_new_check_in_replaces_the_open_one(ana, now):
    store, ws, member = ana
    first = _open(store, ws, member, now)
    assert store.checkins.current_conversation(ws.id, member.id).id == first.id
    second = _open(store, ws, member, now + timedelta(minutes=1), "q2")
    assert store.checkins.current_conversation(ws.id, member.id).id == second.id
    assert store.checkins.latest_conversation(ws.id, member.id).id == second.id
    with store.engine.connect() as conn:
        outcome = conn.execute(text("SELECT outcome FROM conversations WHERE id = :i"), {"i": first.id}).scalar()
    assert outcome == "replaced"
    assert store.checkins.current_conversation(workspace(store, now, "T2").id, member.id) is None


def test_a_conversation_closes_once_and_stays_the_latest(ana, now):
    store, ws, member = ana
    conv = _open(store, ws, member, now)
    assert store.checkins.close_conversation(conv.id, "completed", now) is True
    assert store.checkins.close_conversation(conv.id, "skipped", now) is False  # a second press changes nothing
    assert store.checkins.current_conversation(ws.id, member.id) is None
    latest = store.checkins.latest_conversation(ws.id, member.id)
    assert (latest.id, latest.outcome, latest.stage, latest.closed_at) == (conv.id, "completed", "closed", now)


def test_update_conversation_moves_the_dialogue_and_refuses_other_fields(ana, now):
    store, ws, member = ana
    conv = _open(store, ws, member, now)
    later = now + timedelta(minutes=3)
    store.checkins.update_conversation(conv.id, stage="followup", followups=["f1"], last_activity_at=later)
    got = store.checkins.current_conversation(ws.id, member.id)
    assert (got.stage, got.followups, got.last_activity_at) == ("followup", ["f1"], later)
    with pytest.raises(ValueError, match="not conversation fields"):
        store.checkins.update_conversation(conv.id, outcome="completed")


def test_idle_check_ins_expire_quietly_and_the_next_close_is_known(ana, now):
    store, ws, member = ana
    ben = person(store, ws, "U2", now)
    assert store.checkins.next_quiet_close(IDLE) is None
    old = _open(store, ws, member, now - timedelta(hours=13))
    fresh = _open(store, ws, ben, now - timedelta(hours=1))
    assert store.checkins.next_quiet_close(IDLE) == now - timedelta(hours=1)
    assert store.checkins.expire_conversations(now - IDLE, now) == 1
    assert store.checkins.latest_conversation(ws.id, member.id).outcome == "expired"
    assert store.checkins.current_conversation(ws.id, ben.id).id == fresh.id
    assert store.checkins.next_quiet_close(IDLE) == now + timedelta(hours=11)
    assert old.id != fresh.id


def test_asked_questions_newest_first_and_limited(ana, now):
    store, ws, member = ana
    for i in range(4):
        _open(store, ws, member, now + timedelta(minutes=i), f"q{i}")
    assert store.checkins.asked_question_ids(member.id) == ["q3", "q2", "q1", "q0"]
    assert store.checkins.asked_question_ids(member.id, limit=2) == ["q3", "q2"]
    assert store.checkins.asked_question_ids(member.id + 100) == []


def test_pulses_are_found_per_check_in_and_per_kind(ana, now):
    store, ws, member = ana
    conv = _open(store, ws, member, now - timedelta(days=7), pulse_kind="energy")
    _open(store, ws, member, now - timedelta(days=1), pulse_kind="burnout")
    store.checkins.add_pulse(ws.id, member.id, "energy", 4, now - timedelta(days=7), conversation_id=conv.id)
    store.checkins.add_pulse(ws.id, member.id, "energy", 2, now - timedelta(days=2))
    assert store.checkins.conversation_pulse(conv.id, "energy") == 4
    assert store.checkins.conversation_pulse(conv.id, "burnout") is None
    assert store.checkins.last_pulse_at(member.id, "energy") == now - timedelta(days=2)
    assert store.checkins.last_pulse_at(member.id, "burnout") is None
    assert store.checkins.last_pulse_asked(member.id, "burnout") == now - timedelta(days=1)  # offered, not answered
    assert store.checkins.last_pulse_asked(member.id, "energy") == now - timedelta(days=7)
    assert store.checkins.last_pulse_asked(member.id, "helpful") is None


def test_a_pulse_out_of_range_is_refused_by_the_database(ana, now):
    store, ws, member = ana
    with pytest.raises(IntegrityError, match="ck_pulse_score|CHECK constraint"):
        store.checkins.add_pulse(ws.id, member.id, "energy", 6, now)


def test_the_open_small_step_is_asked_about_once(ana, now):
    store, ws, member = ana
    conv = _open(store, ws, member, now - timedelta(days=3))
    store.checkins.add_commitment(ws.id, member.id, conv.id, "older step", now - timedelta(days=3))
    store.checkins.add_commitment(ws.id, member.id, conv.id, "walk after the shift", now - timedelta(days=2))
    step = store.checkins.open_step(member.id, since=now - timedelta(days=7))
    assert (step.text, step.created_at) == ("walk after the shift", now - timedelta(days=2))
    assert store.checkins.open_step(member.id, since=now - timedelta(days=1)) is None  # too old to ask about
    store.checkins.mark_step_followed_up(step.commitment_id, now)
    assert store.checkins.open_step(member.id, since=now - timedelta(days=7)).text == "older step"
    exported = store.privacy.export_member(ws.id, member.id)["small_steps"]
    assert [s["asked_about_at"] for s in exported] == [None, now.isoformat()]


def test_answers_are_kept_encrypted_and_crises_only_counted(ana, now):
    store, ws, member = ana
    conv = _open(store, ws, member, now)
    store.checkins.add_reflection(ws.id, member.id, conv.id, "q1", "a long night", now)
    store.checkins.add_reflection(ws.id, member.id, None, "free", "outside a check-in", now)
    answers = store.privacy.export_member(ws.id, member.id)["answers"]
    assert [(a["check_in"], a["text"]) for a in answers] == [(conv.id, "a long night"), (None, "outside a check-in")]
    store.checkins.record_crisis(ws.id, "checkin", now)
    store.checkins.record_crisis(ws.id, "dm", now, level="concern")
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT source, level FROM crisis_events ORDER BY id")).all()
        words = conn.execute(text("SELECT body FROM reflections")).scalars().all()
    assert [tuple(r) for r in rows] == [("checkin", "crisis"), ("dm", "concern")]
    assert all("night" not in body for body in words)
