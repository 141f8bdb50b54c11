"""FakeBotConnector driven by botbuilder's CloudAdapter with auth disabled, as microcoach sends to Teams."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
import requests
from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import (
    Activity,
    AttachmentData,
    ChannelAccount,
    ConversationParameters,
    ConversationReference,
    ErrorResponseException,
)
from botframework.connector.aio import ConnectorClient

from tests.fakes import FakeBotConnector
from tests.fakes.bot_connector import MESSAGE_WRITES_BLOCKED

CARD = {
    "type": "AdaptiveCard",
    "version": "1.5",
    "body": [{"type": "TextBlock", "text": "How was your shift?"}],
    "actions": [{"type": "Action.Submit", "title": "Good", "data": {"answer": "good"}}],
}

Turn = Callable[[TurnContext], Awaitable[None]]


async def send_text(ctx: TurnContext) -> None:
    await ctx.send_activity("Time for a check-in")


async def proactive(adapter: CloudAdapter, reference: ConversationReference, turn: Turn) -> None:
    """Continue the conversation the way microcoach's Teams sender does (auth disabled: app id "")."""
    await adapter.continue_conversation(reference, turn, "")


def connector_of(ctx: TurnContext) -> ConnectorClient:
    return ctx.turn_state[ctx.adapter.BOT_CONNECTOR_CLIENT_KEY]


async def test_text_card_and_update_reach_the_fake(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    sent: list[str] = []

    async def turn(ctx: TurnContext) -> None:
        sent.append((await ctx.send_activity("Time for a check-in")).id)
        sent.append((await ctx.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(CARD)))).id)
        edit = MessageFactory.text("Thanks for checking in")
        edit.id = sent[0]
        await ctx.update_activity(edit)

    await proactive(adapter, reference, turn)

    assert connector.texts("a:lee") == ["Time for a check-in"]
    assert connector.cards("a:lee") == [CARD]
    assert [u["text"] for u in connector.updates("a:lee")] == ["Thanks for checking in"]
    assert connector.current("a:lee")[sent[0]]["text"] == "Thanks for checking in"
    assert len(set(sent)) == 2
    assert connector.violations == []


