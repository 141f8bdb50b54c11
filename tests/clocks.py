"""Clocks for tests that must never wait: time moves only when code asks to sleep."""

from __future__ import annotations

import asyncio
import selectors
from types import SimpleNamespace


class SimClock:
    """Seconds since an arbitrary start; `sleep` moves the clock instead of waiting."""

    def __init__(self, start: float = 0.0) -> None:
        self.t = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += max(0.0, seconds)


def instant_sdk_retries(monkeypatch) -> SimClock:
    """slack_sdk's retry handlers sleep Retry-After with asyncio.sleep; record the wait instead of waiting."""
    from slack_sdk.http_retry import builtin_async_handlers

    clock = SimClock()
    monkeypatch.setattr(builtin_async_handlers, "asyncio", SimpleNamespace(sleep=clock.sleep))
    return clock


class _NoWaitSelector(selectors.SelectSelector):
    """Polls without blocking; a wait the loop asked for moves the virtual clock instead."""

    def __init__(self, clock: SimClock) -> None:
        super().__init__()
        self._clock = clock

    def select(self, timeout=None):
        events = super().select(0)
        if not events and timeout is None:
            raise RuntimeError("the simulation is waiting on nothing: every task is blocked for good")
        if not events and timeout > 0:
            self._clock.t += timeout
        return events


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """An event loop in virtual time: asyncio.sleep and timers run at once, in order, and `clock` says when.

    For simulations of many concurrent tasks (a pacer's lane with rows waiting on it) that must never wait.
    """

    def __init__(self) -> None:
        self.clock = SimClock()
        super().__init__(_NoWaitSelector(self.clock))

    def time(self) -> float:
        return self.clock.t


def run_in_virtual_time(coro):
    """Run `coro` to completion on a fresh VirtualTimeLoop; returns its result."""
    loop = VirtualTimeLoop()
    try:
        return loop.run_until_complete(coro)
    finally:
        loop.close()
