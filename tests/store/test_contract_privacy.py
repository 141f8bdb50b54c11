"""Store contract, privacy: export and forget a person, retention of free text, sealing and key rotation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from store import Store
from store.crypto import Cipher, generate_key
from store.repo_cards import CardSent
from tests.conftest import TEST_KEY
from tests.store.contract import person, schedule, workspace

DAY = timedelta(days=1)


def _check_in(store, ws, member, at, words):
    conv = store.checkins.open_conversation(ws.id, member.id, at, question_id="q1", theme="rest", stage="question")
    store.checkins.add_reflection(ws.id, member.id, conv.id, "q1", words, at)
    store.checkins.add_commitment(ws.id, member.id, conv.id, f"step: {words}", at)
    store.checkins.add_pulse(ws.id, member.id, "energy", 3, at, conversation_id=conv.id)
    return conv


def test_an_export_holds_everything_about_the_person_and_nothing_about_others(any_store, now):
    ws = workspace(any_store, now)
    ana = person(any_store, ws, "U1", now, display_name="Ana", timezone="Europe/Madrid", locale="es-ES")
    ben = person(any_store, ws, "U2", now)
    any_store.members.update_member(ws.id, ana.id, zone_chosen=True, themes=["sleep"])
    conv = _check_in(any_store, ws, ana, now, "tired")
    _check_in(any_store, ws, ben, now, "BEN-WORDS")
    schedule(any_store, ws, now, days="mon", local_time="07:30", audience_kind="member", owner_member_id=ana.id)
    any_store.coaching.create_request(ws.id, ana.id, "night shifts", now, peer="any")
    exported = any_store.privacy.export_member(ws.id, ana.id)
    assert exported["profile"]["name"] == "Ana" and exported["profile"]["timezone_set_by"] == "you"
    assert (exported["profile"]["themes"], exported["profile"]["chat_app_locale"]) == (["sleep"], "es-ES")
    assert exported["own_schedule"] == [{"days": "mon", "time": "07:30", "status": "active"}]
    assert [(c["id"], c["question"], c["outcome"]) for c in exported["check_ins"]] == [(conv.id, "q1", None)]
    assert [a["text"] for a in exported["answers"]] == ["tired"]
    assert [s["text"] for s in exported["small_steps"]] == ["step: tired"]
    assert exported["pulses"] == [{"kind": "energy", "score": 3, "at": now.isoformat()}]
    [request] = exported["coach_requests"]
    assert (request["topic"], request["peer"], request["status"]) == ("night shifts", "any", "open")
    assert "BEN-WORDS" not in repr(exported)


def test_forgetting_a_requester_withdraws_their_offers_and_removes_everything(any_store, now):
    ws = workspace(any_store, now)
    ana, coach = person(any_store, ws, "U1", now), person(any_store, ws, "C1", now)
    any_store.coaching.upsert_coach(ws.id, coach.id, now, role="nurse", capacity=2)
    _check_in(any_store, ws, ana, now, "words")
    request = any_store.coaching.create_request(ws.id, ana.id, "topic", now)
    any_store.coaching.add_offers(request.id, [coach.id], now, now + DAY)
    departure = any_store.privacy.forget_member(ws.id, ana.id, now)
    assert (departure.withdrawn_from, departure.reopened, departure.freed_coaches) == ((coach.id,), (), ())
    assert any_store.members.member(ws.id, ana.id) is None and any_store.coaching.coach_request(request.id) is None
    assert any_store.coaching.pending_offer_request_ids(coach.id) == []
    with any_store.engine.connect() as conn:
        for table in ("reflections", "commitments", "pulses", "conversations"):
            assert conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    assert any_store.privacy.forget_member(ws.id, ana.id, now) == type(departure)()  # forgetting twice is harmless


def test_retention_drops_old_words_of_one_workspace_and_keeps_the_numbers(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    ana, ben = person(any_store, ws, "U1", now), person(any_store, other, "U1", now)
    _check_in(any_store, ws, ana, now - 100 * DAY, "old")
    any_store.coaching.create_request(ws.id, ana.id, "old topic", now - 100 * DAY)
    _check_in(any_store, ws, ana, now - DAY, "recent")
    _check_in(any_store, other, ben, now - 100 * DAY, "elsewhere")
    assert any_store.privacy.purge_free_text(ws.id, now - 90 * DAY) == 3  # answer, step and topic
    assert any_store.privacy.purge_free_text(ws.id, now - 90 * DAY) == 0
    exported = any_store.privacy.export_member(ws.id, ana.id)
    assert [a["text"] for a in exported["answers"]] == [None, "recent"]
    assert [s["text"] for s in exported["small_steps"]] == [None, "step: recent"]
    assert [r["topic"] for r in exported["coach_requests"]] == [None]
    assert [p["score"] for p in exported["pulses"]] == [3, 3]  # scores stay
    assert any_store.checkins.open_step(ana.id, since=now - 200 * DAY).text == "step: recent"
    assert [a["text"] for a in any_store.privacy.export_member(other.id, ben.id)["answers"]] == ["elsewhere"]


def test_retention_shorter_than_the_card_memory_takes_the_cards_words_too(any_store, now):
    ws = workspace(any_store, now, "t-1", platform="teams")
    person(any_store, ws, "29:lee", now)
    card = CardSent("teams", "t-1", "29:lee", "a:lee", "m-1", "card words", {"checkin:skip": "Skip"})
    any_store.cards.remember_card("old", card, now - 8 * DAY)  # a workspace keeping words 7 days; cards are kept 14
    any_store.cards.remember_card("new", card, now - DAY)
    assert any_store.privacy.purge_free_text(ws.id, now - 7 * DAY) == 1
    assert any_store.cards.press_card("old", "a:lee", "checkin:skip", now) is None  # nothing left to redraw it with
    assert any_store.cards.press_card("new", "a:lee", "checkin:skip", now).text == "card words"


def test_seal_and_unseal_secrets_outside_our_tables(any_store):
    sealed = any_store.seal("xoxb-secret")
    assert sealed != "xoxb-secret" and any_store.unseal(sealed) == "xoxb-secret"
    assert any_store.unseal("xoxb-legacy-plain") == "xoxb-legacy-plain"  # stored before encryption
    assert any_store.seal(None) is None and any_store.seal("") == ""
    assert any_store.unseal(None) is None


@pytest.fixture
def rotated(any_store):
    """The same database seen with a new key first and the old one still accepted (as during a rotation)."""
    newer = generate_key()
    return Store(any_store.engine, Cipher([newer, TEST_KEY])), Store(any_store.engine, Cipher([newer]))


def test_rotating_keys_rewrites_every_text_so_the_old_key_can_go(any_store, now, rotated):
    both, new_only = rotated
    ws = workspace(any_store, now)
    ana = person(any_store, ws, "U1", now)
    _check_in(any_store, ws, ana, now, "before rotation")
    any_store.coaching.create_request(ws.id, ana.id, "topic", now)
    assert new_only.privacy.export_member(ws.id, ana.id)["answers"][0]["text"] is None  # unreadable without the old key
    assert both.privacy.rotate_keys(batch=1) == 3
    exported = new_only.privacy.export_member(ws.id, ana.id)
    assert (exported["answers"][0]["text"], exported["coach_requests"][0]["topic"]) == ("before rotation", "topic")
    assert new_only.checkins.open_step(ana.id, since=now - DAY).text == "step: before rotation"


def test_rotating_slack_secrets_seals_plain_ones_and_re_seals_the_rest(any_store, rotated):
    both, new_only = rotated
    with any_store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO slack_installations (client_id, app_id, user_id, team_id, bot_token, user_token) "
                 "VALUES ('c', 'A1', 'U1', 'T1', :sealed, 'xoxp-plain')"),
            {"sealed": any_store.seal("xoxb-old-key")},
        )  # fmt: skip
        conn.execute(text("INSERT INTO slack_bots (client_id, app_id, team_id) VALUES ('c', 'A1', 'T2')"))
    assert both.privacy.rotate_slack_secrets() == 1  # the bot row has no secret to rewrite
    with any_store.engine.connect() as conn:
        bot, user = conn.execute(text("SELECT bot_token, user_token FROM slack_installations")).one()
    assert (new_only.unseal(bot), new_only.unseal(user)) == ("xoxb-old-key", "xoxp-plain")
    assert user != "xoxp-plain"
