"""Teams end to end: activities through botbuilder's CloudAdapter, replies checked at the fake Bot Connector."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount

from tests.bot.conftest import NOW
from tests.bot.teams_harness import TENANT, submits

pytestmark = pytest.mark.asyncio


def _ws(teams):
    return teams.store.members.find_workspace("teams", TENANT)


def _member(teams, user_id):
    return teams.store.members.member_by_user(_ws(teams).id, user_id)


async def test_install_greets_and_stores_the_conversation_reference(teams):
    assert await teams.install() in (200, 201)
    shown = "\n".join(teams.texts())
    assert "Jordan" in shown and "What is kept" in shown and "/checkin stop" in shown
    reference = _member(teams, "29:lee").conversation_ref
    assert reference["conversation"]["id"] == "a:lee" and reference["serviceUrl"] == teams.fake.service_url
    assert _member(teams, "29:lee").timezone == "America/New_York"
    await teams.install()
    assert len([t for t in teams.texts() if "What is kept" in t]) == 1  # greeted once


@pytest.mark.parametrize(
    "said, expected",
    [
        ("help", "/checkin pause"),
        ("/help", "/checkin pause"),
        ("checkin pause 7d", "Paused"),
        ("/checkin pause 7d", "Paused"),
        ("checkin resume", "Welcome back"),
        ("checkin time 07:30", "07:30"),
        ("checkin privacy", "Program admins"),
        ("coach status", "no coach request"),
        ("coach help", "/coach status"),
        ("nudge list", "Only program admins"),
        ("checkin frobnicate", "/checkin help"),
        ("checkin stop", "stopped"),
    ],
)
async def test_every_command_works_as_words_with_or_without_a_slash(teams, said, expected):
    await teams.install()
    assert await teams.say(said) in (200, 201)
    assert expected in "\n".join(teams.texts())


async def test_a_check_in_card_and_a_press_that_cannot_be_repeated(teams):
    await teams.install()
    await teams.say("checkin")
    card = teams.last_card()
    assert card["type"] == "AdaptiveCard" and any("?" in b.get("text", "") for b in card["body"])
    buttons = submits(card)
    pulse = next(d for d in buttons if d["mc_action"].startswith("checkin:burnout:"))
    card_id = teams.last_card_id()
    await teams.post(teams.activity(value=pulse, reply_to_id=card_id))
    [update] = teams.fake.updates("a:lee")
    redrawn = update["attachments"][0]["content"]
    assert submits(redrawn) == [] and "✓ **" in str(redrawn)
    assert "Noted" in teams.texts()[-1]


async def test_a_full_check_in_in_the_personal_chat(teams):
    await teams.install()
    await teams.say("checkin")
    await teams.say("A long night")
    await teams.say("ask for help")
    await teams.say("Leave by six on Friday")
    assert "how it went" in teams.texts()[-1]  # the step said back in their words


@pytest.mark.parametrize("conversation_type", ["channel", "groupChat"])
async def test_coaching_stays_in_the_personal_chat(teams, conversation_type):
    mention = {
        "type": "mention",
        "text": "<at>microcoach</at>",
        "mentioned": {"id": "28:microcoach-bot", "name": "microcoach"},
    }
    body = teams.activity(
        text="<at>microcoach</at> checkin",
        conversation="19:team@thread",
        entities=[mention],
        conversation_type=conversation_type,
    )
    await teams.post(body)
    [reply] = teams.fake.texts("19:team@thread")
    assert "1:1 chat" in reply and "?" not in reply
    assert _member(teams, "29:lee") is None or _member(teams, "29:lee").conversation_ref is None
    admin = teams.activity(
        "admin",
        text="<at>microcoach</at> nudge list",
        conversation="19:team@thread",
        entities=[mention],
        conversation_type=conversation_type,
    )
    await teams.post(admin)
    in_channel = teams.fake.texts("19:team@thread")[-1]
    assert "1:1 chat" in in_channel and "No schedules yet" not in in_channel  # no one had a 1:1 chat yet
    await teams.install("admin")
    await teams.post(admin | {"id": "act-again"})
    assert "answered you in our 1:1 chat" in teams.fake.texts("19:team@thread")[-1]
    assert "No schedules yet" in teams.texts("admin")[-1]  # admin answers go to the admin's own chat


async def test_the_coach_form_card_and_an_offer_to_a_coach(teams):
    for who in ("lee", "patel", "admin"):
        await teams.install(who)
    await teams.say("coach roster add @Priya role=physician department=Cardiology", "admin")
    assert "I don't know anyone called @Priya" in teams.texts("admin")[-1]
    patel = _member(teams, "29:patel")
    teams.store.members.update_member(_ws(teams).id, patel.id, handle="dr.patel")
    await teams.say("coach roster add @dr.patel role=physician department=Cardiology", "admin")
    await teams.say("coach")
    form = teams.last_card()
    inputs = {b["id"]: b["type"] for b in form["body"] if b.get("id")}
    assert inputs["topic"] == "Input.Text" and inputs["peer"] == "Input.ChoiceSet" and "role" in inputs
    submit = dict(
        submits(form)[0],
        role="physician",
        department="Emergency",
        peer="same",
        timing="this-week",
        format="video",
        topic="Nights",
        specialty="",
    )
    await teams.post(teams.activity(value=submit, reply_to_id=teams.last_card_id()))
    offer = teams.last_card("patel")
    assert "would like a peer coach" in str(offer) and "Nights" in str(offer)
    accept = next(d for d in submits(offer) if d["mc_action"].startswith("coach:accept:"))
    await teams.post(teams.activity("patel", value=accept, reply_to_id=teams.last_card_id("patel")))
    assert any("Priya Patel" in t and "peer coach" in t for t in teams.texts("lee"))
    # No group chat a bot can open in Teams: each of the two is told in their own chat, nothing dropped.
    assert all(any("you're matched" in t for t in teams.texts(who)) for who in ("lee", "patel"))


@pytest.mark.parametrize(
    "headers, body, status",
    [
        ({"Content-Type": "text/plain"}, "hello", 415),
        ({"Content-Type": "application/json"}, "{broken", 400),
        ({"Content-Type": "application/json"}, '{"text": "no type"}', 400),
    ],
)
async def test_broken_bodies_get_a_clear_4xx(teams, headers, body, status):
    response = await teams.client.post("/api/messages", data=body, headers=headers)
    assert response.status == status
    assert "for example" in (await response.json())["error"]
    assert await teams.say("help") in (200, 201)


async def test_the_crisis_path_in_teams(teams):
    await teams.install()
    await teams.say("i want to end my life")
    card = teams.last_card()
    text = str(card)
    assert "988" in text and "741741" in text and "1-888-409-0141" in text
    assert [d["mc_action"] for d in submits(card)] == ["crisis:again", "crisis:person", "crisis:ok"]


async def test_removing_the_app_marks_the_person_unreachable(teams):
    await teams.install()
    await teams.post(teams.activity(kind="installationUpdate", action="remove"))
    assert _member(teams, "29:lee").unreachable_reason == "removed the app in Teams"
    await teams.say("help")  # they came back: the fresh reference clears it
    assert _member(teams, "29:lee").unreachable_reason is None


async def test_the_bot_with_botbuilders_test_adapter(teams):
    adapter = TestAdapter(
        teams.adapter.bot.on_turn,
        template_or_conversation=Activity(
            channel_id="msteams",
            conversation=ConversationAccount(id="a:test", conversation_type="personal"),
            recipient=ChannelAccount(id="28:bot", name="bot"),
            service_url="https://test.local/",
            channel_data={"tenant": {"id": TENANT}},
            from_property=ChannelAccount(id="29:tester", name="Tess Ter"),
        ),
    )

    flow = await adapter.send("help")
    await flow.assert_reply(lambda activity, description: "/checkin" in (activity.text or ""))
    flow = await adapter.send("checkin")
    await flow.assert_reply(lambda activity, description: "AdaptiveCard" in str(activity.attachments))


async def test_teams_text_keeps_code_blocks_and_separates_lines():
    from bot.teams.cards import message_text, reply_card
    from handlers.core.vocabulary import Button, Reply

    text = message_text("*Report*\n```\na  b\nc  d\n```\nend &lt;5")
    assert text == "**Report**\n\n```\na  b\nc  d\n```\n\nend <5"
    card = reply_card(Reply("line one\nline *two*", buttons=(Button("Go", "checkin:start"),)), "k")
    assert [b["text"] for b in card["body"] if b["type"] == "TextBlock"] == ["line one", "line **two**"]


def _inputs(card: dict) -> dict:
    """A card's inputs by id, with their Adaptive Card type."""
    return {b["id"]: b["type"] for b in card["body"] if b.get("id")}


