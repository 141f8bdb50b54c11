"""`microcoach demo --web`: the dashboard on 127.0.0.1 beside the console, on the demo's own store and clock."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web

from bot.config import Settings
from bot.console import Console
from bot.dashboard import mount
from bot.metrics import Metrics
from bot.services import Services
from handlers.core.vocabulary import OrgSettings
from store import Store

HOST = "127.0.0.1"  # the demo's dashboard is for this machine only


class DemoWeb:
    """The dashboard served from a thread of its own; the console's admins are its admins (the same rule as chat)."""

    def __init__(self, console: Console, store: Store, database_url: str, port: int, org: OrgSettings) -> None:
        self.url = f"http://{HOST}:{port}"
        settings = Settings(database_url=database_url, admins=tuple(sorted(console.admins)), org=org)
        self._services = Services(settings, store, Metrics(), senders=console.senders, clock=lambda: console.now)
        self._port = port
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="demo-web", daemon=True)

    def start(self) -> None:
        """Listen on 127.0.0.1:port; raises OSError when the port is taken."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=30)

    async def _serve(self) -> None:
        app = web.Application()
        mount(app, self._services)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, HOST, self._port).start()

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
