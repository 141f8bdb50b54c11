"""The Adapter protocol: what bot.web asks of each platform (Slack, Teams) it serves."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from aiohttp import web

from scheduler.sender import Sender


@runtime_checkable
class Adapter(Protocol):
    """One platform's edge: its HTTP routes, its Sender for the outbox, and its start and stop steps."""

    sender: Sender

    def routes(self, app: web.Application) -> None:
        """Add this platform's inbound endpoints to the shared aiohttp app."""

    async def warm_up(self) -> None:
        """Check credentials at start, so a wrong one is reported at once (a no-op where there is nothing to check)."""

    async def close(self) -> None:
        """Release what the adapter holds open (HTTP sessions) at shutdown."""
