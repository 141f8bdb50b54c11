"""The console's Sender: a DM is a line in the person's inbox, and a part already there is found again."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from handlers.core.vocabulary import Reply
from scheduler.sender import Outgoing, SendResult


class Inboxes(Protocol):
    """Where the console keeps each person's messages (bot.console.Console)."""

    def deliver(self, user_id: str, reply: Reply) -> None: ...


class ConsoleSender:
    """The console's Sender: a DM is a line in the person's inbox (printed when they are on screen)."""

    platform = "console"

    def __init__(self, console: Inboxes) -> None:
        self._console = console
        self._parts: set[tuple[int, int]] = set()  # (delivery id, part) already in an inbox

    async def send(self, out: Outgoing) -> SendResult:
        if not out.replies:
            return SendResult("failed", reason="nothing to send")
        for offset, reply in enumerate(out.replies):
            self._console.deliver(out.recipient.user_id, reply)
            if out.delivery_id is not None:
                self._parts.add((out.delivery_id, out.part + offset))
        return SendResult("sent", message_ref={"inbox": out.recipient.user_id, "delivery": out.delivery_id})

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        if (out.delivery_id, out.part) in self._parts:
            return SendResult("sent", message_ref={"inbox": out.recipient.user_id, "delivery": out.delivery_id})
        return None
