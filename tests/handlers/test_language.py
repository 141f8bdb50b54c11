"""Each member's language: how it is chosen, changing it, and the whole experience in Spanish."""

from __future__ import annotations

import re

import pytest

from handlers import dispatch
from handlers.checkin import dialogue as checkin
from handlers.core.context import LANGUAGES, choose_language, member_language
from handlers.core.language import DM_WORDS_ES, SUBCOMMANDS_ES
from prompts.messages import messages, render, speaking
from tests.dialog import Dialog


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("nurse.garcia", "Lucía García", role="nurse", department="Emergency Department")
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    d.add("admin", "Alex Rivera", admin=True)
    d.add("nurse.kim", "Min-jun Kim", role="nurse", department="ICU")
    store.coaching.upsert_coach(d.ws_id, d.member("nurse.kim").id, now, role="nurse", department="ICU", capacity=2)
    d.as_ = "nurse.garcia"
    return d


@pytest.mark.parametrize(
    "override, locale, workspace_default, expected",
    [
        (None, None, None, "en"),  # nothing known: English
        (None, "es-ES", None, "es"),  # Slack from Spain
        (None, "es-419", None, "es"),  # Slack, Latin American Spanish
        (None, "es-US", None, "es"),  # Teams, US Spanish
        (None, "ES-mx", None, "es"),  # case does not matter
        (None, "en-US", None, "en"),
        (None, "en-US", "es", "es"),  # an English locale says too little to outvote the workspace's Spanish
        (None, None, "es", "es"),  # the workspace default
        (None, "", "es", "es"),  # "" = the app gave none
        (None, "fr-FR", None, "en"),  # a language we do not have: English
        (None, "fr-FR", "es", "es"),
        ("en", "es-419", "es", "en"),  # the member's own choice wins over everything
        ("es", "en-US", "en", "es"),
        ("de", "es-419", None, "es"),  # an unknown stored choice is ignored
        (None, None, "de", "en"),  # an unknown workspace default is ignored
    ],
)
def test_language_choice(override, locale, workspace_default, expected):
    assert choose_language(override, locale, workspace_default) == expected


def test_a_spanish_locale_answers_in_spanish_and_an_override_changes_it(dialog):
    dialog.locale = "es-419"
    dialog.say("ayuda")
    assert "`/checkin pausa 7d`" in dialog.text() and "Tus datos" in dialog.text()
    dialog.say("/checkin language en")
    assert "from now on I'll write to you in English" in dialog.text()
    assert dialog.member().language == "en"
    dialog.say("help")
    assert "*Your data*" in dialog.text()
    dialog.say("/checkin idioma auto")  # the Spanish word works whatever the language
    assert "Listo: voy a seguir el idioma de tu app de chat" in dialog.text() and "español" in dialog.text()
    assert dialog.member().language is None
    dialog.say("/checkin idioma")
    assert "Te escribo en español" in dialog.text()


@pytest.mark.parametrize(
    "said, expected",
    [
        ("/checkin language español", "español"),
        ("/checkin language Spanish", "español"),
        ("/checkin idioma inglés", "English"),
        ("/checkin idioma automático", "Listo: voy a seguir"),
    ],
)
def test_language_words(dialog, said, expected):
    dialog.locale = "es-US"
    dialog.say(said)
    assert expected in dialog.text()


def test_a_bad_language_is_refused_with_an_example_and_changes_nothing(dialog):
    dialog.locale = "es-419"
    dialog.say("/checkin idioma klingon")
    assert "No conozco el idioma 'klingon'" in dialog.text() and "Por ejemplo: `/checkin language es`" in dialog.text()
    assert dialog.last[0].error and dialog.member().language is None


def test_the_workspace_default_reaches_people_whose_locale_does_not_say_spanish(dialog):
    dialog.as_ = "admin"
    dialog.say("/nudge settings language=es")
    assert "Saved." in dialog.text() and "does not say Spanish: Spanish" in dialog.text()  # said before it applied
    dialog.say("/nudge settings")
    assert "Ajustes del espacio de trabajo" in dialog.text()  # the admin has no Spanish locale either
    dialog.as_, dialog.locale = "dr.lee", "en-US"
    dialog.say("/checkin privacy")
    assert "Lo que guarda microcoach" in dialog.text()
    dialog.say("/checkin language en")
    dialog.say("/checkin privacy")
    assert "What microcoach keeps" in dialog.text()
    dialog.as_ = "admin"
    dialog.say("/nudge settings language=fr")
    assert "language puede ser en, es, no 'fr'" in dialog.text()


