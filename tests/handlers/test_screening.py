"""Ask when unsure: the direct question at concern, every answer path, and every free-text path checked first."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from handlers.safety import screening
from handlers.safety.screening import parse_answer
from tests.dialog import Dialog

CONCERN = "honestly everyone would be better off without me"
QUESTION = "are you having thoughts of ending your life?"
SCREEN_BUTTONS = ["screen:yes:en", "screen:no:en", "screen:unsure:en"]


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    return d


def _events(dialog: Dialog) -> list[tuple[str, str]]:
    with dialog.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT level, source FROM crisis_events ORDER BY id"))]


def _reflections(dialog: Dialog) -> int:
    with dialog.store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM reflections")).scalar()


def test_concern_gets_the_direct_question_and_nothing_else(dialog):
    dialog.say(CONCERN)
    said = dialog.text().lower()
    assert QUESTION in said and said.count("?") == 1  # one question, no coaching question
    assert dialog.buttons() == SCREEN_BUTTONS
    assert _events(dialog) == [("concern", "message")]  # only the level is counted
    member = dialog.member()
    assert member.screening_since == dialog.now and member.paused_until is None


def test_mid_check_in_no_answer_resumes_the_check_in_and_stores_nothing_of_the_concern(dialog):
    dialog.say("/checkin")
    conv = dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id)
    dialog.say(CONCERN)
    assert QUESTION in dialog.text().lower()
    assert _reflections(dialog) == 0  # the reply that raised the concern is not an answer
    dialog.say("no, just tired")
    said = dialog.text()
    assert "glad you told me" in said and "here's where we were" in said
    after = dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id)
    assert after.id == conv.id and after.stage == conv.stage
    assert dialog.member().screening_since is None
    dialog.say("A long night, but the team was kind")  # the next reply is the check-in answer again
    assert _reflections(dialog) == 1 and "?" in dialog.text()


@pytest.mark.parametrize("answer", ["yes", "Yeah.", "not sure", "idk", "maybe", "!screen:yes:en", "!screen:unsure"])
def test_yes_or_not_sure_leads_to_the_crisis_reply(dialog, answer):
    dialog.say("/checkin")
    dialog.say(CONCERN)
    dialog.say(answer)
    said = dialog.text()
    assert "988" in said and "741741" in said and "1-888-409-0141" in said
    assert dialog.buttons() == ["crisis:again", "crisis:person", "crisis:ok"]
    assert dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id) is None
    assert _events(dialog) == [("concern", "message"), ("crisis", "screen")]
    assert dialog.member().screening_since is None


def test_the_no_button_works_too(dialog):
    dialog.say(CONCERN)
    dialog.say("!screen:no:en")
    assert "glad you told me" in dialog.text() and "988" in dialog.text()
    assert dialog.member().screening_since is None and _events(dialog) == [("concern", "message")]


def test_a_non_answer_is_asked_once_more_then_handled_as_usual(dialog):
    dialog.say(CONCERN)
    dialog.say("what do you mean")
    assert "want to be sure i understood" in dialog.text().lower() and dialog.buttons() == SCREEN_BUTTONS
    dialog.say("the weather is nice")
    assert QUESTION not in dialog.text().lower() and dialog.member().screening_since is None
    assert "check-in" in dialog.text().lower()  # an ordinary DM outside a check-in: the gentle offer


def test_concern_again_while_asked_is_taken_as_not_sure_and_crisis_is_always_crisis(dialog):
    dialog.say(CONCERN)
    dialog.say("i just feel like such a burden")
    assert "988" in dialog.text()
    dialog.say("/checkin resume")
    dialog.say(CONCERN)
    dialog.say("i want to kill myself")
    assert "988" in dialog.text() and dialog.member().screening_since is None


def test_the_question_lapses_after_twelve_hours(dialog):
    dialog.say(CONCERN)
    dialog.advance(hours=12)
    dialog.say("yes")  # a typed "yes" no longer answers a question nobody is waiting on
    assert "988" not in dialog.text() and dialog.member().screening_since is None
    dialog.say("!screen:yes:en")  # but a pressed Yes is always honoured
    assert "988" in dialog.text()


def test_commands_still_work_while_the_question_waits(dialog):
    dialog.say(CONCERN)
    dialog.say("/checkin privacy")
    assert "what microcoach keeps" in dialog.text().lower()
    assert dialog.member().screening_since is not None


def test_spanish_locale_gets_the_question_and_the_crisis_reply_in_spanish(dialog):
    dialog.locale = "es-419"
    dialog.say("soy una carga para todos")
    assert "¿Estás pensando en quitarte la vida?" in dialog.text()
    assert dialog.buttons() == ["screen:yes:es", "screen:no:es", "screen:unsure:es"]
    dialog.say("no sé")
    said = dialog.text()
    assert "marca *2*" in said and "AYUDA" in said and "HOLA" in said and "442-AYUDAME" in said
    assert "1-888-409-0141" in said
    assert dialog.buttons() == ["crisis:again:es", "crisis:person:es", "crisis:ok:es"]
    dialog.say("!crisis:ok:es")
    assert "¿estás a salvo ahora mismo?" in dialog.text()


def test_a_clearly_spanish_message_gets_spanish_resources_without_a_locale(dialog):
    dialog.say("quiero morirme, ya no puedo más")
    assert "llama al *988* y marca *2*" in dialog.text() and "Ver los números otra vez" in str(dialog.last)


def test_english_with_an_english_locale_stays_english(dialog):
    dialog.locale = "en-US"
    dialog.say("i want to die")
    assert "text *HOME* to *741741*" in dialog.text()


@pytest.mark.parametrize(
    "entry, say",
    [
        ("dm", lambda d: d.say(CONCERN)),
        ("check-in reply", lambda d: (d.say("/checkin"), d.say(CONCERN))[-1]),
        ("slash command text", lambda d: d.say("/checkin pause 7d because everyone would be better off without me")),
        ("coach topic inline", lambda d: d.say('/coach topic="I feel like such a burden on everyone"')),
        ("coach request form", lambda d: d.say("form:coach.request", topic="I see no way out", peer="same")),
        ("settings form", lambda d: d.say("form:checkin.settings", time="07:30", themes="i can't go on")),
    ],
)
def test_every_free_text_path_is_assessed_first(dialog, entry, say):
    replies = say(dialog)
    assert QUESTION in dialog.text(replies).lower(), entry
    assert dialog.store.coaching.active_request(dialog.ws_id, dialog.member().id) is None  # nothing was submitted


@pytest.mark.parametrize(
    "said, expected",
    [
        ("yes", "yes"),
        ("Yes.", "yes"),
        ("yeah i am", "yes"),
        ("sí", "yes"),
        ("si", "yes"),
        ("claro que sí", "yes"),
        ("no", "no"),
        ("No.", "no"),
        ("nope", "no"),
        ("no, just tired", "no"),
        ("not really", "no"),
        ("para nada", "no"),
        ("No, estoy bien", "no"),
        ("not sure", "unsure"),
        ("I'm not sure", "unsure"),
        ("idk", "unsure"),
        ("maybe", "unsure"),
        ("no sé", "unsure"),
        ("no lo sé", "unsure"),
        ("tal vez", "unsure"),
        ("I don't know", "unsure"),
        ("sometimes", "unsure"),
        ("a veces", "unsure"),
        ("what do you mean", None),
        ("the shift was long and i am tired but i will be fine tomorrow ok", None),
        ("", None),
        ("🙂", None),
    ],
)
def test_typed_answers(said, expected):
    assert parse_answer(said) == expected


def test_screen_actions_live_under_their_own_namespace():
    from handlers.dispatch import ACTIONS

    assert {"screen:yes", "screen:no", "screen:unsure"} <= set(ACTIONS)
    assert ACTIONS["screen:no"] is screening.no
