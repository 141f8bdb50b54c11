"""The safety net's question and its language on real adapters: Slack through Bolt, Teams through botbuilder."""

from __future__ import annotations

import json

import pytest

from tests.bot.teams_harness import submits

pytestmark = pytest.mark.asyncio

CONCERN = "honestly everyone would be better off without me"


def _dms(slack, user="ULEE") -> list[dict]:
    return slack.fake.messages(user)


def _actions(message: dict) -> list[str]:
    return [e["action_id"] for b in message.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


async def test_slack_concern_gets_the_question_and_each_button_works(slack):
    await slack.dm(CONCERN)
    question = _dms(slack)[-1]
    assert "Are you having thoughts of ending your life?" in question["text"]
    assert _actions(question) == ["screen:yes:en", "screen:no:en", "screen:unsure:en"]
    await slack.press("screen:no:en", "No", message=question, channel=question["channel"])
    assert "glad you told me" in "\n".join(m.get("text", "") for m in _dms(slack))
    await slack.dm(CONCERN)
    question = _dms(slack)[-1]
    await slack.press("screen:unsure:en", "Not sure", message=question, channel=question["channel"])
    texts = "\n".join(m.get("text", "") for m in _dms(slack))
    assert "988" in texts and "741741" in texts and "1-888-409-0141" in texts


async def test_slack_reads_the_locale_once_and_answers_in_spanish(slack):
    slack.fake.add_user("UGARCIA", "nurse.garcia", real_name="Lucía García", locale="es-ES")
    await slack.dm("I just want to die", user="UGARCIA")
    reply = _dms(slack, "UGARCIA")[-1]
    assert "marca *2*" in reply["text"] and "HOLA" in reply["text"] and "442-AYUDAME" in reply["text"]
    assert _actions(reply) == ["crisis:again:es", "crisis:person:es", "crisis:ok:es"]
    asked = [c for c in slack.fake.calls_to("users.info") if c.params.get("user") == "UGARCIA"]
    assert len(asked) == 1 and str(asked[0].params.get("include_locale")).lower() in ("1", "true")
    await slack.dm("hola", user="UGARCIA")
    assert len([c for c in slack.fake.calls_to("users.info") if c.params.get("user") == "UGARCIA"]) == 1


async def test_slack_modal_fields_are_assessed_before_the_form_is_used(slack):
    await slack.command("/coach", "roster add <@UPATEL|dr.patel> role=physician department=Cardiology", user="UADMIN")
    await slack.command("/coach", "")
    view = next(
        json.loads(c.params["view"]) if isinstance(c.params["view"], str) else c.params["view"]
        for c in slack.fake.calls_to("views.open")
    )
    await slack.submit(
        view,
        {
            "role": {"type": "static_select", "selected_option": {"value": "physician"}},
            "department": {"type": "plain_text_input", "value": "Emergency"},
            "topic": {"type": "plain_text_input", "value": "I feel like such a burden on everyone"},
            "peer": {"type": "static_select", "selected_option": {"value": "same"}},
            "specialty": {"type": "plain_text_input", "value": None},
            "timing": {"type": "static_select", "selected_option": {"value": "this-week"}},
            "format": {"type": "static_select", "selected_option": {"value": "chat"}},
        },
    )
    assert any("Are you having thoughts of ending your life?" in m.get("text", "") for m in _dms(slack))
    assert not _dms(slack, "UPATEL")  # no offer went out: the form was not used


async def test_teams_concern_gets_the_question_and_a_yes_gets_the_resources(teams):
    await teams.install()
    await teams.say(CONCERN)
    card = teams.last_card()
    assert "Are you having thoughts of ending your life?" in str(card)
    assert [d["mc_action"] for d in submits(card)] == ["screen:yes:en", "screen:no:en", "screen:unsure:en"]
    await teams.post(teams.activity(value=submits(card)[0], reply_to_id=teams.last_card_id()))
    shown = str(teams.last_card())
    assert "988" in shown and "741741" in shown and "1-888-409-0141" in shown


async def test_teams_locale_gives_spanish_and_card_submissions_are_assessed(teams):
    await teams.install()
    await teams.say("checkin settings", locale="es-ES")
    form = teams.last_card()
    values = dict(submits(form)[0], time="07:45", days="mon,thu", quiet="22:00-06:00", themes="ya no puedo más")
    await teams.post(teams.activity(value=values, reply_to_id=teams.last_card_id(), locale="es-ES"))
    card = teams.last_card()
    assert "¿Estás pensando en quitarte la vida?" in str(card)
    assert [d["mc_action"] for d in submits(card)] == ["screen:yes:es", "screen:no:es", "screen:unsure:es"]
    await teams.say("no sé", locale="es-ES")
    shown = "\n".join(teams.texts())
    assert "y marca" in shown and "AYUDA" in shown and "442-AYUDAME" in shown
