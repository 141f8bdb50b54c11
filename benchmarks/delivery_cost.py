"""Delivery cost: process CPU per check-in and check-ins a second, one worker, a sender with no limit and no latency."""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from benchmarks.harness import add_daily_schedule, build_world, midday_zone, next_minute, utcnow
from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.pacer import Pacer, PaceSettings
from scheduler.sender import SendResult
from scheduler.tick import tick
from store.repo_outbox import FINAL

UNLIMITED = PaceSettings(start_rate=1_000_000.0, max_rate=1_000_000.0)


class NullSender:
    """Answers at once, as a platform with no limit and no latency would: what is left is microcoach's own cost."""

    platform = "slack"

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, out):
        self.sent += 1
        return SendResult("sent", {"channel": "D" + out.recipient.user_id, "ts": [str(self.sent)]}, dm_channel=None)

    async def find_sent(self, out, since):
        return None


@dataclass
class CostResult:
    database: str
    members: int
    seconds: float
    cpu_s: float
    sent: int
    statuses: dict

    @property
    def cpu_ms_per_checkin(self) -> float:
        return 1000 * self.cpu_s / max(1, self.sent)

    @property
    def rate(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0


def run_cost(members: int, database_url: str | None) -> CostResult:
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        now = utcnow()
        world = build_world(Path(tmp), database_url, members, midday_zone(now), now)
        due = next_minute(now + timedelta(seconds=1))
        add_daily_schedule(world, due, now)
        tick(world.store, due + timedelta(seconds=1))
        try:
            return asyncio.run(_deliver_all(world, due, "PostgreSQL" if database_url else "SQLite"))
        finally:
            world.store.close()


async def _deliver_all(world, due, database: str) -> CostResult:
    sender = NullSender()
    clock = lambda: due + timedelta(seconds=2)  # noqa: E731 (a fixed moment: every row due, none too late)
    deliverer = Deliverer(
        world.store, {"slack": sender}, Pacer(UNLIMITED), worker_id="bench", clock=clock, settings=DeliverySettings()
    )
    stop, wake = asyncio.Event(), asyncio.Event()
    cpu, began = time.process_time(), time.perf_counter()
    task = asyncio.create_task(deliverer.run(stop, wake))
    while True:
        await asyncio.sleep(0.05)
        counts = world.store.outbox.outbox_counts(world.workspace_id)
        if sum(counts.get(s, 0) for s in FINAL) >= len(world.users):
            break
    seconds, cpu_s = time.perf_counter() - began, time.process_time() - cpu
    stop.set()
    await task
    return CostResult(database, len(world.users), seconds, cpu_s, sender.sent, dict(counts))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--members", type=int, default=3000, help="members to deliver to (default 3,000)")
    parser.add_argument("--database-url", help="PostgreSQL URL to run on as well as SQLite (its schema is dropped!)")


def run(args: argparse.Namespace) -> list[CostResult]:
    results = []
    for url in [None, *([args.database_url] if args.database_url else [])]:
        result = run_cost(args.members, url)
        print_result(result)
        results.append(result)
    return results


def print_result(r: CostResult) -> None:
    print(
        f"== delivery cost, {r.database}: {r.sent:,} check-ins in {r.seconds:.1f}s = {r.rate:.0f}/s; "
        f"CPU {r.cpu_ms_per_checkin:.2f} ms per check-in; outbox {r.statuses}",
        flush=True,
    )
