"""The Sender protocol every platform adapter implements for proactive messages, and its vocabulary."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from handlers.core.vocabulary import Reply
from store.models import Member, Workspace

SendStatus = Literal["sent", "throttled", "retry", "failed", "unreachable"]


@dataclass(frozen=True)
class Recipient:
    """Where a DM goes, in plain JSON-able fields (no SDK objects)."""

    platform: str
    workspace: str  # external id: Slack team id, Teams tenant id, "demo"
    user_id: str
    dm_channel: str | None = None  # Slack D... channel, once known
    conversation_ref: dict | None = None  # Teams ConversationReference as JSON

    @classmethod
    def of(cls, member: Member, workspace: Workspace) -> Recipient:
        """Where this member's DMs go: the outbox's deliveries and messages to another person both ask here."""
        return cls(workspace.platform, workspace.external_id, member.user_id, member.dm_channel,
                   member.conversation_ref)  # fmt: skip


@dataclass(frozen=True)
class Outgoing:
    recipient: Recipient
    replies: tuple[Reply, ...]
    delivery_id: int | None = None  # set for outbox rows; carried as message metadata where the platform allows
    part: int = 0  # which part of the delivery this is (0-based), carried beside the delivery id
    parts: int = 1  # how many parts the delivery has (almost always one: the welcome folds into the check-in)


@dataclass(frozen=True)
class SendResult:
    """What happened. `retry` means the outcome is unknown (5xx, timeout): look before sending again.

    `throttled` means the platform refused for now (429) and nothing was posted.
    """

    status: SendStatus
    message_ref: dict | None = None
    retry_after: float | None = None
    reason: str = ""
    dm_channel: str | None = None


def retry_after_seconds(headers, default: float = 1.0) -> float:
    """The Retry-After of a 429, in seconds, from any SDK's headers (any case, a str or a list of them).

    A missing, negative or unreadable value (an HTTP date, say) counts as `default`: a short pause beats
    none, and the pacer's own back-off covers the rest.
    """
    header = None
    if headers is not None:
        header = headers.get("Retry-After") or headers.get("retry-after")
    if isinstance(header, list | tuple):
        header = header[0] if header else None
    try:
        seconds = float(str(header).strip())
    except (TypeError, ValueError):
        return default
    return seconds if math.isfinite(seconds) and seconds >= 0 else default


class Sender(Protocol):
    platform: str

    async def send(self, out: Outgoing) -> SendResult:
        """Post the replies as one DM (and any `to` replies to their people)."""

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        """Look in the recipient's DM for this delivery id and part; a `sent` result if it is already there.

        None means not found, or no way to look (then the part is sent again: a double beats a loss).
        """
