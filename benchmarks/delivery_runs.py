"""Delivery runs in one worker process: 20 workspaces each with its own limit, and Teams through a stand-in connector.

The 20-workspace run uses an in-process sender that plays each workspace's limit (a token bucket, 429 with
Retry-After past it) and latency, so what it measures is the deliverer's pacing and fairness. The Teams run
sends through the real TeamsSender and botbuilder's connector client to the fake Bot Connector over HTTP.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.harness import midday_zone, person, user_id, utcnow
from scheduler.delivery import Deliverer
from scheduler.pacer import Pacer
from scheduler.sender import SendResult
from scheduler.tick import tick
from store import Store
from store.crypto import Cipher, generate_key
from store.repo_outbox import FINAL
from tests.fakes._server import TokenBucket

LATENCY = 0.1


@dataclass
class WorkspaceRun:
    name: str
    members: int
    limit: float
    times: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        span = self.times[-1] - self.times[0] if len(self.times) > 1 else 0.0
        return (len(self.times) - 1) / span if span else 0.0

    @property
    def fraction(self) -> float:
        return self.rate / self.limit


@dataclass
class ManyResult:
    runs: list[WorkspaceRun]
    seconds: float
    statuses: dict
    duplicates: int
    no_question: int

    @property
    def worst(self) -> WorkspaceRun:
        return min(self.runs, key=lambda r: r.fraction)


class LimitedSender:
    """Each workspace's own limit and latency, as Slack would answer: a 429 with Retry-After past the limit."""

    platform = "slack"

    def __init__(self, limit: float, latency: float = LATENCY) -> None:
        self._buckets: dict[str, TokenBucket] = {}
        self._limit, self._latency = limit, latency
        self.times: dict[str, list[float]] = defaultdict(list)
        self.posted: dict[int, int] = defaultdict(int)

    async def send(self, out):
        await asyncio.sleep(self._latency / 2)
        bucket = self._buckets.setdefault(out.recipient.workspace, TokenBucket(self._limit, max(1, int(self._limit))))
        wait = bucket.take()
        await asyncio.sleep(self._latency / 2)
        if wait:
            return SendResult("throttled", retry_after=float(max(1, math.ceil(wait))), reason="rate limited")
        self.times[out.recipient.workspace].append(time.time())
        self.posted[out.delivery_id] += 1
        return SendResult("sent", {"ts": [str(len(self.posted))]}, dm_channel="D" + out.recipient.user_id)

    async def find_sent(self, out, since):
        return SendResult("sent", {"found": True}) if self.posted.get(out.delivery_id) else None


def _world(workdir: Path, url: str | None, sizes: dict[str, int], platform: str = "slack"):
    """Workspaces of the given sizes, each with a daily check-in for everyone due a few seconds ago."""
    store = Store.open(url or f"sqlite:///{workdir / 'runs.db'}", Cipher([generate_key()]))
    now = utcnow()
    zone = midday_zone(now)
    due = now.replace(second=0, microsecond=0)
    local = due.astimezone(ZoneInfo(zone)).strftime("%H:%M")
    created = {}
    for name, size in sizes.items():
        ws = store.members.ensure_workspace(platform, name, now - timedelta(days=1), name=name)
        people = [person(user_id(i), zone) for i in range(size)]
        for start in range(0, size, 500):
            store.members.bulk_upsert_members(ws.id, people[start : start + 500], now - timedelta(days=1))
        every_day = "mon,tue,wed,thu,fri,sat,sun"
        store.schedules.add_schedule(ws.id, now - timedelta(days=1), name="daily", days=every_day, local_time=local,
                           timezone=None, audience_kind="everyone", audience=[], theme=None)  # fmt: skip
        created[name] = ws
    store.outbox.set_watermark("tick", due - timedelta(minutes=1))
    tick(store, now)
    return store, created


async def _deliver(store: Store, senders: dict, expected: int, timeout: float) -> float:
    deliverer = Deliverer(store, senders, Pacer(), worker_id="bench-runs", clock=utcnow)
    stop, wake = asyncio.Event(), asyncio.Event()
    began = time.perf_counter()
    task = asyncio.create_task(deliverer.run(stop, wake))
    while time.perf_counter() - began < timeout:
        await asyncio.sleep(0.5)
        counts = await asyncio.to_thread(store.outbox.outbox_counts)
        if sum(counts.get(s, 0) for s in FINAL) >= expected:
            break
    seconds = time.perf_counter() - began
    stop.set()
    await task
    return seconds


