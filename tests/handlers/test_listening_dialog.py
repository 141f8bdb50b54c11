"""Coaching that listens, as dialogue tables: what the person writes, and the kind of answer that comes back."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.checkin.reading import read
from handlers.dispatch import ACTIONS
from prompts.listening import say
from tests.dialog import ZONE, Dialog

WAYS_OUT = ["checkin:skip", "checkin:fewer", "checkin:time", "checkin:pause"]


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    return d


def _conv(d):
    return d.store.checkins.current_conversation(d.ws_id, d.member().id)


def expect(d, kind: str, fragments: tuple[str, ...] = ()) -> None:
    """The last answer is of `kind` and holds every fragment (case-insensitive)."""
    text, buttons, conv = d.text().lower(), d.buttons(), _conv(d)
    questions = text.count("?") + text.count("¿") * 0
    for fragment in fragments:
        assert fragment.lower() in text, f"expected {fragment!r} in:\n{text}"
    if kind in ("reflect", "good", "ask", "easier"):
        assert questions == 1 and conv is not None, f"{kind}: one open question, check-in open:\n{text}"
    if kind == "reflect":
        assert "sounds" in text or "suena" in text, text
    if kind in ("exit", "bot"):
        assert buttons == WAYS_OUT and "?" not in text.replace("fair question", ""), text
    if kind == "exit":
        assert conv is None
    if kind in ("close", "confirm", "come_back"):
        assert conv is None and "?" not in text and not buttons, text
    if kind == "confirm":
        assert d.store.checkins.open_step(d.member().id, since=d.now - timedelta(days=1)) is not None


def run(d, table, locale=None):
    d.locale = locale
    if locale:
        d.store.members.update_member(d.ws_id, d.member().id, locale=locale)
    d.say("/checkin")
    for said, kind, *fragments in table:
        d.say(said)
        expect(d, kind, tuple(fragments))


# --- 1. distress gets a reflection that names the feeling, in their words where safe, then one question ----
DISTRESS = [
    ("My attending yelled at me in front of the patient's family and I cried in the supply closet",
     "“I cried in the supply closet”", "painful"),
    ("I am so exhausted", "“I am so exhausted”", "exhausting"),
    ("Honestly I'm really worried about my boards", "frightening"),
    ("I felt so alone on the unit tonight", "lonely"),
    ("It was my fault the dose was late and I feel guilty", "heavy"),
    ("Drowning in notes, I can't keep up", "overwhelming"),
    ("I'm furious at how the schedule was made", "infuriating"),
    ("so frustrated with the EHR", "frustrating"),
    ("We lost a patient and I keep thinking about it", "painful"),
    ("Rough shift", "hard"),
    ("The charge nurse snapped at me", "hurtful"),
    ("Lots of stress before the audit", "stressful"),
]  # fmt: skip


@pytest.mark.parametrize(("said", "f0", "f1"), [(*row, "")[:3] for row in DISTRESS])
def test_distress_is_reflected_before_one_question(dialog, said, f0, f1):
    run(dialog, [(said, "reflect", f0, f1)])
    assert "worth noticing" not in dialog.text().lower()


# --- 2. good news is recognised --------------------------------------------------------------------------
GOOD = [
    "Great shift today, we saved a kid",
    "The family thanked me and I felt proud",
    "Honestly it went really well",
    "I passed my boards!",
    "Small win: I left on time",
    "Good day, finally",
]


@pytest.mark.parametrize("said", GOOD)
def test_good_news_is_recognised(dialog, said):
    run(dialog, [(said, "good")])
    assert any(w in dialog.text().lower() for w in ("good to hear", "worth enjoying", "good news"))


# --- 3. push-back ends kindly with ways out; a question about the bot gets an honest answer ---------------
DISENGAGED = [
    "honestly nothing, this is pointless",
    "not now",
    "not today",
    "leave me alone",
    "stop asking me",
    "no",
    "nah",
    "I don't want to talk about it",
    "this is a waste of time",
    "too busy for this",
]


@pytest.mark.parametrize("said", DISENGAGED)
def test_disengagement_ends_the_check_in_kindly_with_ways_out(dialog, said):
    run(dialog, [(said, "exit")])
    assert dialog.store.checkins.latest_conversation(dialog.ws_id, dialog.member().id).outcome == "declined"


BOT_QUESTIONS = [
    "Why do you keep asking me this?",
    "are you a bot?",
    "who reads this?",
    "what's the point of this?",
    "Is this confidential?",
    "why are you always asking",
]


@pytest.mark.parametrize("said", BOT_QUESTIONS)
def test_a_question_about_the_bot_gets_a_short_honest_answer_and_the_same_options(dialog, said):
    run(dialog, [(said, "bot", "microcoach", "not a person", "/checkin stop")])
    assert "appreciate you thinking" not in dialog.text().lower()


# --- 4. "I don't know": an easier question, then an offer to come back ------------------------------------
UNSURE = ["I don't know", "idk", "not sure", "no idea", "dunno", "hard to say"]


@pytest.mark.parametrize("said", UNSURE)
def test_i_dont_know_gets_an_easier_question_then_an_offer_to_come_back(dialog, said):
    run(dialog, [(said, "easier", "one"), ("I don't know", "come_back", "/checkin")])
    assert "leaves out" not in dialog.text().lower()


# --- 5. a named step is confirmed in their words, and no other step is asked ------------------------------
STEPS = [
    ("I guess I could talk to my program director", "talk to my program director"),
    ("Email her tomorrow for 15 minutes", "email her tomorrow for 15 minutes"),
    ("I'll text my charge nurse after my next shift", "text my charge nurse after my next shift"),
    ("Maybe I could ask the charge nurse for a break on Friday", "ask the charge nurse for a break on friday"),
    ("I'm going to call my mom tonight", "call my mom tonight"),
    ("I will ask my manager about the schedule next week", "ask my manager about the schedule next week"),
    ("I think I'll talk to my partner this week", "talk to my partner this week"),
    ("I could sit down with the team on Monday", "sit down with the team on monday"),
]


@pytest.mark.parametrize(("said", "step"), STEPS)
def test_a_named_step_is_confirmed_in_their_words_and_no_other_step_asked(dialog, said, step):
    run(dialog, [(said, "confirm", step, "how it went")])
    assert "which small action" not in dialog.text().lower()


# --- 6. a bare ok or thanks closes warmly -----------------------------------------------------------------
MINIMAL = [("ok", "jordan"), ("thanks", "jordan"), ("Thank you!", "welcome"), ("k", "jordan"), ("👍", "jordan"),
           ("ok thanks", "jordan")]  # fmt: skip


@pytest.mark.parametrize(("said", "fragment"), MINIMAL)
def test_a_minimal_reply_closes_warmly(dialog, said, fragment):
    run(dialog, [(said, "close", fragment)])


# --- 7. Spanish: the same readings, reflections written in Spanish ----------------------------------------
SPANISH = [
    ("Mi jefa me gritó delante de la familia y lloré en el baño", "reflect", "suena"),
    ("Estoy agotada", "reflect", "agotador"),
    ("Hoy no", "exit", "aquí"),
    ("¿Por qué me sigues preguntando esto?", "bot", "microcoach", "no soy una persona"),
    ("No sé", "easier", "¿qué"),
    ("Le voy a escribir a mi coordinadora el martes", "confirm", "escribir a mi coordinadora el martes"),
    ("Me fue muy bien hoy, aprobé el examen", "good", "¿qué"),
    ("gracias", "close", "jordan"),
    ("Tengo mucho miedo de equivocarme", "reflect", "angustiante"),
    ("Esto es una pérdida de tiempo", "exit", "aquí"),
    ("Me siento muy sola en el turno", "reflect", "solitario"),
    ("Voy a hablar con mi supervisora mañana", "confirm", "hablar con mi supervisora mañana"),
]


@pytest.mark.parametrize(("said", "kind", "f0", "f1"), [(*r, "")[:4] for r in SPANISH])
def test_spanish_gets_the_same_readings_in_spanish(dialog, said, kind, f0, f1):
    run(dialog, [(said, kind, f0, f1)], locale="es-419")
    assert "sounds" not in dialog.text().lower()


# --- 8. whole arcs: at most two questions after the opener; reflections never repeat in a row -------------
ARCS = [
    [("Two codes back to back", "ask"), ("I feel so drained", "reflect", "exhausting"), ("go to bed early", "confirm")],
    [("A long night", "ask"), ("some thoughts", "ask"), ("not sure", "come_back")],
    [("I was so stressed", "reflect"), ("still really stressed", "reflect"), ("nothing", "close")],
    [("Rough shift", "reflect"), ("ok", "close")],
    [("Great shift today, we saved a kid", "good"), ("Honestly the team", "ask"), ("why do you ask?", "bot")],
    [("idk", "easier"), ("tired", "reflect", "tiring"), ("leave me alone", "exit")],
]


@pytest.mark.parametrize("table", ARCS)
def test_whole_conversations(dialog, table):
    run(dialog, table)


def test_the_same_reflection_never_comes_twice_in_a_row(dialog):
    said = []
    for _ in range(8):
        dialog.say("/checkin")
        for reply in ("I am so exhausted", "still so exhausted"):
            dialog.say(reply)
            said.append(dialog.text().split("\n")[0])
        dialog.advance(hours=13)
    assert all(a != b for a, b in zip(said, said[1:], strict=False)), said


def test_every_way_out_has_a_handler_and_does_what_it_says(dialog):
    dialog.say("/checkin")
    dialog.say("not now")
    assert all(action in ACTIONS for action in dialog.buttons())
    assert "leave you be" in dialog.text(dialog.say("!checkin:skip")).lower()
    assert dialog.say("!checkin:time")[0].form is not None
    assert "paused until" in dialog.text(dialog.say("!checkin:pause")).lower()


def test_fewer_check_ins_keeps_the_time_on_fewer_days(dialog):
    dialog.say("/checkin time 08:30 mon,tue,wed,thu,fri")
    assert "mon,wed" in dialog.text(dialog.say("!checkin:fewer")).lower()
    own = dialog.store.schedules.personal_schedule(dialog.ws_id, dialog.member().id)
    assert (own.local_time, own.days) == ("08:30", "mon,wed")
    dialog.say("!checkin:fewer")
    assert "once" in dialog.text(dialog.say("!checkin:fewer")).lower() or "one check-in" in dialog.text().lower()


# --- 9. the step's own time: followed up at the first check-in after it, with an open question ------------
def _local(d, days=0):
    return (d.now + timedelta(days=days)).astimezone(ZoneInfo(ZONE))


def test_a_step_for_a_weekday_is_not_followed_up_before_that_day_is_over(dialog):
    day = _local(dialog, 3).strftime("%A")  # as the "Tuesday", three days ahead
    dialog.say("/checkin")
    dialog.say(f"I'll email my program director on {day}")
    dialog.advance(days=2)  # before the day
    dialog.say("/checkin")
    assert "program director" not in dialog.text() and _conv(dialog).stage == "question"
    dialog.say("skip")
    dialog.advance(days=1)  # the day itself
    dialog.say("/checkin")
    assert "program director" not in dialog.text()
    dialog.say("skip")
    dialog.advance(days=1)  # the day after: the first check-in after it
    dialog.say("/checkin")
    text = dialog.text()
    assert f"email my program director on {day}" in text and _conv(dialog).stage == "followthrough"
    assert "got in the way" not in text.lower()


def test_after_my_next_shift_uses_their_shifts(dialog):
    day = _local(dialog, 1).strftime("%a").lower()
    dialog.say(f"/checkin shifts 19:00-07:00 {day}")
    dialog.say("/checkin")
    dialog.say("I'll call my sister after my next shift")
    dialog.advance(days=1)  # the next morning: the night shift has not begun
    dialog.say("/checkin")
    assert "call my sister" not in dialog.text()
    dialog.say("skip")
    dialog.advance(days=1)  # the morning after: the night shift ended at 07:00
    dialog.say("/checkin")
    assert "call my sister" in dialog.text()


def test_the_follow_through_reply_is_read_too(dialog):
    dialog.say("/checkin")
    dialog.say("I'll text my friend tomorrow")
    dialog.advance(days=2)
    dialog.say("/checkin")
    dialog.say("It went really well, I felt so relieved")
    assert any(w in dialog.text().lower() for w in ("good to hear", "worth enjoying", "good news"))
    assert _conv(dialog).stage == "question"


def test_a_reading_is_neutral_and_keeps_no_text_beyond_the_quote():
    reading = read("My attending yelled at me in front of the patient's family and I cried in the supply closet")
    assert reading.kind == "distress" and reading.strength == 2 and set(reading.feelings) == {"sad", "hurt"}
    assert reading.quote == "I cried in the supply closet"
    assert read("Mr Jones in room 12 made me cry so much").quote is None  # a name or a number is never said back


def test_reflections_use_the_person_s_words_escaped(dialog):
    dialog.say("/checkin")
    dialog.say("I feel so alone <b>tonight</b>")
    assert "<b>" not in dialog.text()
    assert say("reflect", 0, feeling="sad") == "That sounds sad."


def _stage(d):
    conv = _conv(d)
    return conv.stage if conv else "closed"


def test_safety_still_comes_first_and_nothing_they_wrote_is_logged(dialog, caplog):
    caplog.set_level("DEBUG")
    dialog.say("/checkin")
    dialog.say("My attending yelled at me and I cried in the supply closet")
    assert "supply closet" not in caplog.text
    replies = dialog.say("I want to kill myself")
    assert "988" in dialog.text(replies) and "sounds" not in dialog.text(replies).lower()


def _questions_after_opener(dialog, replies):
    dialog.say("/checkin")
    asked = 0
    for said in replies:
        if _conv(dialog) is None:
            break  # closed: what follows is no longer the check-in
        asked += dialog.text(dialog.say(said)).count("?")
    return asked


@pytest.mark.parametrize(
    "replies",
    [
        ("I cried after the code", "I don't know", "maybe", "more"),
        ("A long night", "idk", "idk", "idk"),
        ("A long night", "some thoughts", "I am so tired", "ok"),
        ("idk", "tired", "nothing"),
        ("Great shift", "I don't know", "ok"),
    ],
)
def test_never_more_than_two_questions_after_the_opener(dialog, replies):
    assert _questions_after_opener(dialog, replies) <= 2


def test_a_feeling_in_answer_to_the_step_question_is_reflected_not_taken_as_a_step(dialog):
    run(dialog, [("A long night", "ask"), ("some thoughts", "ask"), ("I am so tired", "close", "exhausting")])
    assert dialog.store.checkins.open_step(dialog.member().id, since=dialog.now - timedelta(days=1)) is None


def test_the_ways_out_answer_in_spanish_for_a_spanish_member(dialog):
    run(dialog, [("Hoy no", "exit")], locale="es-419")
    assert dialog.say("!checkin:skip") and "hoy" in dialog.text().lower() and "leave you be" not in dialog.text()
    assert "en pausa" in dialog.text(dialog.say("!checkin:pause")).lower()
