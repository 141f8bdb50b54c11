"""FakeSlackAPI driven by the real slack_sdk AsyncWebClient (and Bolt), the way microcoach calls Slack."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from tests.clocks import instant_sdk_retries
from tests.fakes import FakeSlackAPI


def delivery(delivery_id: str) -> dict:
    return {"event_type": "microcoach_checkin", "event_payload": {"delivery_id": delivery_id}}


async def test_post_to_a_user_id_answers_with_their_dm_channel(slack: FakeSlackAPI, client: AsyncWebClient):
    posted = await client.chat_postMessage(channel="U1", text="How was your shift?")
    opened = await client.conversations_open(users="U1")

    assert posted["channel"].startswith("D")
    assert opened["channel"]["id"] == posted["channel"]
    assert opened["already_open"] is True
    assert posted["message"]["text"] == "How was your shift?"
    assert [m["text"] for m in slack.messages("U1")] == ["How was your shift?"]
    assert slack.violations == []


async def test_timestamps_increase(client: AsyncWebClient):
    stamps = [(await client.chat_postMessage(channel="U1", text=str(i)))["ts"] for i in range(5)]

    assert stamps == sorted(stamps, key=float)
    assert len(set(stamps)) == 5


async def test_unknown_user_is_channel_not_found(client: AsyncWebClient):
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="U404", text="hello")

    assert caught.value.response["error"] == "channel_not_found"


async def test_chat_update_needs_the_dm_channel_not_the_user_id(slack: FakeSlackAPI, client: AsyncWebClient):
    posted = await client.chat_postMessage(channel="U1", text="Check-in")

    with pytest.raises(SlackApiError) as caught:
        await client.chat_update(channel="U1", ts=posted["ts"], text="Thanks!")
    updated = await client.chat_update(channel=posted["channel"], ts=posted["ts"], text="Thanks!")

    assert caught.value.response["error"] == "channel_not_found"
    assert updated["message"]["text"] == "Thanks!"
    assert slack.messages("U1")[0]["text"] == "Thanks!"
    assert slack.violations == []


async def test_users_list_pages_with_cursor(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.add_user("U3", "nurse.kim")
    slack.add_user("U4", "admin", is_admin=True)
    # Six members in all: Slackbot and the bot user are listed too, as on Slack.
    # slack_sdk's page iterator reuses one response object, so read each page as it comes.
    pages = [[u["id"] for u in page["members"]] async for page in await client.users_list(limit=2)]

    assert pages == [["USLACKBOT", "UBOT"], ["U1", "U2"], ["U3", "U4"]]
    assert len(slack.calls_to("users.list")) == 3


async def test_users_info_has_the_time_zone(client: AsyncWebClient):
    user = (await client.users_info(user="U2"))["user"]

    assert user["tz"] == "Europe/London"
    assert isinstance(user["tz_offset"], int)


async def test_conversations_members_pages(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.add_channel("C1", "ed-team", ["U1", "U2", "UBOT"])

    first = await client.conversations_members(channel="C1", limit=2)
    rest = await client.conversations_members(channel="C1", cursor=first["response_metadata"]["next_cursor"])

    assert first["members"] + rest["members"] == ["U1", "U2", "UBOT"]
    assert rest["response_metadata"]["next_cursor"] == ""


async def test_history_is_newest_first_and_has_metadata_only_when_asked(slack: FakeSlackAPI, client: AsyncWebClient):
    for i in range(3):
        posted = await client.chat_postMessage(channel="U1", text=f"m{i}", metadata=delivery(f"d{i}"))
    channel = posted["channel"]

    plain = await client.conversations_history(channel=channel)
    rich = await client.conversations_history(channel=channel, include_all_metadata=True, limit=2)

    assert [m["text"] for m in plain["messages"]] == ["m2", "m1", "m0"]
    assert all("metadata" not in m for m in plain["messages"])
    assert [m["metadata"]["event_payload"]["delivery_id"] for m in rich["messages"]] == ["d2", "d1"]
    assert rich["has_more"] is True
    assert slack.violations == []


async def test_history_oldest_is_exclusive(client: AsyncWebClient):
    first = await client.chat_postMessage(channel="U1", text="old")
    await client.chat_postMessage(channel="U1", text="new")

    newer = await client.conversations_history(channel=first["channel"], oldest=first["ts"])

    assert [m["text"] for m in newer["messages"]] == ["new"]


async def test_files_upload_v2_round_trip(slack: FakeSlackAPI, client: AsyncWebClient):
    dm = (await client.conversations_open(users="U1"))["channel"]["id"]

    result = await client.files_upload_v2(
        channel=dm, content=b"week,rate\n1,0.5\n", filename="trend.csv", title="Weekly trend"
    )

    [uploaded] = slack.files
    assert result["file"]["id"] == uploaded.id
    assert (uploaded.filename, uploaded.title, uploaded.channels) == ("trend.csv", "Weekly trend", (dm,))
    assert uploaded.content == b"week,rate\n1,0.5\n"
    assert slack.messages(dm)[-1]["files"][0]["id"] == uploaded.id
    assert slack.violations == []


async def test_rate_limit_surfaces_as_429_with_retry_after(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.rate_limit("chat.postMessage", per_second=1)
    await client.chat_postMessage(channel="U1", text="first")

    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="U1", text="second")

    assert caught.value.response.status_code == 429
    assert caught.value.response["error"] == "ratelimited"
    assert caught.value.response.headers["Retry-After"] == "1"
    assert slack.status_count(429) == 1
    assert slack.posted_count() == 1


async def test_rate_limit_retry_handler_waits_and_succeeds(slack: FakeSlackAPI, monkeypatch):
    waited = instant_sdk_retries(monkeypatch)  # the handler's Retry-After wait is recorded, not slept
    client = AsyncWebClient(
        token="xoxb-test",
        base_url=slack.base_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)],
    )
    slack.fail_next("chat.postMessage", 429, retry_after=2)

    await client.chat_postMessage(channel="U1", text="first")

    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 200]
    assert slack.posted_count() == 1
    assert 2.0 <= waited.slept[0] < 3.0


async def test_rate_limit_is_per_method(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.rate_limit("chat.postMessage", per_second=1)
    await client.chat_postMessage(channel="U1", text="first")

    await client.users_info(user="U1")

    assert slack.status_count(429) == 0


async def test_violations_empty_for_correct_use_and_named_for_a_bogus_param(
    slack: FakeSlackAPI, client: AsyncWebClient
):
    await client.chat_postMessage(channel="U1", text="hello", metadata=delivery("d1"))
    await client.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert slack.violations == []

    await client.api_call("chat.postMessage", json={"channel": "U1", "text": "hi", "colour": "red"})
    with pytest.raises(SlackApiError):
        await client.api_call("chat.postMessage", json={"text": "nowhere"})

    assert slack.violations == [
        "chat.postMessage: undeclared param 'colour'",
        "chat.postMessage: missing required param 'channel'",
    ]


async def test_unknown_method_is_recorded_as_a_violation_and_answered_ok(slack: FakeSlackAPI, client: AsyncWebClient):
    response = await client.api_call("chat.sendTelepathically", params={"channel": "U1"})

    assert response["ok"] is True
    assert slack.calls_to("chat.sendTelepathically")[0].params == {"channel": "U1"}
    assert slack.violations == ["chat.sendTelepathically: not a method of the 2020 spec nor of the allowlist"]


@pytest.mark.parametrize(
    ("token", "error"),
    [("xoxb-wrong", "invalid_auth"), ("xoxb-revoked", "token_revoked"), (None, "not_authed")],
)
async def test_bad_tokens_are_refused_with_http_200(slack: FakeSlackAPI, token: str | None, error: str):
    slack.add_token("xoxb-revoked")
    slack.revoke_token("xoxb-revoked")
    client = AsyncWebClient(token=token, base_url=slack.base_url)

    with pytest.raises(SlackApiError) as caught:
        await client.auth_test()

    assert caught.value.response.status_code == 200
    assert caught.value.response["error"] == error


async def test_token_as_a_form_param_is_accepted(slack: FakeSlackAPI):
    client = AsyncWebClient(base_url=slack.base_url)

    identity = await client.api_call("auth.test", data={"token": "xoxb-test"})

    assert identity["user_id"] == "UBOT"
    assert identity["team_id"] == "T0001"


async def test_fail_next_http_status_then_recovers(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.fail_next("chat.postMessage", status=500)

    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="U1", text="one")
    await client.chat_postMessage(channel="U1", text="two")

    assert caught.value.response.status_code == 500
    assert caught.value.response["error"] == "internal_error"
    assert [m["text"] for m in slack.messages("U1")] == ["two"]


async def test_fail_next_with_an_error_is_http_200(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.fail_next("chat.postMessage", error="channel_not_found")

    with pytest.raises(SlackApiError) as caught:
        await client.chat_postMessage(channel="U1", text="one")

    assert caught.value.response.status_code == 200
    assert caught.value.response["error"] == "channel_not_found"


async def test_lost_response_posts_but_disconnects_and_a_retry_duplicates(slack: FakeSlackAPI):
    no_retries = AsyncWebClient(token="xoxb-test", base_url=slack.base_url, retry_handlers=[])
    slack.lose_response("chat.postMessage")

    with pytest.raises(aiohttp.ServerDisconnectedError):
        await no_retries.chat_postMessage(channel="U1", text="check-in", metadata=delivery("d1"))
    await no_retries.chat_postMessage(channel="U1", text="check-in", metadata=delivery("d1"))

    assert slack.posted_count() == 2
    assert slack.duplicates() == 1


async def test_latency_delays_each_call(slack: FakeSlackAPI, client: AsyncWebClient, monkeypatch):
    paused = []

    async def pause(seconds: float) -> None:  # records the delay instead of waiting it out
        paused.append(seconds)

    monkeypatch.setattr(slack, "_pause", pause)
    slack.latency(0.05)

    await client.auth_test()

    assert paused == [0.05]


async def test_group_dm_is_stable(client: AsyncWebClient):
    first = await client.conversations_open(users="U1,U2")
    again = await client.conversations_open(users="U2,U1")

    assert first["channel"]["id"].startswith("G")
    assert again["channel"]["id"] == first["channel"]["id"]


async def test_ephemeral_needs_a_member_of_the_channel(slack: FakeSlackAPI, client: AsyncWebClient):
    slack.add_channel("C1", "ed-team", ["U1", "UBOT"])

    sent = await client.chat_postEphemeral(channel="C1", user="U1", text="Only you can see this")
    with pytest.raises(SlackApiError) as caught:
        await client.chat_postEphemeral(channel="C1", user="U2", text="nope")

    assert sent["message_ts"]
    assert caught.value.response["error"] == "user_not_in_channel"
    assert [e["user"] for e in slack.ephemerals] == ["U1"]


async def test_views_open_update_push_and_publish(slack: FakeSlackAPI, client: AsyncWebClient):
    modal = {"type": "modal", "title": {"type": "plain_text", "text": "Check-in"}, "blocks": []}

    opened = await client.views_open(trigger_id="123.456", view=modal)
    updated = await client.views_update(view_id=opened["view"]["id"], view={**modal, "blocks": [{"type": "divider"}]})
    pushed = await client.views_push(trigger_id="123.789", view=modal)
    await client.views_publish(user_id="U1", view={"type": "home", "blocks": []})

    assert updated["view"]["id"] == opened["view"]["id"]
    assert updated["view"]["blocks"] == [{"type": "divider"}]
    assert pushed["view"]["id"] != opened["view"]["id"]
    assert [v["type"] for v in slack.views_published("U1")] == ["home"]
    assert slack.violations == []


# slack_sdk passes the client credentials with aiohttp's BasicAuth, which aiohttp 3.14 deprecates.
@pytest.mark.filterwarnings("ignore:BasicAuth is deprecated:DeprecationWarning")
async def test_oauth_v2_access_issues_a_working_bot_token(slack: FakeSlackAPI):
    slack.add_oauth_code("code-1", installer_user_id="U1")
    anonymous = AsyncWebClient(base_url=slack.base_url)

    granted = await anonymous.oauth_v2_access(client_id="111.222", client_secret="shh", code="code-1")
    identity = await AsyncWebClient(token=granted["access_token"], base_url=slack.base_url).auth_test()

    assert granted["token_type"] == "bot"
    assert granted["team"]["id"] == "T0001"
    assert (granted["bot_user_id"], granted["authed_user"]["id"]) == ("UBOT", "U1")
    assert identity["team_id"] == "T0001"
    with pytest.raises(SlackApiError):
        await anonymous.oauth_v2_access(client_id="111.222", client_secret="shh", code="code-1")


async def test_bolt_app_against_the_fake_has_no_violations(slack: FakeSlackAPI):
    app = AsyncApp(
        client=AsyncWebClient(token="xoxb-test", base_url=slack.base_url),
        signing_secret="secret",
        process_before_response=True,
    )

    @app.command("/checkin")
    async def checkin(ack, command, client):  # Bolt injects the arguments by name
        await ack()
        await client.chat_postMessage(channel=command["user_id"], text="Here is your check-in")

    response = await app.async_dispatch(signed_command(user_id="U1", text="now"))

    assert response.status == 200
    assert [c.method for c in slack.calls] == ["auth.test", "chat.postMessage"]
    assert slack.calls_to("chat.postMessage")[0].params["team_id"] == "T0001"
    assert [m["text"] for m in slack.messages("U1")] == ["Here is your check-in"]
    assert slack.violations == []


def signed_command(*, user_id: str, text: str) -> AsyncBoltRequest:
    body = urlencode({"command": "/checkin", "text": text, "user_id": user_id, "team_id": "T0001", "channel_id": "D1"})
    timestamp = str(int(time.time()))
    signature = SignatureVerifier("secret").generate_signature(timestamp=timestamp, body=body)
    headers = {
        "content-type": ["application/x-www-form-urlencoded"],
        "x-slack-signature": [signature],
        "x-slack-request-timestamp": [timestamp],
    }
    return AsyncBoltRequest(body=body, headers=headers)


def test_thread_runner_serves_a_sync_client():
    with FakeSlackAPI() as fake:
        fake.add_user("U1", "dr.lee")
        client = WebClient(token="xoxb-sync", base_url=fake.base_url)
        posted = client.chat_postMessage(channel="U1", text="hi")

    assert posted["channel"].startswith("D")
    assert fake.posted_count() == 1


async def test_deactivated_user_cannot_be_opened_but_can_still_be_posted_to(
    slack: FakeSlackAPI, client: AsyncWebClient
):
    slack.add_user("U9", "dr.gone", deleted=True)

    with pytest.raises(SlackApiError) as caught:
        await client.conversations_open(users="U9")
    # Slack keeps a deactivated member's DM history, so chat.postMessage still succeeds
    # (python-slack-sdk issue 1156): microcoach has to check `deleted` itself.
    await client.chat_postMessage(channel="U9", text="hello?")

    assert caught.value.response["error"] == "user_disabled"
    assert slack.posted_count() == 1


async def test_blocks_and_metadata_are_checked_like_slack(client: AsyncWebClient):
    with pytest.raises(SlackApiError) as no_type:
        await client.chat_postMessage(channel="U1", text="x", blocks=[{"text": "no type"}])
    with pytest.raises(SlackApiError) as bad_metadata:
        await client.chat_postMessage(channel="U1", text="x", metadata={"event_payload": {}})
    with pytest.raises(SlackApiError) as empty:
        await client.api_call("chat.postMessage", json={"channel": "U1"})  # (chat_postMessage would warn)

    assert no_type.value.response["error"] == "invalid_blocks"
    assert bad_metadata.value.response["error"] == "invalid_metadata_format"
    assert empty.value.response["error"] == "no_text"
