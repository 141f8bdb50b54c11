"""Routing, the error boundary, and the crisis check that comes before everything."""

from __future__ import annotations

import logging

import pytest

from handlers import dispatch as dispatch_module
from handlers.dispatch import as_command
from tests.dialog import Dialog

CRISIS = "honestly I want to kill myself"


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    d.add("admin", "Alex Rivera", admin=True)
    return d


@pytest.mark.parametrize(
    "text, expected",
    [
        ("/checkin pause 7d", ("checkin", "pause 7d")),
        ("checkin pause 7d", ("checkin", "pause 7d")),
        ("coach", ("coach", "")),
        ("Coach status", ("coach", "status")),
        ("/nudge list", ("nudge", "list")),
        ("help", ("help", "")),
        ("Help!", ("help", "")),
        ("pause", ("checkin", "pause")),
        ("stop.", ("checkin", "stop")),
        ("/frobnicate now", ("frobnicate", "now")),
        ("check-in rest", ("checkin", "rest")),
        ("coach said I did well", None),
        ("checkin was hard today", None),
        ("please stop the pages", None),
    ],
)
def test_which_messages_are_commands(text, expected):
    assert as_command(text) == expected


def test_an_unexpected_error_gets_a_kind_reply_and_a_log_without_words(dialog, monkeypatch, caplog):
    def broken(ctx, args):
        raise RuntimeError("boom")

    monkeypatch.setitem(dispatch_module.COMMANDS["checkin"], "privacy", broken)
    with caplog.at_level(logging.ERROR):
        replies = dialog.say("/checkin privacy please SECRET-WORDS")
    assert "something went wrong on my side" in dialog.text(replies)
    assert "SECRET-WORDS" not in caplog.text and "dispatch failed" in caplog.text


def _crisis_entry_points(dialog):
    dialog.say("/checkin")
    return [
        ("check-in reply", lambda: dialog.say(CRISIS)),
        ("free DM", lambda: dialog.say("I can't go on, I want to end my life")),
        ("slash command text", lambda: dialog.say("/checkin pause 7d because I want to kill myself")),
        ("coach request topic", lambda: dialog.say('/coach topic="I keep thinking about suicide"')),
        ("a form field", lambda: dialog.say("form:coach.request", topic="I want to die", peer="same")),
    ]


@pytest.mark.parametrize(
    "entry", ["check-in reply", "free DM", "slash command text", "coach request topic", "a form field"]
)
def test_crisis_language_is_met_with_resources_on_every_entry_point(dialog, entry):
    points = dict(_crisis_entry_points(dialog))
    replies = points[entry]()
    text = dialog.text(replies)
    for resource in ("988", "741741", "1-888-409-0141"):
        assert resource in text
    assert "?" not in text.replace("Shall I ask?", "")  # no coaching question
    assert {b.action for r in replies for b in r.buttons} == {"crisis:again", "crisis:person", "crisis:ok"}
    member = dialog.member()
    assert member.paused_until == dialog.now + dispatch_module.crisis.CRISIS_PAUSE
    assert dialog.store.checkins.current_conversation(dialog.ws_id, member.id) is None
    assert dialog.store.coaching.active_request(dialog.ws_id, member.id) is None  # nothing started without consent


def test_the_crisis_reply_stores_only_a_count(dialog):
    dialog.say(CRISIS)
    with dialog.store.engine.connect() as conn:
        from sqlalchemy import text

        rows = conn.execute(text("SELECT * FROM crisis_events")).all()
        reflections = conn.execute(text("SELECT count(*) FROM reflections")).scalar()
    assert len(rows) == 1 and reflections == 0
    assert "kill" not in str(rows)


def test_dismissing_the_crisis_reply_takes_two_choices(dialog):
    dialog.say(CRISIS)
    dialog.say("!crisis:ok")
    assert "are you safe right now" in dialog.text().lower()
    assert {b.action for r in dialog.last for b in r.buttons} >= {"crisis:close", "crisis:again"}
    dialog.say("!crisis:close")
    assert "take good care" in dialog.text().lower()


def test_the_organisations_own_line_is_shown_when_configured(store, now):
    from handlers.core.vocabulary import OrgSettings

    d = Dialog(store, now, org=OrgSettings(crisis_line="Staff Support 555-0100 (24/7)"))
    d.say(CRISIS)
    assert "Staff Support 555-0100" in d.text()


def test_talking_to_a_person_needs_consent_and_starts_an_urgent_request(dialog):
    coach = dialog.add("dr.patel", "Priya Patel", role="physician", department="Cardiology")
    dialog.store.coaching.upsert_coach(
        dialog.ws_id, coach, dialog.now, role="physician", department="Cardiology", capacity=2
    )
    dialog.say(CRISIS)
    dialog.say("!crisis:person")
    assert "shall i ask" in dialog.text().lower()
    assert dialog.store.coaching.active_request(dialog.ws_id, dialog.member().id) is None
    dialog.say("!crisis:person-no")
    assert dialog.store.coaching.active_request(dialog.ws_id, dialog.member().id) is None
    dialog.say("!crisis:person")
    dialog.say("!crisis:person-yes")
    request = dialog.store.coaching.active_request(dialog.ws_id, dialog.member().id)
    assert request is not None and request.urgent and request.topic is None
    assert "asked for a peer coach" in dialog.text()
    assert "urgent" in dialog.text(to="dr.patel").lower()


def test_an_urgent_request_with_no_coach_free_is_answered_honestly(dialog):
    dialog.say(CRISIS)
    dialog.say("!crisis:person-yes")
    text = dialog.text()
    assert "no peer coach is free right now" in text and "988" in text
    assert "asked for a peer coach" not in text
    assert {r.to for r in dialog.last} == {None}  # consent was to ask a coach, not to tell an admin


# Superscripts and other Unicode digits pass str.isdigit() (and some pass \d) but are no number a person meant:
# each must get the usual clear message, never the generic error and a traceback in the log.
@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/nudge pause ²", "there is no schedule '²'"),
        ("/nudge preview ³", "there is no schedule '³'"),
        ("/checkin pause ²d", "not a length of time"),
        ("/checkin time ٠٨:٣٠", "٠٨:٣٠"),
        ("/coach done ²", "'²' is not a person"),
    ],
)
def test_numbers_are_ascii_digits_only(dialog, caplog, said, fragment):
    dialog.as_ = "admin"
    dialog.say("/coach roster add @admin role=other department=Wellbeing capacity=2")
    with caplog.at_level(logging.ERROR):
        replies = dialog.say(said)
    assert fragment in dialog.text(replies).lower()
    assert "something went wrong" not in dialog.text(replies) and "Traceback" not in caplog.text


@pytest.mark.parametrize("action", ["checkin:energy:²", "coach:accept:²", "coach:helpful:²:3", "coach:helpful:1:²"])
def test_button_values_with_unicode_digits_are_refused_quietly(dialog, caplog, action):
    with caplog.at_level(logging.ERROR):
        replies = dialog.say(f"!{action}")
    assert "something went wrong" not in dialog.text(replies) and "Traceback" not in caplog.text
