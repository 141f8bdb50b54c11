"""The check-in dialogue as conversation tables: the whole arc, the follow-through, pauses, time-outs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from handlers.core.vocabulary import Incoming
from handlers.dispatch import dispatch
from tests.dialog import Dialog, verify_dialog


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    return d


def _stage(dialog):
    conv = dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id)
    return conv.stage if conv else "closed"


def test_the_full_arc_question_followup_step_close(dialog):
    replies = dialog.say("/checkin")
    assert "?" in dialog.text(replies)
    assert any(a.startswith("checkin:burnout:") for a in dialog.buttons())  # first check-in: the monthly item
    verify_dialog(
        dialog,
        [
            ("Two codes and a family meeting that went badly", ("?",)),
            ("some thoughts", ("small", "?")),
            ("Ask the charge nurse for a ten minute break", ("ask the charge nurse for a ten minute", "how it went")),
        ],
    )
    assert _stage(dialog) == "closed"
    step = dialog.store.checkins.open_step(dialog.member().id, since=dialog.now - timedelta(days=1))
    assert step.text == "Ask the charge nurse for a ten minute break"


def test_at_most_two_questions_follow_the_opener(dialog):
    dialog.say("/checkin")
    dialog.say("A long night")
    assert _stage(dialog) == "followup"
    dialog.say("Honestly the whole team is stretched thin and nobody says it out loud, so I keep quiet too at handoff")
    assert _stage(dialog) == "step"  # the second question is the small step; a rich reply earns no third
    dialog.say("maybe")
    assert _stage(dialog) == "closed"


def test_no_step_is_a_fine_answer(dialog):
    dialog.say("/checkin")
    dialog.say("busy")
    dialog.say("not much")
    verify_dialog(dialog, [("nothing", ("step", "!next time"))])
    assert dialog.store.checkins.open_step(dialog.member().id, since=dialog.now - timedelta(days=1)) is None


def test_next_check_in_opens_with_how_the_small_step_went(dialog):
    for said in ("/checkin", "a long day", "some thoughts", "Leave on time"):
        dialog.say(said)
    dialog.advance(days=2)
    replies = dialog.say("/checkin")
    assert "Leave on time" in dialog.text(replies)
    assert _stage(dialog) == "followthrough"
    verify_dialog(dialog, [("I managed it twice", ("thanks for looking back", "?"))])
    assert _stage(dialog) == "question"
    dialog.advance(days=2)
    dialog.say("/checkin")
    assert "Leave on time" not in dialog.text()  # asked about once, not every time


def test_the_same_question_is_not_asked_twice_within_thirty(dialog):
    asked = []
    for _ in range(30):
        dialog.say("/checkin")
        asked.append(dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id).question_id)
        dialog.say("skip it")
        dialog.advance(hours=13)
    assert len(set(asked)) == 30


def test_the_energy_pulse_is_recorded_once(dialog, store):
    store.checkins.add_pulse(dialog.ws_id, dialog.member().id, "burnout", 2, dialog.now - timedelta(days=3))
    dialog.say("/checkin")
    assert [a for a in dialog.buttons() if a.startswith("checkin:energy:")] == [
        f"checkin:energy:{n}" for n in range(1, 6)
    ]
    verify_dialog(dialog, [("!checkin:energy:4", "noted"), ("!checkin:energy:2", "already have")])


def test_a_high_burnout_answer_offers_a_person_gently(dialog):
    dialog.say("/checkin")
    verify_dialog(dialog, [("!checkin:burnout:5", ("/coach", "988"))])


def test_a_quiet_check_in_closes_after_twelve_hours_without_nagging(dialog):
    dialog.say("/checkin")
    dialog.advance(hours=12, minutes=1)
    verify_dialog(dialog, [("here is my late answer", ("would you like a short check-in", "!sorry"))])
    assert dialog.store.checkins.latest_conversation(dialog.ws_id, dialog.member().id).outcome == "expired"


def test_free_text_outside_a_check_in_gets_a_gentle_offer(dialog):
    verify_dialog(dialog, [("hey there", "would you like a short check-in")])
    assert dialog.buttons() == ["checkin:start", "checkin:not-now"]
    verify_dialog(
        dialog,
        [
            ("!checkin:start", "?"),
        ],
    )


@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/checkin pause 7d", "paused"),
        ("pause", "paused"),
        ("/checkin pause until 2026-12-24", "thu, dec 24"),
        ("/checkin stop", "stopped"),
        ("stop", "stopped"),
        ("/checkin resume", "welcome back"),
        ("resume", "welcome back"),
    ],
)
def test_pause_stop_and_resume_commands(dialog, said, fragment):
    verify_dialog(dialog, [(said, fragment)])


def test_pause_then_resume_changes_the_member(dialog):
    dialog.say("/checkin pause 7d")
    assert dialog.member().paused_until == dialog.now + timedelta(days=7)
    dialog.say("/checkin stop")
    assert dialog.member().status == "stopped"
    dialog.say("resume")
    assert dialog.member().status == "active" and dialog.member().paused_until is None


@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/checkin pause forever", "length of time"),
        ("/checkin pause until yesterday", "yyyy-mm-dd"),
        ("/checkin pause until 2020-01-01", "already begun"),
        ("/checkin pause 900d", "out of range"),
        ("/checkin time 25:99", "25:99"),
        ("/checkin time 07:30 funday", "funday"),
        ("/checkin time 08:30 Mars/Olympus", "not a time zone"),
        ("/checkin time 23:30 weekdays Europe/London", "inside your quiet hours"),
        ("/checkin quiet 9pm", "for example"),
        ("/checkin themes knitting", "knitting"),
        ("/checkin timing after-shift", "shifts first"),
        ("/checkin zone Mars/Olympus", "mars/olympus"),
        ("/checkin frobnicate", "/checkin help"),
        ("/checkin time 06:45", "inside your quiet hours"),
        ('/checkin profile role="', "quote"),
    ],
)
def test_bad_input_says_what_was_wrong_with_an_example_and_changes_nothing(dialog, said, fragment):
    before = dialog.member()
    text = dialog.text(dialog.say(said)).lower()
    assert fragment in text
    assert "example" in text
    after = dialog.member()
    assert (after.paused_until, after.status, after.themes, after.timing, after.timezone) == (
        before.paused_until,
        before.status,
        before.themes,
        before.timing,
        before.timezone,
    )
    assert dialog.store.schedules.personal_schedule(dialog.ws_id, after.id) is None


def test_own_time_then_back_to_the_program(dialog):
    verify_dialog(dialog, [("/checkin time 07:30 mon,wed,fri", ("07:30", "mon,wed,fri", "next one"))])
    own = dialog.store.schedules.personal_schedule(dialog.ws_id, dialog.member().id)
    assert (own.local_time, own.days) == ("07:30", "mon,wed,fri")
    verify_dialog(dialog, [("/checkin time default", "program's schedule")])
    assert dialog.store.schedules.personal_schedule(dialog.ws_id, dialog.member().id) is None


def test_own_time_can_name_a_zone_as_the_last_word(dialog):
    verify_dialog(dialog, [("/checkin time 07:15 mon,thu america/chicago", ("07:15", "mon,thu", "America/Chicago"))])
    assert dialog.member().timezone == "America/Chicago"
    own = dialog.store.schedules.personal_schedule(dialog.ws_id, dialog.member().id)
    assert (own.local_time, own.days) == ("07:15", "mon,thu")


def test_help_is_tailored(dialog, store):
    dialog.add("admin", "Alex Rivera", admin=True)
    assert "/nudge" not in dialog.text(dialog.say("help"))
    dialog.as_ = "admin"
    assert "/nudge add" in dialog.text(dialog.say("help"))


def test_a_themed_check_in(dialog):
    dialog.say("/checkin rest")
    assert dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id).theme == "rest"


def test_reply_words_that_look_like_commands_stay_replies(dialog):
    dialog.say("/checkin")
    dialog.say("coach said I did well today")
    assert _stage(dialog) == "followup"


def test_the_welcome_comes_once(store, now):
    d = Dialog(store, now)
    first = d.text(d.say("hi"))
    assert "what is kept" in first.lower()
    assert "what is kept" not in d.text(d.say("hi again")).lower()


def test_a_chosen_zone_stays_until_the_member_hands_it_back_to_the_platform(dialog):
    def platform_reports(zone):  # as a Teams message carries the client's localTimezone
        actor = replace(dialog.actor(), timezone=zone)
        dispatch(Incoming(actor, "command", text="help", command="checkin"), dialog.store, dialog.now)

    verify_dialog(dialog, [("/checkin zone", "America/New_York"), ("/checkin zone europe/london", "Europe/London")])
    platform_reports("UTC")  # a shared hospital desktop set to UTC
    assert dialog.member().timezone == "Europe/London"
    verify_dialog(dialog, [("/checkin zone auto", "chat app")])
    platform_reports("UTC")
    assert dialog.member().timezone == "UTC"