def run_many(workspaces: int = 20, limit: float = 10.0, small: int = 150, big: int = 600) -> ManyResult:
    """One big workspace and `workspaces - 1` small ones, each with its own `limit`, delivered at once."""
    sizes = {f"T{i:02d}": (big if i == 0 else small) for i in range(workspaces)}
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        store, _ = _world(Path(tmp), None, sizes)
        sender = LimitedSender(limit)
        total = sum(sizes.values())
        try:
            seconds = asyncio.run(_deliver(store, {"slack": sender}, total, 3 * big / limit + 60))
            statuses = dict(store.outbox.outbox_counts())
        finally:
            store.close()
    runs = [WorkspaceRun(name, size, limit, sender.times[name]) for name, size in sizes.items()]
    duplicates = sum(n - 1 for n in sender.posted.values() if n > 1)
    return ManyResult(runs, seconds, statuses, duplicates, total - len(sender.posted))


def print_many(r: ManyResult) -> None:
    small = [run for run in r.runs[1:]]
    big = r.runs[0]
    print(f"== {len(r.runs)} workspaces at {big.limit:g}/s each: {sum(x.members for x in r.runs):,} check-ins "
          f"in {r.seconds:.0f}s; outbox {r.statuses}", flush=True)  # fmt: skip
    fractions = ", ".join(f"{x.fraction:.2f}" for x in r.runs)
    print(f"  per-workspace fraction of its limit: {fractions}")
    print(f"  worst {r.worst.name} {r.worst.fraction:.3f}; big ({big.members}) {big.fraction:.3f}; "
          f"small ones finished in {max(x.times[-1] for x in small) - min(x.times[0] for x in small):.0f}s "
          f"(floor {small[0].members / small[0].limit:.0f}s)")  # fmt: skip
    print(f"  duplicates {r.duplicates}; members with no question {r.no_question}", flush=True)


# --- Teams ------------------------------------------------------------------------------------------------


@dataclass
class TeamsResult:
    members: int
    limit: float
    times: list[float]
    seconds: float
    statuses: dict
    throttled: int
    no_question: int
    duplicates: int

    @property
    def rate(self) -> float:
        span = self.times[-1] - self.times[0] if len(self.times) > 1 else 0.0
        return (len(self.times) - 1) / span if span else 0.0


def run_teams(members: int = 900, limit: float = 30.0) -> TeamsResult:
    """People who installed the app in personal scope, a nudge for all, the fake connector at 30/s and 100 ms."""
    from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

    from bot.teams.adapter import _BotConfig
    from bot.teams.card_memory import CardMemory
    from bot.teams.sender import TeamsSender
    from tests.fakes.bot_connector import FakeBotConnector

    fake = FakeBotConnector()
    service_url = fake.start_in_thread()
    fake.rate_limit(per_conversation_per_s=7, per_tenant_per_s=limit)
    fake.latency(LATENCY)
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        store, created = _world(Path(tmp), None, {"tenant-1": members}, platform="teams")
        ws = created["tenant-1"]
        for member in store.members.all(ws.id):
            store.members.update_member(ws.id, member.id, conversation_ref=_reference(service_url, member.user_id))
        adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_BotConfig("", "", "MultiTenant", "")))
        try:
            seconds = asyncio.run(
                _deliver(
                    store,
                    {"teams": TeamsSender(adapter, "", CardMemory(store, utcnow))},
                    members,
                    3 * members / limit + 60,
                )
            )
            statuses = dict(store.outbox.outbox_counts())
        finally:
            store.close()
            fake.stop_thread()
    sends = [a for a in fake.activities if a.operation == "send"]
    per_conversation = defaultdict(int)
    for activity in sends:
        per_conversation[activity.conversation_id] += 1
    times = sorted(a.at for a in sends)
    throttled = sum(1 for method, _ in fake.requests if method == "POST") - len(sends)
    return TeamsResult(members, limit, times, seconds, statuses, throttled, members - len(per_conversation),
                       sum(n - 1 for n in per_conversation.values()))  # fmt: skip


def _reference(service_url: str, user: str) -> dict:
    return {
        "channelId": "msteams",
        "serviceUrl": service_url,
        "conversation": {"id": f"a:{user}", "conversationType": "personal", "tenantId": "tenant-1"},
        "bot": {"id": "28:microcoach-bot", "name": "microcoach"},
        "user": {"id": user, "name": user},
    }


def print_teams(r: TeamsResult) -> None:
    print(f"== Teams: {r.members} people in personal scope, stand-in connector at {r.limit:g}/s, 100 ms latency")
    print(f"  {r.rate:.1f}/s = {r.rate / r.limit:.3f} of the limit in {r.seconds:.0f}s; 429s {r.throttled}; "
          f"outbox {r.statuses}", flush=True)  # fmt: skip
    print(f"  duplicates {r.duplicates}; members with no question {r.no_question}", flush=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workspaces", type=int, default=20)
    parser.add_argument("--limit", type=float, default=10.0, help="each workspace's limit (default 10/s)")
    parser.add_argument("--teams-members", type=int, default=900)


def run(args: argparse.Namespace) -> tuple[ManyResult, TeamsResult]:
    many = run_many(args.workspaces, args.limit)
    print_many(many)
    teams = run_teams(args.teams_members)
    print_teams(teams)
    return many, teams
