"""The Slack Sender: DMs through chat.postMessage with the delivery id as message metadata, and the history look-up."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.render import message_blocks
from handlers.core.vocabulary import Reply
from scheduler.sender import Outgoing, SendResult, retry_after_seconds

logger = logging.getLogger(__name__)

EVENT_TYPE = "microcoach_delivery"
UNREACHABLE = {
    "channel_not_found",
    "user_not_found",
    "user_disabled",
    "account_inactive",
    "is_archived",
    "cannot_dm_bot",
    "not_in_channel",
    "user_is_restricted",
    "messages_tab_disabled",
}
WORKSPACE_GONE = {"invalid_auth", "token_revoked", "not_authed", "team_access_not_granted", "app_uninstalled"}
SEND_TIMEOUT = 10  # seconds; a slower answer counts as an unknown outcome, looked up before any resend

ClientFor = Callable[[str], Awaitable[AsyncWebClient | None]]


class PacedRateLimitHandler(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's own 429 retry, waiting through the workspace's pacer instead of beside it.

    The pacer hears about the 429 (it pauses the lane for Retry-After and lowers the rate), and
    the retry waits for a slot like every other send, so throttled posts do not all come back at
    once a second later and draw the next 429.
    """

    def __init__(self, on_throttle: Callable[[float], None], wait: Callable[[], Awaitable[None]] | None = None,
                 max_retry_count: int = 1) -> None:  # fmt: skip
        super().__init__(max_retry_count=max_retry_count)
        self._on_throttle = on_throttle
        self._wait = wait

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request, response=None, error=None) -> None:
        self._on_throttle(retry_after_seconds(response.headers if response is not None else None))
        if self._wait is None:
            await super().prepare_for_next_attempt_async(state=state, request=request, response=response, error=error)
            return
        state.next_attempt_requested = True
        await self._wait()
        state.increment_current_attempt()


def metadata(delivery_id: int | None, part: int = 0, parts: int = 1) -> dict | None:
    """The delivery id and part number, so a look-up after a crash finds exactly the parts that are out."""
    if delivery_id is None:
        return None
    return {"event_type": EVENT_TYPE, "event_payload": {"delivery_id": delivery_id, "part": part, "parts": parts}}


class SlackSender:
    """Posts DMs for the outbox and for messages to other people; one client per workspace token."""

    platform = "slack"

    def __init__(self, client_for: ClientFor) -> None:
        self._client_for = client_for

    async def send(self, out: Outgoing) -> SendResult:
        client = await self._client_for(out.recipient.workspace)
        if client is None:
            return SendResult("failed", reason="no token for this workspace (app uninstalled?)")
        channel = out.recipient.dm_channel or out.recipient.user_id
        refs = []
        for offset, reply in enumerate(out.replies):
            try:
                response = await asyncio.wait_for(
                    self.post(client, channel, reply, out.delivery_id, out.part + offset, out.parts), SEND_TIMEOUT
                )
            except Exception as problem:  # every failure is classified: nothing escapes to wait out a lease
                return classify(problem, posted=bool(refs))
            if not (response.get("ok") and response.get("ts") and response.get("channel")):
                return SendResult("retry", reason="Slack answered without a message")  # never "sent" on nothing
            channel = response["channel"]  # the D... id: kept so messages can be updated later
            refs.append(response["ts"])
        if not refs:
            return SendResult("failed", reason="nothing to send")
        return SendResult("sent", message_ref={"channel": channel, "ts": refs}, dm_channel=channel)

    async def post(self, client: AsyncWebClient, channel: str, reply: Reply, delivery_id: int | None,
                   part: int = 0, parts: int = 1):  # fmt: skip
        return await client.chat_postMessage(
            channel=channel,
            text=reply.text,
            blocks=message_blocks(reply),
            metadata=metadata(delivery_id, part, parts),
            unfurl_links=False,
        )

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        """Look back through the DM for a message carrying this delivery id (after a crash or a timeout)."""
        client = await self._client_for(out.recipient.workspace)
        if client is None or out.delivery_id is None:
            return None
        try:
            channel = out.recipient.dm_channel or await self._open_dm(client, out.recipient.user_id)
            history = await client.conversations_history(
                channel=channel, oldest=f"{since.timestamp():.6f}", include_all_metadata=True, limit=50
            )
        except Exception as problem:  # could not look: the part is sent again (a double beats a loss)
            logger.warning("could not read DM history for delivery %s: %s", out.delivery_id, type(problem).__name__)
            return None
        for message in history.get("messages", []):
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            # The part must match too: another part of the same delivery being out says nothing about this one.
            if payload.get("delivery_id") == out.delivery_id and payload.get("part") == out.part:
                return SendResult("sent", message_ref={"channel": channel, "ts": [message["ts"]]}, dm_channel=channel)
        return None

    async def _open_dm(self, client: AsyncWebClient, user_id: str) -> str:
        opened = await client.conversations_open(users=user_id)
        return opened["channel"]["id"]


def classify(problem: BaseException, *, posted: bool = False) -> SendResult:
    """Every exception from a Slack call, as what the outbox should do next."""
    if isinstance(problem, SlackApiError):
        return _failure(problem, posted=posted)
    if isinstance(problem, aiohttp.ClientConnectorError | aiohttp.ClientConnectionError | aiohttp.ClientPayloadError):
        return SendResult("retry", reason=f"connection to Slack failed ({type(problem).__name__})")
    if isinstance(problem, TimeoutError | OSError | aiohttp.ClientError):
        return SendResult("retry", reason=f"no answer from Slack ({type(problem).__name__})")
    if isinstance(problem, asyncio.CancelledError):
        raise problem
    # Anything else (a bad JSON body, an SDK bug): the post may or may not be out, so look before sending again.
    logger.warning("unexpected %s from Slack; will look and retry", type(problem).__name__)
    return SendResult("retry", reason=f"unexpected error ({type(problem).__name__})")


def _failure(problem: SlackApiError, *, posted: bool) -> SendResult:
    """Map Slack's answer to what the outbox should do next."""
    error = problem.response.get("error", "") if problem.response is not None else ""
    status = problem.response.status_code if problem.response is not None else 0
    if status == 429 or error == "ratelimited":
        retry_after = retry_after_seconds(problem.response.headers)
        # Part of a multi-part message already went out: safer to look it up than to post the start again.
        return SendResult("retry" if posted else "throttled", retry_after=retry_after, reason="rate limited")
    if error in UNREACHABLE:
        return SendResult("unreachable", reason=f"Slack says {error}")
    if error in WORKSPACE_GONE:
        return SendResult("failed", reason=f"Slack says {error}")
    return SendResult("retry", reason=f"Slack error {error or status}")
