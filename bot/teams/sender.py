"""The Teams Sender: proactive messages through a stored ConversationReference (Teams allows no cold DMs).

botbuilder does not retry a 429 and sends POSTs once, so the outcome is decided here: 429 waits
for Retry-After; 412, 502, 504 and other 5xx are retried with backoff; 403 (blocked, or the app
was removed) and 404 mean this person cannot be reached until they install the app again.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import ConversationReference, ErrorResponseException

from bot.teams.card_memory import CardMemory
from bot.teams.cards import to_activity  # noqa: F401  (where callers have always found it)
from scheduler.sender import Outgoing, SendResult

logger = logging.getLogger(__name__)

SEND_TIMEOUT = 15
NOT_INSTALLED = "app not installed for this person"
RETRYABLE = {412, 500, 502, 503, 504}
GONE = {403, 404}


class TeamsSender:
    platform = "teams"

    def __init__(self, adapter: CloudAdapter, app_id: str, cards: CardMemory) -> None:
        self._adapter = adapter
        self._app_id = app_id
        self._cards = cards

    async def send(self, out: Outgoing) -> SendResult:
        if not out.recipient.conversation_ref:
            return SendResult("unreachable", reason=NOT_INSTALLED)
        reference = ConversationReference().deserialize(out.recipient.conversation_ref)
        ids: list[str] = []
        failures: list[ErrorResponseException] = []

        async def post(turn_context: TurnContext) -> None:
            # Caught here: anything raised in a turn goes to the adapter's on_turn_error, not to us.
            try:
                for reply in out.replies:
                    ids.append(await self._cards.post(turn_context, reply, tenant=out.recipient.workspace,
                                                      user_id=out.recipient.user_id))  # fmt: skip
            except ErrorResponseException as problem:
                failures.append(problem)

        try:
            await asyncio.wait_for(self._adapter.continue_conversation(reference, post, self._app_id), SEND_TIMEOUT)
        except (TimeoutError, OSError) as problem:
            return SendResult("retry", reason=f"no answer from Teams ({type(problem).__name__})")
        if failures:
            return _failure(failures[0], posted=bool(ids))
        return SendResult("sent", message_ref={"conversation": reference.conversation.id, "activities": ids})

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        """Bots cannot read a 1:1 chat's history in Teams, so an unknown outcome cannot be looked up."""
        return None


def _failure(problem: ErrorResponseException, *, posted: bool) -> SendResult:
    response = getattr(problem, "response", None)
    status = getattr(response, "status_code", 0) or 0
    if status == 429:
        header = response.headers.get("Retry-After", "1") if response is not None else "1"
        retry_after = float(header) if str(header).replace(".", "", 1).isdigit() else 1.0
        return SendResult("retry" if posted else "throttled", retry_after=retry_after, reason="rate limited")
    if status in GONE:
        return SendResult("unreachable", reason="blocked the bot or removed the app" if status == 403 else
                          "conversation not found")  # fmt: skip
    if status in RETRYABLE:
        return SendResult("retry", reason=f"Teams answered {status}")
    return SendResult("failed", reason=f"Teams answered {status or 'an error'}")
