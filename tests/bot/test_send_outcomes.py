"""Every exception from a Slack or Teams call maps to sent, retry, throttled, unreachable or failed; nothing escapes."""

from __future__ import annotations

from types import SimpleNamespace

import aiohttp
import pytest
from botbuilder.schema import (
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    ErrorResponseException,
    ResourceResponse,
)
from msrest.exceptions import ClientRequestError
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.slack.sender import SlackSender
from bot.teams.sender import TeamsSender
from handlers.core.vocabulary import Reply
from scheduler.sender import Outgoing, Recipient


def _connection_key():
    return SimpleNamespace(host="slack.com", port=443, is_ssl=True, ssl=True, proxy=None, proxy_auth=None,
                           proxy_headers_hash=None)  # fmt: skip


NETWORK_FAILURES = [
    aiohttp.ServerDisconnectedError(),
    aiohttp.ClientPayloadError("truncated body"),
    aiohttp.ClientConnectorError(_connection_key(), OSError(111, "refused")),
    aiohttp.ClientOSError(104, "connection reset"),
    TimeoutError(),
    ConnectionResetError(),
    ValueError("not JSON"),  # anything unexpected: the post may be out, so look and retry
]


def _slack_error(status: int, error: str, headers: dict | None = None) -> SlackApiError:
    response = AsyncSlackResponse(
        client=None, http_verb="POST", api_url="https://slack.com/api/chat.postMessage", req_args={},
        data={"ok": False, "error": error}, headers=headers or {}, status_code=status,
    )  # fmt: skip
    return SlackApiError("failed", response)


class StubSlack:
    def __init__(self, outcome):
        self.outcome = outcome

    async def chat_postMessage(self, **kwargs):  # noqa: N802 (slack_sdk's name)
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome


def _slack(outcome) -> SlackSender:
    async def client_for(team):
        return StubSlack(outcome)

    return SlackSender(client_for)


OUT = Outgoing(Recipient("slack", "T1", "U1", "D1"), (Reply("How is today?"),), 7)


@pytest.mark.parametrize("problem", NETWORK_FAILURES, ids=lambda p: type(p).__name__)
async def test_slack_network_failures_are_retried(problem):
    result = await _slack(problem).send(OUT)
    assert result.status == "retry" and type(problem).__name__ in result.reason


@pytest.mark.parametrize(
    ("problem", "status"),
    [
        (_slack_error(429, "ratelimited", {"Retry-After": "3"}), "throttled"),
        (_slack_error(200, "user_disabled"), "unreachable"),
        (_slack_error(200, "token_revoked"), "failed"),
        (_slack_error(500, "internal_error"), "retry"),
    ],
)
async def test_slack_api_errors_are_classified(problem, status):
    assert (await _slack(problem).send(OUT)).status == status


@pytest.mark.parametrize("answer", [{}, {"ok": True}, {"ok": True, "channel": "D1"}, {"ok": False}])
async def test_an_empty_slack_answer_is_never_sent(answer):
    assert (await _slack(answer).send(OUT)).status == "retry"


async def test_a_slack_post_with_an_answer_is_sent():
    result = await _slack({"ok": True, "channel": "D1", "ts": "1.2"}).send(OUT)
    assert result.status == "sent" and result.message_ref == {"channel": "D1", "ts": ["1.2"]}


class StubConnector:
    """Stands in for the adapter and its connector client: no turn is ever run, so no on_turn_error."""

    def __init__(self, outcome):
        self.outcome = outcome
        self.sent = []
        self.bot_framework_authentication = self
        self.conversations = self

    def create_claims_identity(self, app_id):
        return {"app": app_id}

    def create_connector_factory(self, identity):
        return self

    async def create(self, service_url, audience):
        return self

    async def send_to_conversation(self, conversation_id, activity):
        self.sent.append((conversation_id, activity))
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        return self.outcome

    async def continue_conversation(self, *args, **kwargs):  # pragma: no cover (must never be called)
        raise AssertionError("proactive sends must not run a turn")


def _teams_error(status: int, headers: dict | None = None) -> ErrorResponseException:
    problem = ErrorResponseException.__new__(ErrorResponseException)  # as botbuilder raises it, minus a real body
    Exception.__init__(problem, f"Operation returned an invalid status code {status}")
    problem.response = SimpleNamespace(status_code=status, headers=headers or {})
    return problem


REFERENCE = ConversationReference(
    channel_id="msteams",
    service_url="https://smba.example/amer/",
    conversation=ConversationAccount(id="a:lee", conversation_type="personal"),
    bot=ChannelAccount(id="28:bot"),
    user=ChannelAccount(id="29:lee"),
).serialize()
TEAMS_OUT = Outgoing(Recipient("teams", "tenant", "29:lee", None, REFERENCE), (Reply("How is today?"),), 7)


class Cards:
    """Remembers posted cards as CardMemory does, in a list."""

    def __init__(self):
        self.kept = []

    async def remember(self, card_key, reply, **where):
        if card_key and where["activity_id"]:
            self.kept.append((card_key, where))


def _teams(outcome) -> tuple[TeamsSender, StubConnector]:
    stub = StubConnector(outcome)
    return TeamsSender(stub, "app-id", Cards()), stub


@pytest.mark.parametrize(
    "problem", [*NETWORK_FAILURES, ClientRequestError("connection reset")], ids=lambda p: type(p).__name__
)
async def test_teams_network_failures_are_retried_not_apologised_for(problem):
    sender, stub = _teams(problem)
    result = await sender.send(TEAMS_OUT)
    assert result.status == "retry" and result.message_ref is None
    assert len(stub.sent) == 1 and stub.sent[0][1].recipient.id == "29:lee"  # only the check-in was attempted


@pytest.mark.parametrize(
    ("status", "expected"),
    [(429, "throttled"), (403, "unreachable"), (404, "unreachable"), (412, "retry"), (502, "retry"), (400, "failed")],
)
async def test_teams_http_statuses_are_classified(status, expected):
    sender, _ = _teams(_teams_error(status, {"Retry-After": "2"}))
    assert (await sender.send(TEAMS_OUT)).status == expected


@pytest.mark.parametrize("answer", [None, ResourceResponse(id=""), ResourceResponse()])
async def test_an_empty_teams_answer_is_never_sent(answer):
    sender, _ = _teams(answer)
    assert (await sender.send(TEAMS_OUT)).status == "retry"


async def test_a_teams_send_goes_to_the_stored_conversation_with_one_client():
    sender, stub = _teams(ResourceResponse(id="act-1"))
    assert (await sender.send(TEAMS_OUT)).status == "sent"
    assert (await sender.send(TEAMS_OUT)).message_ref == {"conversation": "a:lee", "activities": ["act-1"]}
    conversation, activity = stub.sent[0]
    assert conversation == "a:lee" and activity.from_property.id == "28:bot" and activity.reply_to_id is None
    assert len(sender._clients) == 1  # one connector client (one HTTP session) per service URL
