"""Slack end to end: signed requests through the real Bolt app, replies checked at the fake Web API."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest

from tests.bot.conftest import NOW
from tests.clocks import instant_sdk_retries

pytestmark = pytest.mark.asyncio


def _ws(slack):
    return slack.store.members.find_workspace("slack", "T0001")


def _member(slack, user):
    return slack.store.members.member_by_user(_ws(slack).id, user)


def dm_texts(slack, user="ULEE") -> list[str]:
    return [m.get("text", "") for m in slack.fake.messages(user)]


def last_dm(slack, user="ULEE") -> dict:
    return slack.fake.messages(user)[-1]


def opened_views(slack) -> list[dict]:
    return [
        json.loads(c.params["view"]) if isinstance(c.params["view"], str) else c.params["view"]
        for c in slack.fake.calls_to("views.open")
    ]


# --- the edge: signatures, bodies, retries, our own messages -------------------------------------------------
@pytest.mark.parametrize("signing", [{"secret": "wrong"}, {"timestamp": int(time.time()) - 301}])
async def test_bad_or_stale_signatures_are_refused(slack, signing):
    status, _ = await slack.command("/checkin", "", **{}) if False else (None, None)
    body = "command=%2Fcheckin&team_id=T0001&user_id=ULEE&text="
    status, _ = await slack.post(body, "application/x-www-form-urlencoded", **signing)
    assert status == 401
    assert slack.fake.calls_to("chat.postMessage") == [] and _ws(slack) is None


async def test_a_missing_signature_is_refused(slack):
    response = await slack.client.post(
        "/slack/events", data="command=%2Fcheckin", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 401


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("{not json", "application/json"),
        ("payload=%7Bbroken", "application/x-www-form-urlencoded"),
        ("", "application/json"),
    ],
)
async def test_malformed_bodies_get_a_4xx_and_the_server_keeps_going(slack, body, content_type):
    status, _ = await slack.post(body, content_type)
    assert 400 <= status < 500
    status, _ = await slack.command("/checkin", "help")
    assert status == 200 and "/checkin pause" in slack.responses.texts()


async def test_a_retried_event_is_processed_once(slack):
    await slack.dm("hello there", event_id="Ev-same")
    status, _ = await slack.dm("hello there", event_id="Ev-same", retry=1)
    assert status == 200
    assert len([t for t in dm_texts(slack) if "short check-in now" in t]) == 1


async def test_the_bots_own_messages_and_edits_are_ignored(slack):
    await slack.event(
        {
            "type": "message",
            "channel_type": "im",
            "channel": "DULEE",
            "user": "ULEE",
            "text": "x",
            "ts": "1.0",
            "bot_id": "B0001",
        }
    )
    await slack.event(
        {
            "type": "message",
            "subtype": "message_changed",
            "channel_type": "im",
            "channel": "DULEE",
            "ts": "1.1",
            "message": {"text": "edited"},
        }
    )
    await slack.event(
        {
            "type": "message",
            "channel_type": "channel",
            "channel": "C0ICU",
            "user": "ULEE",
            "text": "in a channel",
            "ts": "1.2",
        }
    )
    assert slack.fake.calls_to("chat.postMessage") == []


# --- slash commands ----------------------------------------------------------------------------------------
async def test_checkin_in_a_channel_goes_to_the_dm_with_a_private_pointer(slack):
    status, _ = await slack.command("/checkin", "", channel="C0GENERAL")
    assert status == 200
    texts = dm_texts(slack)
    assert any("?" in t for t in texts) and "what is kept" in texts[0].lower()
    message = last_dm(slack)
    actions = [b for b in message["blocks"] if b["type"] == "actions"]
    assert actions and all(len(e["text"]["text"]) <= 75 for b in actions for e in b["elements"])
    assert "I've sent you a DM." in slack.responses.texts()
    assert _member(slack, "ULEE").dm_channel == message["channel"]
    assert _member(slack, "ULEE").timezone == "America/New_York"  # read once with users.info


@pytest.mark.parametrize(
    "command, text, expected",
    [
        ("/checkin", "help", "/checkin pause"),
        ("/checkin", "pause 7d", "Paused"),
        ("/checkin", "resume", "Welcome back"),
        ("/checkin", "stop", "stopped"),
        ("/checkin", "time 07:30 mon,wed", "07:30"),
        ("/checkin", "quiet 22:00-06:00", "Quiet hours set"),
        ("/checkin", "shifts 19:00-07:00 mon,tue", "Got your shifts"),
        ("/checkin", "themes rest", "Your themes"),
        ("/checkin", "zone Europe/London", "Europe/London"),
        ("/checkin", "privacy", "Program admins"),
        ("/checkin", "profile role=nurse department=ICU", "Saved"),
        ("/checkin", "frobnicate", "/checkin help"),
        ("/checkin", "time 25:99", "For example"),
        ("/coach", "status", "no coach request"),
        ("/coach", "cancel", "no open request"),
        ("/coach", "help", "/coach status"),
        ("/nudge", "list", "Only program admins"),
    ],
)
async def test_every_member_subcommand_answers_privately(slack, command, text, expected):
    await slack.command(command, text)
    assert expected in slack.responses.texts() + "\n".join(dm_texts(slack))
    assert not slack.fake.calls_to("chat.postEphemeral")  # response_url only: nothing shown to the channel


@pytest.mark.parametrize(
    "text, expected",
    [
        ("list", "No schedules yet"),
        ("add weekdays 08:30 local to everyone", "Added schedule 1"),
        ("preview 9", "no schedule"),
        ("pause 9", "no schedule"),
        ("resume 9", "no schedule"),
        ("delete 9", "no schedule"),
        ("audit 30d", "No admin actions"),
        ("help", "/nudge add"),
        ("add weekdays 08:30 to <#C0ICU|icu>", "2 people"),
    ],
)
async def test_every_admin_subcommand(slack, text, expected):
    await slack.command("/nudge", text, user="UADMIN")
    assert expected in slack.responses.texts("UADMIN") + "\n".join(dm_texts(slack, "UADMIN"))


async def test_coach_opens_a_modal_and_its_submission_makes_an_offer(slack):
    admin = await slack.command(
        "/coach", "roster add <@UPATEL|dr.patel> role=physician department=Cardiology", user="UADMIN"
    )
    assert admin[0] == 200 and "on the roster" in slack.responses.texts("UADMIN")
    await slack.command("/coach", "")
    [view] = opened_views(slack)
    assert view["type"] == "modal" and view["callback_id"] == "mc:coach.request"
    fields = {b["block_id"] for b in view["blocks"]}
    assert {"topic", "peer", "timing", "format", "role", "department"} <= fields
    await slack.submit(
        view,
        {
            "role": {"type": "static_select", "selected_option": {"value": "physician"}},
            "department": {"type": "plain_text_input", "value": "Emergency"},
            "topic": {"type": "plain_text_input", "value": "Nights & my kids <3"},
            "peer": {"type": "static_select", "selected_option": {"value": "same"}},
            "specialty": {"type": "plain_text_input", "value": None},
            "timing": {"type": "static_select", "selected_option": {"value": "this-week"}},
            "format": {"type": "static_select", "selected_option": {"value": "chat"}},
        },
    )
    offer = last_dm(slack, "UPATEL")
    assert "would like a peer coach" in offer["text"] and "Nights &amp; my kids &lt;3" in offer["text"]
    buttons = [e["action_id"] for b in offer["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons[0].startswith("coach:accept:") and buttons[1].startswith("coach:decline:")
    await slack.press(buttons[0], "Accept", user="UPATEL", message=offer, channel=offer["channel"])
    updated = slack.fake.calls_to("chat.update")[-1].params
    blocks = json.dumps(updated["blocks"])
    assert "actions" not in blocks and ":white_check_mark: *Accept*" in blocks
    group = [c for c in slack.fake.calls_to("conversations.open") if "," in c.params.get("users", "")]
    assert group and set(group[-1].params["users"].split(",")) == {"ULEE", "UPATEL"}
    assert any("<@UPATEL>" in t and "peer coach" in t for t in dm_texts(slack, "ULEE"))


async def test_a_bad_form_shows_the_problem_in_the_modal(slack):
    await slack.command("/checkin", "settings")
    [view] = opened_views(slack)
    assert view["callback_id"] == "mc:checkin.settings"
    status, body = await slack.submit(
        view,
        {
            "time": {"type": "timepicker", "selected_time": "07:30"},
            "days": {"type": "checkboxes", "selected_options": []},
            "zone": {"type": "static_select", "selected_option": {"value": "Mars/X"}},
            "quiet": {"type": "plain_text_input", "value": "21:00-07:00"},
        },
    )
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert "Mars/X" in json.dumps(json.loads(body)["errors"])
    assert slack.store.schedules.personal_schedule(_ws(slack).id, _member(slack, "ULEE").id) is None


async def test_nudge_add_opens_the_schedule_editor_and_saves_it(slack):
    await slack.command("/nudge", "add", user="UADMIN")
    [view] = opened_views(slack)
    kinds = {b["block_id"]: b["element"]["type"] for b in view["blocks"]}
    assert (
        kinds["days"] == "checkboxes" and kinds["time"] == "timepicker" and kinds["channel"] == "conversations_select"
    )
    zone = next(b for b in view["blocks"] if b["block_id"] == "zone")["element"]
    assert zone["options"][1]["value"] == "America/New_York"  # the admin's own zone comes first after "local"
    await slack.submit(
        view,
        {
            "days": {"type": "checkboxes", "selected_options": [{"value": "mon"}, {"value": "thu"}]},
            "time": {"type": "timepicker", "selected_time": "07:15"},
            "zone": {"type": "static_select", "selected_option": {"value": "local"}},
            "audience": {"type": "static_select", "selected_option": {"value": "channel"}},
            "channel": {"type": "conversations_select", "selected_conversation": "C0ICU"},
            "people": {"type": "multi_users_select", "selected_users": []},
            "theme": {"type": "static_select", "selected_option": None},
            "name": {"type": "plain_text_input"},
        },
        user="UADMIN",
    )
    [schedule] = slack.store.schedules.all(_ws(slack).id)
    assert (schedule.days, schedule.local_time, schedule.audience) == ("mon,thu", "07:15", ["C0ICU"])


# --- DMs, buttons, home ------------------------------------------------------------------------------------
async def test_a_full_check_in_in_the_dm(slack):
    await slack.command("/checkin", "", channel=slack.dm_channel())
    await slack.dm("A long night & two codes")
    await slack.dm("maybe ask for help")
    await slack.dm("Text my charge nurse")
    texts = dm_texts(slack)
    assert "how it went" in texts[-1]  # the step said back in their words
    step = slack.store.checkins.open_step(_member(slack, "ULEE").id, since=NOW - timedelta(days=1))
    assert step.text == "Text my charge nurse"


async def test_pressing_a_pulse_button_records_it_and_cannot_be_pressed_twice(slack):
    slack.store.members.ensure_workspace("slack", "T0001", NOW)
    await slack.command("/checkin", "")
    message = last_dm(slack)
    burnout = [
        e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"].startswith("checkin:burnout:")
    ]
    await slack.press(burnout[2]["action_id"], burnout[2]["text"]["text"], message=message, channel=message["channel"])
    assert "Noted" in dm_texts(slack)[-1]
    update = slack.fake.calls_to("chat.update")[-1].params
    assert update["channel"].startswith("D") and "checkin:burnout" not in json.dumps(update["blocks"])


async def test_the_crisis_path_in_slack(slack):
    await slack.dm("i just want to die tbh")
    text = dm_texts(slack)[-1]
    assert "988" in text and "741741" in text and "1-888-409-0141" in text
    actions = [e["action_id"] for b in last_dm(slack)["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["crisis:again", "crisis:person", "crisis:ok"]


async def test_app_home_shows_the_next_check_in_and_admin_totals(slack):
    slack.store.members.ensure_workspace("slack", "T0001", NOW)
    await slack.command("/nudge", "add daily 08:30", user="UADMIN")
    await slack.event({"type": "app_home_opened", "user": "UADMIN", "channel": "DADMIN", "tab": "home"})
    [published] = slack.fake.views_published("UADMIN")
    text = json.dumps(published)
    assert published["type"] == "home" and "Next:" in text and "Program (admins only)" in text
    await slack.event({"type": "app_home_opened", "user": "ULEE", "channel": "DULEE", "tab": "home"})
    assert "Program (admins only)" not in json.dumps(slack.fake.views_published("ULEE"))
    await slack.press("checkin:pause", "Pause a week", view={"type": "home", "id": "VH"})
    assert "Paused until" in json.dumps(slack.fake.views_published("ULEE")[-1])


async def test_export_arrives_as_a_file(slack):
    await slack.command("/checkin", "", channel=slack.dm_channel())
    await slack.dm("my secret answer")
    await slack.command("/checkin", "export")
    [upload] = slack.fake.files
    data = json.loads(upload.content)
    assert upload.filename.endswith(".json") and data["answers"][0]["text"] == "my secret answer"


# --- directory and lifecycle -------------------------------------------------------------------------------
async def test_user_change_refreshes_the_zone(slack):
    await slack.command("/checkin", "help")
    await slack.event(
        {
            "type": "user_change",
            "user": {"id": "ULEE", "name": "dr.lee", "tz": "Europe/Berlin", "profile": {"real_name": "Jordan Lee"}},
        }
    )
    assert _member(slack, "ULEE").timezone == "Europe/Berlin"


async def test_directory_sync_reads_people_and_channels_in_pages(slack):
    for i in range(450):
        slack.fake.add_user(f"UX{i:03d}", f"person{i}", tz="Asia/Kolkata")
    slack.store.members.ensure_workspace("slack", "T0001", NOW)
    await slack.command("/nudge", "add weekdays 08:00 to <#C0ICU|icu>", user="UADMIN")
    await slack.adapter.sync_directory()
    members = slack.store.members.all(_ws(slack).id)
    assert len([m for m in members if m.timezone == "Asia/Kolkata"]) == 450
    assert len(slack.fake.calls_to("users.list")) >= 3  # pages of 200
    assert len(slack.store.members.channel_member_ids(_ws(slack).id, "C0ICU")) == 2
    assert not [c for c in slack.fake.calls_to("users.info") if c.params.get("user", "").startswith("UX")]


async def test_uninstall_stops_deliveries_for_the_workspace(slack):
    await slack.command("/checkin", "help")
    await slack.event({"type": "app_uninstalled"})
    assert _ws(slack).active is False


async def test_rate_limited_interactive_calls_are_retried_by_slack_sdk(slack, monkeypatch):
    waited = instant_sdk_retries(monkeypatch)
    slack.fake.fail_next("chat.postMessage", 429, retry_after=3)
    await slack.command("/checkin", "", channel=slack.dm_channel())
    assert slack.fake.status_count(429, "chat.postMessage") == 1
    assert any("?" in t for t in dm_texts(slack)) and 3.0 <= waited.slept[0] < 4.0


async def test_what_a_clinician_writes_reaches_no_log(slack, caplog):
    import logging

    from bot.runtime import configure_logging

    configure_logging("DEBUG")  # our own loggers at their most talkative; the SDKs stay at INFO, as in production
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="handlers")
    caplog.set_level(logging.DEBUG, logger="scheduler")
    marker = "ZQX-slack-marker"
    await slack.command("/checkin", "", channel=slack.dm_channel())
    await slack.dm(f"{marker} a hard night")
    await slack.dm(f"{marker} i want to die")
    await slack.command("/coach", f'topic="{marker}"')
    assert marker not in caplog.text


async def test_every_app_home_button_answers(slack):
    """Each button the App Home can show, pressed through a signed request, does its job (none is 'taken care of')."""
    home = {"type": "home", "id": "VH"}
    await slack.command("/checkin", "pause 7d")
    await slack.event({"type": "app_home_opened", "user": "ULEE", "channel": "DULEE", "tab": "home"})
    shown = json.dumps(slack.fake.views_published("ULEE")[-1])
    assert '"home:resume"' in shown
    await slack.press("home:resume", "Resume check-ins", view=home)
    shown = json.dumps(slack.fake.views_published("ULEE")[-1])
    assert all(f'"{action}"' in shown for action in ("checkin:start", "checkin:pause", "home:settings", "home:privacy"))
    member = slack.store.members.member_by_user(slack.store.members.find_workspace("slack", "T0001").id, "ULEE")
    assert member.status == "active" and member.paused_until is None
    await slack.press("home:settings", "Settings", view=home)
    assert slack.fake.calls_to("views.open")
    await slack.press("home:privacy", "What is kept and who sees it", view=home)
    await slack.press("checkin:start", "Check in now", view=home)
    said = " ".join(m.get("text", "") for m in slack.fake.messages("ULEE"))
    assert "already taken care of" not in said and "stored encrypted" in said


@pytest.mark.parametrize("how", ["command", "dm"])
async def test_a_failure_after_the_ack_tells_the_person_as_teams_does(slack, monkeypatch, how):
    def broken(*args, **kwargs):
        raise RuntimeError("a database outage, say")

    monkeypatch.setattr("bot.slack.app.dispatch", broken)
    if how == "command":
        status, _ = await slack.command("/checkin", "pause 3d")
        told = slack.responses.texts("ULEE")
    else:
        status, _ = await slack.dm("hello")
        told = " ".join(m.get("text", "") for m in slack.fake.messages("ULEE"))
    assert status == 200 and "something went wrong on my side and nothing was changed" in told
