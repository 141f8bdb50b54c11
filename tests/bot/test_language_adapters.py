"""Spanish through the real adapters: a signed Slack request from an es-419 user, a Teams activity in es-US."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.asyncio


def _dm_texts(slack, user: str) -> str:
    return "\n".join(m.get("text", "") for m in slack.fake.messages(user))


async def test_slack_es_419_user_gets_help_errors_forms_and_home_in_spanish(slack):
    slack.fake.add_user("UGARCIA", "nurse.garcia", real_name="Lucía García", locale="es-419")
    status, _ = await slack.command("/checkin", "ayuda", user="UGARCIA")
    said = slack.responses.texts("UGARCIA") + _dm_texts(slack, "UGARCIA")
    assert status == 200 and "`/checkin pausa 7d`" in said and "Tus datos" in said
    await slack.command("/checkin", "hora 25:00", user="UGARCIA")
    assert "No puedo leer '25:00' como hora" in slack.responses.texts("UGARCIA")
    await slack.command("/checkin", "privacidad", user="UGARCIA")
    assert "Lo que guarda microcoach" in slack.responses.texts("UGARCIA")
    await slack.command("/coach", "", user="UGARCIA")
    [opened] = [c for c in slack.fake.calls_to("views.open")]
    view = json.loads(opened.params["view"]) if isinstance(opened.params["view"], str) else opened.params["view"]
    assert view["title"]["text"] == "Pedir un coach de pares" and view["close"]["text"] == "Cancelar"
    await slack.event({"type": "app_home_opened", "user": "UGARCIA", "channel": "DGARCIA", "tab": "home"})
    home = json.dumps(slack.fake.views_published("UGARCIA")[-1], ensure_ascii=False)
    assert "Tus check-ins" in home and "Check-in ahora" in home


async def test_slack_en_us_user_stays_in_english(slack):
    status, _ = await slack.command("/checkin", "help")
    assert status == 200 and "`/checkin pause 7d`" in slack.responses.texts() + _dm_texts(slack, "ULEE")


async def test_teams_es_us_activity_gets_spanish_text_and_cards(teams):
    await teams.install()
    await teams.say("checkin privacidad", locale="es-US")
    assert any("Lo que guarda microcoach" in text for text in teams.texts())
    await teams.say("checkin ajustes", locale="es-US")
    card = json.dumps(teams.last_card(), ensure_ascii=False)
    assert "Ajustes de check-in" in card and "Hora del check-in" in card and "Guardar" in card
    await teams.say("checkin", locale="es-US")
    card = json.dumps(teams.last_card(), ensure_ascii=False)
    assert "¿" in card and "Algo de estrés, pero sin burnout" in card  # the monthly burnout item's buttons
    await teams.say("ayuda", locale="es-US")
    assert any("`/checkin pausa 7d`" in text for text in teams.texts())
    await teams.say("/checkin volar", locale="es-US")
    assert any("Prueba con `/checkin ayuda`" in text for text in teams.texts())