def test_a_full_check_in_in_spanish(dialog):
    """A question from the Spanish library, Spanish buttons, a follow-up, a small step and the close."""
    dialog.locale = "es-419"
    replies = dialog.say("/checkin")
    conv = dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id)
    assert conv.question_id.startswith("es.")
    assert "¿" in replies[0].text
    dialog.say("Fue una guardia muy pesada, con dos paros seguidos y poco personal en urgencias toda la noche")
    assert "¿" in dialog.text()
    for _ in range(3):  # follow-ups, then the small step
        if dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id).stage == "step":
            break
        dialog.say("Lo que más me pesa es no tener tiempo para respirar entre pacientes y sentir que nadie lo nota")
    dialog.say("Tomarme cinco minutos a mitad del turno")
    assert (
        "tu paso" in dialog.text()
        and dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id) is None
    )


def test_buttons_and_dates_in_spanish(dialog):
    dialog.locale = "es-419"
    dialog.say("/checkin pausa 3d")
    assert re.search(r"hasta el (lun|mar|mié|jue|vie|sáb|dom), \d+ de \w+", dialog.text())
    dialog.say("/checkin reanudar")
    assert "próximo" in dialog.text().lower() or "ninguno programado" in dialog.text()
    dialog.say("Hola, ¿qué tal?")
    assert [b.label for b in dialog.last[-1].buttons] == ["Empezar un check-in", "Ahora no"]
    dialog.say("/checkin borrar")
    assert [b.label for b in dialog.last[-1].buttons] == ["Borrar todo", "Conservar mis datos"]


def test_spanish_subcommands_and_dm_words(dialog):
    dialog.locale = "es-419"
    table = [
        ("/checkin privacidad", "Lo que guarda microcoach"),
        ("/checkin pausa 7d", "En pausa"),
        ("reanudar", "Qué bueno tenerte de vuelta"),
        ("/checkin hora 07:30 mon,wed,fri", "07:30"),
        ("/checkin zona America/Chicago", "America/Chicago"),
        ("/checkin temas rest", "rest"),
        ("/checkin exportar", "archivo"),
        ("/coach estado", "No tienes ninguna solicitud"),
        ("pausa", "En pausa"),
        ("/checkin parar", "paré los check-ins"),
    ]
    for said, expected in table:
        dialog.say(said)
        assert expected.lower() in dialog.text().lower(), f"{said!r}: {dialog.text()}"


def test_every_spanish_word_names_a_real_subcommand():
    for command, words in SUBCOMMANDS_ES.items():
        table = dispatch.COMMANDS[command]
        assert {target for target in words.values()} <= set(table), command
    for command, sub in DM_WORDS_ES.values():
        assert command == "help" or sub in dispatch.COMMANDS[command]


@pytest.mark.parametrize(
    "said, expected",
    [
        ("/checkin volar", "No conozco `/checkin volar`. Prueba con `/checkin ayuda`.\nPor ejemplo: `/checkin ayuda`"),
        ("/checkin hora 25:00", "No puedo leer '25:00' como hora"),
        ("/checkin pausa mañana", "No entiendo 'mañana' como un tiempo"),
        ("/checkin pausa hasta diciembre", "Escríbela como AAAA-MM-DD"),
        ("/checkin pausa hasta 2020-01-01", "ya empezó"),
        ("/checkin pausa hasta 2026-12-24", "hasta el jue, 24 de dic"),
        ("/checkin zona Marte/Base", "No conozco la zona horaria"),
        ("/coach timing=ayer", "timing puede ser"),
    ],
)
def test_bad_input_in_spanish(dialog, said, expected):
    dialog.locale = "es-US"
    dialog.say(said)
    assert expected in dialog.text(), dialog.text()


def test_the_coach_form_and_the_offer_each_in_their_reader_s_language(dialog):
    dialog.locale = "es-419"
    form = dialog.say("/coach")[0].form
    assert form.title == "Pedir un coach de pares" and form.submit_label == "Pedir" and form.cancel_label == "Cancelar"
    dialog.say('/coach peer=same timing=this-week topic="las noches"')
    mine, offer = dialog.text(), dialog.text(to="nurse.kim")
    assert "un coach de pares de enfermería" in mine
    assert "A colleague would like a peer coach" in offer and "Role: nurse" in offer  # nurse.kim reads English
    assert [b.label for r in dialog.last if r.to == "nurse.kim" for b in r.buttons] == ["Accept", "Decline"]
    dialog.as_, dialog.locale = "nurse.kim", "en-US"
    dialog.say(f"!{[b.action for r in dialog.last if r.to == 'nurse.kim' for b in r.buttons][0]}")
    assert "Buenas noticias, Lucía" in dialog.text(to="nurse.garcia")
    group = [r for r in dialog.last if r.intro_with][0]
    assert "te presento a" in group.text and "meet" in group.text  # both read it: each in their own language