def _attachments(teams, who: str = "lee") -> list[dict]:
    return [a for body in teams.fake.sent_to(f"a:{who}") for a in body.get("attachments") or []]


async def test_the_settings_card_saves_everything_at_once(teams):
    await teams.install()
    await teams.say("checkin settings")
    form = teams.last_card()
    assert _inputs(form)["time"] == "Input.Time" and _inputs(form)["zone"] == "Input.ChoiceSet"
    values = dict(submits(form)[0], time="07:45", days="mon,thu", zone="Europe/London", quiet="22:00-06:00")
    values.update(timing="clock", themes="rest")
    await teams.post(teams.activity(value=values, reply_to_id=teams.last_card_id()))
    assert "07:45 on mon,thu (Europe/London)" in "\n".join(teams.texts())
    member = _member(teams, "29:lee")
    assert (member.timezone, member.zone_chosen, member.themes) == ("Europe/London", True, ["rest"])
    await teams.say("checkin privacy")  # the next message's localTimezone (New York) does not undo the choice
    assert _member(teams, "29:lee").timezone == "Europe/London"


async def test_an_admin_adds_a_schedule_with_the_editor_card(teams):
    await teams.install("admin")
    await teams.say("nudge add", "admin")
    form = teams.last_card("admin")
    assert {"days", "time", "zone", "audience"} <= set(_inputs(form))
    values = dict(submits(form)[0], name="Mornings", days="mon,wed,fri", time="07:30", zone="local")
    values["audience"] = "everyone"
    await teams.post(teams.activity("admin", value=values, reply_to_id=teams.last_card_id("admin")))
    assert 'Added schedule 1: "Mornings": mon,wed,fri at 07:30' in "\n".join(teams.texts("admin"))
    [schedule] = teams.store.schedules.all(_ws(teams).id)
    assert (schedule.days, schedule.local_time, schedule.timezone) == ("mon,wed,fri", "07:30", None)
    await teams.say("nudge add", "admin")  # the first form was redrawn as sent: a new one for the next schedule
    bad = dict(values, time="25:99", **submits(teams.last_card("admin"))[0])
    await teams.post(teams.activity("admin", value=bad, reply_to_id=teams.last_card_id("admin")))
    assert "25:99" in teams.texts("admin")[-1] and len(teams.store.schedules.all(_ws(teams).id)) == 1


