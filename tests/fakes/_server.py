"""Shared plumbing for the local fakes: lifecycle on 127.0.0.1:0, a thread runner, token buckets."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

from aiohttp import web

logger = logging.getLogger(__name__)

# Generous, because a test that fails to start should say so rather than hang.
_THREAD_START_TIMEOUT = 10.0


class FakeServer:
    """An aiohttp app on an ephemeral local port; subclasses add routes in `_add_routes`.

    Use it as `async with`, or from sync code with `with` / `start_in_thread()`, which run it on
    a private event loop in a daemon thread.
    """

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._closing: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.latency_s = 0.0

    def _add_routes(self, app: web.Application) -> None:
        raise NotImplementedError

    def _url(self) -> str:
        return self.root_url

    @property
    def root_url(self) -> str:
        """`http://127.0.0.1:PORT/` once started."""
        if self._port is None:
            raise RuntimeError("the fake is not started")
        return f"http://127.0.0.1:{self._port}/"

    async def start(self) -> str:
        """Start serving on an ephemeral port and return the URL clients should use."""
        if self._runner is not None:
            raise RuntimeError("the fake is already started")
        self._closing = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self._add_routes(app)
        # A short shutdown timeout: stop() wakes every delayed handler, so nothing should linger.
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=2.0)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        self._runner = runner
        self._port = runner.addresses[0][1]
        logger.debug("%s listening on port %s", type(self).__name__, self._port)
        return self._url()

    async def stop(self) -> None:
        """Stop serving; requests held by latency or a lost response are released first."""
        if self._runner is None:
            return
        assert self._closing is not None
        self._closing.set()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def _pause(self, seconds: float) -> None:
        """Sleep on the server side, cut short when the fake stops."""
        if seconds <= 0 or self._closing is None:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    def latency(self, seconds: float) -> None:
        """Add this delay to every request before it is handled."""
        self.latency_s = seconds

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def start_in_thread(self) -> str:
        """Run the fake on its own event loop in a daemon thread; for sync callers."""
        if self._thread is not None:
            raise RuntimeError("the fake already runs in a thread")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name=f"{type(self).__name__}-loop", daemon=True)
        thread.start()
        self._loop, self._thread = loop, thread
        return asyncio.run_coroutine_threadsafe(self.start(), loop).result(_THREAD_START_TIMEOUT)

    def stop_thread(self) -> None:
        """Stop a fake started with `start_in_thread` and join its thread."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        asyncio.run_coroutine_threadsafe(self.stop(), loop).result(_THREAD_START_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(_THREAD_START_TIMEOUT)
        loop.close()
        self._loop = self._thread = None

    def __enter__(self) -> Self:
        self.start_in_thread()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop_thread()


@dataclass
class TokenBucket:
    """A refilling bucket: `rate` tokens a second, holding at most `burst`."""

    rate: float
    burst: int
    tokens: float = field(init=False)
    updated: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        if self.rate <= 0 or self.burst < 1:
            raise ValueError(f"rate must be > 0 and burst >= 1, got rate={self.rate!r} burst={self.burst!r}")
        self.tokens = float(self.burst)

    def take(self, now: float | None = None) -> float:
        """Take a token: 0.0 when granted, else the seconds until one will be there."""
        now = time.monotonic() if now is None else now
        self.tokens = min(float(self.burst), self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate


def retry_after_header(wait_s: float) -> str:
    """Whole seconds (the header's delta-seconds form), at least 1 so a client never retries at once."""
    return str(max(1, math.ceil(wait_s)))
