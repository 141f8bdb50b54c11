"""Slack modals: answered within Slack's 3 seconds with no Web API call first, and never saved twice."""

from __future__ import annotations

import json

from tests.bot.test_slack import _ws, dm_texts, opened_views

SCHEDULE = {
    "days": {"type": "checkboxes", "selected_options": [{"value": "mon"}]},
    "time": {"type": "timepicker", "selected_time": "07:15"},
    "zone": {"type": "static_select", "selected_option": {"value": "local"}},
    "audience": {"type": "static_select", "selected_option": {"value": "everyone"}},
    "channel": {"type": "conversations_select", "selected_conversation": None},
    "people": {"type": "multi_users_select", "selected_users": []},
    "theme": {"type": "static_select", "selected_option": None},
    "name": {"type": "plain_text_input", "value": "Mornings"},
}


async def _editor(slack) -> dict:
    await slack.command("/nudge", "add", user="UADMIN")
    return opened_views(slack)[-1]


async def test_a_resubmitted_form_saves_once(slack):
    view = await _editor(slack)
    first = await slack.submit(view, SCHEDULE, user="UADMIN")
    again = await slack.submit(view, SCHEDULE, user="UADMIN")  # the same view, sent again after a slow answer
    assert first[0] == again[0] == 200
    assert [s.name for s in slack.store.schedules.all(_ws(slack).id)] == ["Mornings"]


async def test_a_form_corrected_after_an_error_is_saved(slack):
    view = await _editor(slack)
    status, body = await slack.submit(view, {**SCHEDULE, "days": {"type": "checkboxes", "selected_options": []}},
                                      user="UADMIN")  # fmt: skip
    assert status == 200 and json.loads(body)["response_action"] == "errors"
    assert slack.store.schedules.all(_ws(slack).id) == []
    await slack.submit(view, SCHEDULE, user="UADMIN")
    assert len(slack.store.schedules.all(_ws(slack).id)) == 1


async def test_no_web_api_call_comes_before_the_answer_to_a_submission(slack):
    view = await _editor(slack)
    looked_up = len(slack.fake.calls_to("users.info"))
    await slack.submit(view, SCHEDULE, user="UADMIN")
    assert len(slack.fake.calls_to("users.info")) == looked_up


async def test_a_slow_save_closes_the_modal_in_time_and_answers_by_dm(slack):
    view = await _editor(slack)
    slack.adapter.bot.form_answer_budget = 0.0  # as if saving took longer than Slack waits
    status, body = await slack.submit(view, SCHEDULE, user="UADMIN")
    assert status == 200 and "errors" not in body
    assert "Added schedule 1" in "\n".join(dm_texts(slack, "UADMIN"))
    slack.adapter.bot.form_answer_budget = 0.0
    late = {**SCHEDULE, "time": {"type": "timepicker", "selected_time": "25:99"}}
    bad = await slack.submit(view | {"id": "V2"}, late, user="UADMIN")
    assert bad[0] == 200 and "25:99" in "\n".join(dm_texts(slack, "UADMIN"))  # a late problem comes by DM


async def test_coach_typed_in_the_dm_offers_the_form_in_words_and_a_button_that_opens_it(slack):
    """A word typed in the DM brings no trigger_id, so no modal can open: say it, and let a click open it."""
    await slack.dm("coach")
    [message] = [m for m in slack.fake.messages("ULEE") if "Ask for a peer coach" in m.get("text", "")]
    assert "/coach peer=" in message["text"] and not slack.fake.calls_to("views.open")
    assert "form:open:coach.request" in json.dumps(message.get("blocks"))
    await slack.press("form:open:coach.request", "Open the form", message=message, channel=message["channel"])
    [opened] = slack.fake.calls_to("views.open")
    assert opened.params["trigger_id"] == "trig-2" and "coach.request" in json.dumps(opened.params)