async def test_export_arrives_as_a_file_and_delete_takes_a_second_choice(teams):
    await teams.install()
    await teams.say("checkin")
    await teams.say("A quiet shift for once")
    await teams.say("checkin export")
    [export] = [a for a in _attachments(teams) if a.get("contentType") == "application/json"]
    assert export["name"].startswith("microcoach-export-") and export["contentUrl"].startswith("data:application/json")
    await teams.say("checkin delete")
    confirm = teams.last_card()
    assert _member(teams, "29:lee") is not None  # asking is not deleting
    yes = next(d for d in submits(confirm) if d["mc_action"] == "privacy:delete-yes")
    await teams.post(teams.activity(value=yes, reply_to_id=teams.last_card_id()))
    assert "Everything of yours has been deleted" in "\n".join(teams.texts())
    assert _member(teams, "29:lee") is None


async def test_the_admin_report_carries_its_chart_and_hides_small_groups(teams):
    await teams.install("admin")
    await teams.install("lee")
    await teams.say("checkin", "lee")
    await teams.say("a long night", "lee")
    teams.services.clock = lambda: NOW + timedelta(days=10)  # December: November is complete
    await teams.say("nudge report", "admin")
    shown = "\n".join(teams.texts("admin"))
    assert "November 2026" in shown and "<5" in shown and "a long night" not in shown
    [chart] = [a for a in _attachments(teams, "admin") if a.get("contentType") == "image/png"]
    assert chart["contentUrl"].startswith("data:image/png;base64,")


LINK = "[see my notes](http://evil.example/login)"


async def test_a_link_in_someones_words_never_becomes_a_live_link_for_a_coach(teams):
    for who in ("lee", "patel", "admin"):
        await teams.install(who)
    patel = _member(teams, "29:patel")
    teams.store.members.update_member(_ws(teams).id, patel.id, handle="dr.patel")
    await teams.say("coach roster add @dr.patel role=physician department=Cardiology", "admin")
    await teams.say(f'coach role=physician department="{LINK}" topic="nights {LINK}"')
    offer = teams.last_card("patel")
    shown = " ".join(b.get("text", "") for b in offer["body"] if b.get("type") == "TextBlock")
    assert "nights" in shown and "see my notes" in shown
    assert "](" not in shown  # markdown would render [text](url) as a link hiding its address
    accept = next(d for d in submits(offer) if d["mc_action"].startswith("coach:accept:"))
    await teams.post(teams.activity("patel", value=accept, reply_to_id=teams.last_card_id("patel")))
    assert all("](" not in t for t in teams.texts("patel"))


async def test_an_activity_delivered_twice_is_handled_once(teams):
    await teams.install()
    body = teams.activity(text="/nudge help")
    before = len(teams.fake.sent_to("a:lee"))
    await teams.post(body)
    await teams.post(body)  # the Bot Connector retries an activity it thinks failed, with the same id
    assert len(teams.fake.sent_to("a:lee")) == before + 1


async def test_one_install_is_one_welcome_when_its_two_activities_arrive_together(teams):
    """The Agents Playground and Teams send installationUpdate and conversationUpdate (bot added) at once."""
    added = teams.activity(kind="conversationUpdate", membersAdded=[{"id": "28:microcoach-bot"}])
    await asyncio.gather(teams.install(), teams.post(added))
    assert sum("what is kept" in t.lower() for t in teams.texts()) == 1