async def test_proactive_sends_arrive_as_replies_to_a_made_up_activity(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    await proactive(adapter, reference, send_text)

    # botbuilder's continuation activity gets a random id, and sends become ReplyToActivity to it.
    [activity] = connector.activities
    assert activity.operation == "reply"
    assert activity.body["replyToId"]
    assert activity.body["conversation"]["tenantID"] == "tenant-1"


async def test_delete_is_accepted_with_200(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    async def turn(ctx: TurnContext) -> None:
        await ctx.delete_activity((await ctx.send_activity("oops")).id)

    await proactive(adapter, reference, turn)

    assert [a.operation for a in connector.activities] == ["reply", "delete"]
    assert connector.current("a:lee") == {}


async def test_429_surfaces_with_retry_after(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.fail_next(429, retry_after=3)

    with pytest.raises(ErrorResponseException) as caught:
        await proactive(adapter, reference, send_text)

    assert caught.value.response.status_code == 429
    assert caught.value.response.headers["Retry-After"] == "3"
    assert connector.activities == []


async def test_blocked_user_is_403_for_that_conversation_only(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.block("a:lee")
    other = ConversationReference().deserialize(reference.serialize())
    other.conversation.id = "a:kim"

    with pytest.raises(ErrorResponseException) as caught:
        await proactive(adapter, reference, send_text)
    await proactive(adapter, other, send_text)

    assert caught.value.response.status_code == 403
    assert caught.value.response.json()["error"]["code"] == "ConversationBlockedByUser"
    assert connector.texts("a:kim") == ["Time for a check-in"]


async def test_fail_next_per_conversation_with_a_custom_body(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.fail_next(403, body=MESSAGE_WRITES_BLOCKED, conversation_id="a:lee")

    with pytest.raises(ErrorResponseException) as caught:
        await proactive(adapter, reference, send_text)
    await proactive(adapter, reference, send_text)

    assert caught.value.response.json()["error"]["subCode"] == "MessageWritesBlocked"
    assert connector.texts("a:lee") == ["Time for a check-in"]


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_transient_statuses_surface_once_on_send(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference, status: int
):
    connector.fail_next(status)

    with pytest.raises(ErrorResponseException) as caught:
        await proactive(adapter, reference, send_text)

    assert caught.value.response.status_code == status
    # One hit: botbuilder's POSTs are not retried (urllib3 2 does not retry POST by default).
    assert len(connector.requests) == 1


async def test_rate_limit_per_conversation(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.rate_limit(per_conversation_per_s=3, per_tenant_per_s=100)
    refused: list[int] = []

    async def turn(ctx: TurnContext) -> None:
        for i in range(4):
            try:
                await ctx.send_activity(f"message {i}")
            except ErrorResponseException as exc:
                refused.append(exc.response.status_code)
                assert exc.response.headers["Retry-After"] == "1"

    await proactive(adapter, reference, turn)

    assert refused == [429]
    assert len(connector.texts("a:lee")) == 3


async def test_rate_limit_per_tenant_spans_conversations(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.rate_limit(per_conversation_per_s=100, per_tenant_per_s=2)
    statuses = []

    for conversation_id in ("a:1", "a:2", "a:3"):
        each = ConversationReference().deserialize(reference.serialize())
        each.conversation.id = conversation_id
        try:
            await proactive(adapter, each, send_text)
            statuses.append(201)
        except ErrorResponseException as exc:
            statuses.append(exc.response.status_code)

    assert statuses == [201, 201, 429]


async def test_create_conversation_is_stable_per_user(connector: FakeBotConnector, adapter: CloudAdapter):
    ids: list[str] = []

    async def turn(ctx: TurnContext) -> None:
        ids.append(ctx.activity.conversation.id)

    parameters = ConversationParameters(
        is_group=False,
        bot=ChannelAccount(id="28:bot"),
        members=[ChannelAccount(id="29:new")],
        tenant_id="tenant-1",
    )
    for _ in range(2):
        await adapter.create_conversation("", turn, parameters, "msteams", connector.service_url, None)

    assert ids[0] == ids[1]
    assert ids[0].startswith("a:")
    assert len(connector.created) == 2
    assert connector.violations == []


async def test_members_and_attachment_upload(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    connector.add_conversation("a:lee", members=[{"id": "29:lee", "name": "Dr Lee", "aadObjectId": "aad-lee"}])
    results = {}

    async def turn(ctx: TurnContext) -> None:
        client = connector_of(ctx)
        results["members"] = await client.conversations.get_conversation_members("a:lee")
        data = AttachmentData(type="text/csv", name="trend.csv", original_base64=b"week,rate")
        results["upload"] = await client.conversations.upload_attachment("a:lee", data)

    await proactive(adapter, reference, turn)

    assert [m.name for m in results["members"]] == ["Dr Lee"]
    assert results["upload"].id
    assert connector.attachments[0][1]["name"] == "trend.csv"
    assert connector.violations == []


async def test_spec_violations_are_recorded(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference
):
    async def turn(ctx: TurnContext) -> None:
        versionless = {"type": "AdaptiveCard", "body": []}
        await ctx.send_activity(MessageFactory.attachment(CardFactory.adaptive_card(versionless)))
        await ctx.send_activity(Activity(type="shout", text="HELLO"))

    await proactive(adapter, reference, turn)

    assert connector.violations == [
        "activity.attachments[0].content.version: missing (a string like '1.5')",
        "activity.type: 'shout' is not one of " + repr(ACTIVITY_TYPES),
    ]


ACTIVITY_TYPES = [
    "message",
    "contactRelationUpdate",
    "conversationUpdate",
    "typing",
    "endOfConversation",
    "event",
    "invoke",
    "deleteUserData",
    "messageUpdate",
    "messageDelete",
    "installationUpdate",
    "messageReaction",
    "suggestion",
    "trace",
    "handoff",
]


async def test_latency_delays_each_request(
    connector: FakeBotConnector, adapter: CloudAdapter, reference: ConversationReference, monkeypatch
):
    paused = []

    async def pause(seconds: float) -> None:  # records the delay instead of waiting it out
        paused.append(seconds)

    monkeypatch.setattr(connector, "_pause", pause)
    connector.latency(0.05)

    await proactive(adapter, reference, send_text)

    assert paused and set(paused) == {0.05}


def test_thread_runner_serves_plain_http():
    with FakeBotConnector() as fake:
        answer = requests.post(
            f"{fake.service_url}v3/conversations/a:x/activities",
            json={"type": "message", "text": "hi"},
            timeout=5,
        )

    assert answer.status_code == 201
    assert fake.texts("a:x") == ["hi"]