def test_app_home_and_settings_form_in_spanish(dialog):
    dialog.locale = "es-419"
    from handlers.core.vocabulary import Incoming

    home = dispatch.dispatch(Incoming(dialog.actor(), "home"), dialog.store, dialog.now)
    text = "\n".join(r.text for r in home)
    assert "*Tus check-ins*" in text and "*Tu privacidad*" in text and "todos los temas" in text
    form = dialog.say("/checkin ajustes")[0].form
    assert [f.label for f in form.fields][:3] == ["Hora del check-in", "Días", "Zona horaria"]
    assert form.fields[1].options[0].label == "Lun"


def test_a_scheduled_check_in_is_planned_and_rendered_in_the_member_s_language(dialog):
    member = dialog.member()
    workspace = dialog.store.members.workspace(dialog.ws_id)
    dialog.store.members.update_member(dialog.ws_id, member.id, locale="es-419")
    member = dialog.member()
    language = member_language(member, workspace)
    plan = checkin.plan_checkin(dialog.store, member, dialog.now, theme="rest", local_hour=9, seed=1, language=language)
    assert plan.question_id.startswith("es.rest") or plan.question_id.startswith("es.")
    [reply] = checkin.render_checkin(plan, member, scheduled=True, seed=1)
    assert "Lucía" in reply.text and {"Hoy no", "En 2 horas"} <= {b.label for b in reply.buttons}


def test_every_message_key_renders_in_both_languages():
    english, spanish = messages("en"), messages("es")
    assert set(english) == set(spanish)
    for key in english:
        for language in LANGUAGES:
            template = messages(language)[key]
            names = set(re.findall(r"{(\w+)}", " ".join(template) if isinstance(template, list) else template))
            text = render(key, language=language, **{name: "X" for name in names})
            assert text.strip(), (language, key)


def test_speaking_sets_the_language_only_within_its_block():
    assert render("button_not_now") == "Not now"
    with speaking("es"):
        assert render("button_not_now") == "Ahora no"
        assert render("button_not_now", language="en") == "Not now"
    assert render("button_not_now") == "Not now"


def test_the_follow_through_comes_in_spanish_the_next_day(dialog):
    dialog.locale = "es-419"
    dialog.say("/checkin")
    for _ in range(4):
        conv = dialog.store.checkins.current_conversation(dialog.ws_id, dialog.member().id)
        if conv is None or conv.stage == "step":
            break
        dialog.say("Lo que más me pesa es no tener tiempo para respirar entre pacientes y sentir que nadie lo nota")
    dialog.say("Tomarme cinco minutos a mitad del turno")
    dialog.advance(days=1)
    dialog.say("/checkin")
    assert "cinco minutos" in dialog.text() and "¿" in dialog.text()


def test_admin_messages_audit_log_and_reports_in_the_admin_s_language(dialog):
    dialog.as_, dialog.locale = "admin", "es-419"
    table = [
        ('/nudge add weekdays 08:30 local to everyone theme=rest name="Mañanas"', "Horario 1 agregado"),
        ("/nudge list", "*Horarios de check-ins*"),
        ("/nudge preview 1", "Próximos envíos"),
        ("/nudge pause 1", "en pausa"),
        ("/nudge audit", "*Acciones de administración, últimos 30 días*"),
        ("/nudge report", "microcoach empezó aquí en noviembre de 2026"),
        ("/nudge report 2026-13", "No entiendo el mes '2026-13'"),
        ("/nudge settings", "*Ajustes del espacio de trabajo*"),
    ]
    for said, expected in table:
        dialog.say(said)
        assert expected in dialog.text(), f"{said!r}: {dialog.text()}"
    dialog.say("/nudge add")
    assert dialog.last[0].form.title == "Nuevo horario de check-ins"


def test_a_rendered_error_escapes_what_was_typed_once(dialog):
    dialog.locale = "es-419"
    dialog.say("/checkin zona <b>&")
    assert "'&lt;b&gt;&amp;'" in dialog.text() and "&amp;lt;" not in dialog.text()
