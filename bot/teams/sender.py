"""The Teams Sender: proactive messages through a stored ConversationReference (Teams allows no cold DMs).

botbuilder does not retry a 429 and sends POSTs once, so the outcome is decided here: 429 waits
for Retry-After; 412, 502, 504 and other 5xx, timeouts and dropped connections are retried with
backoff; 403 (blocked, or the app was removed) and 404 mean this person cannot be reached until
they install the app again; any other exception is retried, never counted as sent.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import aiohttp
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ConversationReference, ErrorResponseException
from botframework.connector import ConnectorClient
from msrest.exceptions import AuthenticationError, ClientRequestError, HttpOperationError

from bot.teams.card_memory import CardMemory, card_key_for
from bot.teams.cards import to_activity
from scheduler.sender import Outgoing, SendResult, retry_after_seconds

logger = logging.getLogger(__name__)

SEND_TIMEOUT = 15
NOT_INSTALLED = "app not installed for this person"
RETRYABLE = {412, 500, 502, 503, 504}
GONE = {403, 404}


class TeamsSender:
    """Proactive sends straight through a connector client per service URL, with the stored reference.

    No turn is run (botbuilder's continue_conversation builds one per send and costs more than the call), so
    nothing a send raises can reach the adapter's on_turn_error: a clinician never gets an apology instead
    of their check-in, and every failure comes back here to be classified.
    """

    platform = "teams"

    def __init__(self, adapter: CloudAdapter, app_id: str, cards: CardMemory) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._cards = cards
        self._clients: dict[str, ConnectorClient] = {}  # one client (and HTTP session) per service URL

    async def _client(self, service_url: str) -> ConnectorClient:
        client = self._clients.get(service_url)
        if client is None:
            identity = self._adapter.create_claims_identity(self._app_id)
            factory = self._adapter.bot_framework_authentication.create_connector_factory(identity)
            client = self._clients[service_url] = await factory.create(service_url, None)
        return client

    async def send(self, out: Outgoing) -> SendResult:
        if not out.recipient.conversation_ref:
            return SendResult("unreachable", reason=NOT_INSTALLED)
        reference = ConversationReference().deserialize(out.recipient.conversation_ref)
        ids: list[str] = []
        try:
            client = await self._client(reference.service_url)
            for reply in out.replies:
                card_key = card_key_for(reply)
                activity = addressed(to_activity(reply, card_key), reference)
                response = await asyncio.wait_for(
                    client.conversations.send_to_conversation(reference.conversation.id, activity), SEND_TIMEOUT
                )
                activity_id = getattr(response, "id", None)
                if not activity_id:
                    return SendResult("retry", reason="Teams answered without an activity id")  # never "sent"
                ids.append(activity_id)
                await self._cards.remember(card_key, reply, tenant=out.recipient.workspace,
                                           user_id=out.recipient.user_id, conversation_id=reference.conversation.id,
                                           activity_id=activity_id)  # fmt: skip
        except Exception as problem:  # every failure is classified here; nothing goes to on_turn_error
            return classify(problem, posted=bool(ids))
        if not ids:
            return SendResult("failed", reason="nothing to send")
        return SendResult("sent", message_ref={"conversation": reference.conversation.id, "activities": ids})

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        """Bots cannot read a 1:1 chat's history in Teams; parts already out are known from the outbox row."""
        return None


def addressed(activity: Activity, reference: ConversationReference) -> Activity:
    """A proactive message from the bot to the person of the reference (a new message, not a reply)."""
    activity.channel_id = reference.channel_id
    activity.service_url = reference.service_url
    activity.conversation = reference.conversation
    activity.from_property = reference.bot
    activity.recipient = reference.user
    return activity


def classify(problem: BaseException, *, posted: bool = False) -> SendResult:
    """Every exception from a connector call, as what the outbox should do next."""
    if isinstance(problem, asyncio.CancelledError):
        raise problem
    if isinstance(problem, ErrorResponseException | HttpOperationError):
        return _failure(problem, posted=posted)
    if isinstance(problem, TimeoutError | OSError | aiohttp.ClientError | ClientRequestError):
        return SendResult("retry", reason=f"no answer from Teams ({type(problem).__name__})")
    if isinstance(problem, AuthenticationError | PermissionError):
        return SendResult("failed", reason=f"Teams refused the bot's credentials ({type(problem).__name__})")
    # Anything else: the post may or may not be out; retry (Teams cannot be looked up, so a double beats a loss).
    logger.warning("unexpected %s from Teams; will retry", type(problem).__name__)
    return SendResult("retry", reason=f"unexpected error ({type(problem).__name__})")


def _failure(problem: HttpOperationError, *, posted: bool) -> SendResult:
    response = getattr(problem, "response", None)
    status = getattr(response, "status_code", 0) or 0
    if status == 429:
        retry_after = retry_after_seconds(response.headers if response is not None else None)
        return SendResult("retry" if posted else "throttled", retry_after=retry_after, reason="rate limited")
    if status in GONE:
        return SendResult("unreachable", reason="blocked the bot or removed the app" if status == 403 else
                          "conversation not found")  # fmt: skip
    if status in RETRYABLE or status == 0:
        return SendResult("retry", reason=f"Teams answered {status or 'no status'}")
    return SendResult("failed", reason=f"Teams answered {status}")
