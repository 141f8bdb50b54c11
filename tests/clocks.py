"""Clocks for tests that must never wait: time moves only when code asks to sleep."""

from __future__ import annotations

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
