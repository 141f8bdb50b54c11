"""Prometheus metrics: requests and their latency by route, and deliveries by outcome (read from the outbox)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

from store import Store

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _OutboxCollector:
    """Deliveries by outcome, counted in the database so every process reports the same truth."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def collect(self):
        family = GaugeMetricFamily("microcoach_deliveries", "Outbox rows by status", labels=["status"])
        for status, count in sorted(self._store.outbox_counts().items()):
            family.add_metric([status], count)
        yield family


class Metrics:
    """One registry per process (not the global default), so tests and apps never share counters."""

    def __init__(self, store: Store | None = None) -> None:
        self.registry = CollectorRegistry()
        # Labels are route names and status codes we choose: never anything a person typed.
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
        if store is not None:
            self.registry.register(_OutboxCollector(store))

    def render(self) -> bytes:
        return generate_latest(self.registry)
