"""Prometheus metrics, counted in this process: requests and their latency by route, messages sent by outcome.

Nothing here reads the database: a scrape costs nothing however big the outbox is. Labels are route names,
status codes, platforms and outcomes we choose, never anything a person typed.
"""

from __future__ import annotations

from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from scheduler.sender import Outgoing, Sender, SendResult

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """One registry per process (not the global default), so tests and apps never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("microcoach_requests", "HTTP requests", ["route", "status"], registry=self.registry)
        self.latency = Histogram(
            "microcoach_request_seconds",
            "Time to respond (ack)",
            ["route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.sent = Counter(
            "microcoach_messages",
            "Proactive messages by platform and outcome",
            ["platform", "outcome"],
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)


class CountingSender:
    """A platform Sender whose every outcome is counted (sent, throttled, retry, failed, unreachable)."""

    def __init__(self, sender: Sender, metrics: Metrics) -> None:
        self.platform = sender.platform
        self._sender = sender
        self._metrics = metrics

    async def send(self, out: Outgoing) -> SendResult:
        result = await self._sender.send(out)
        self._metrics.sent.labels(self.platform, result.status).inc()
        return result

    async def find_sent(self, out: Outgoing, since: datetime) -> SendResult | None:
        return await self._sender.find_sent(out, since)
