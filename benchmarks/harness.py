"""What the benchmarks share: a fresh database, seeded members, the fake Slack API and microcoach child processes."""

from __future__ import annotations

import asyncio
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import text

from handlers.timing.recurrence import parse_days
from scheduler.runner import utcnow as utcnow  # re-exported: the benchmarks take the one wall clock from here
from store import Store
from store.crypto import Cipher, generate_key
from store.db import make_engine
from tests.fakes.slack_api import FakeSlackAPI

TEAM = "T0001"
BOT_TOKEN = "xoxb-bench"
CHUNK = 500  # members per bulk upsert: well under SQLite's and PostgreSQL's bound-parameter limits
REPO = Path(__file__).resolve().parents[1]


# --- the database ----------------------------------------------------------------------------------


def fresh_database(workdir: Path, url: str | None) -> str:
    """A SQLite file in `workdir`, or the given PostgreSQL database with its public schema dropped and recreated."""
    if not url:
        return f"sqlite:///{workdir / 'bench.db'}"
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@dataclass(frozen=True)
class World:
    """A migrated store with one Slack workspace, its key, and who is in it."""

    url: str
    key: str
    store: Store
    workspace_id: int
    users: list[str]
    zone: str


def build_world(workdir: Path, url: str | None, members: int, zone: str, now: datetime) -> World:
    """A fresh store with workspace T0001 and `members` welcomed members in `zone`, bulk inserted."""
    url = fresh_database(workdir, url)
    key = generate_key()
    store = Store.open(url, Cipher([key]))
    workspace = store.members.ensure_workspace("slack", TEAM, now, name="Bench Hospital")
    users = [user_id(i) for i in range(members)]
    for start in range(0, members, CHUNK):
        people = [person(u, zone) for u in users[start : start + CHUNK]]
        store.members.bulk_upsert_members(workspace.id, people, now)
    return World(url, key, store, workspace.id, users, zone)


def user_id(index: int) -> str:
    return f"U{index:08d}"


def person(user: str, zone: str) -> dict:
    """A member as the directory sync would store them; welcomed, so a check-in is one message."""
    number = int(user[1:])
    return {
        "user_id": user,
        "handle": f"member{number}",
        "display_name": f"Member {number}",
        "timezone": zone,
        "welcomed": True,
    }


def midday_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon now, so no one is in quiet hours whenever the benchmark runs."""
    offset = 12 - now.hour  # from -11 to +12 hours
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"  # Etc/ names invert the sign


def next_minute(after: datetime) -> datetime:
    """The first whole minute at or after `after` (the worker ticks at second 0)."""
    floor = after.replace(second=0, microsecond=0)
    return floor if floor == after else floor + timedelta(minutes=1)


def add_daily_schedule(world: World, due: datetime, now: datetime) -> None:
    """A daily check-in for everyone at `due` local time, and the watermark at `now` so nothing older fires."""
    local = due.astimezone(ZoneInfo(world.zone))
    world.store.schedules.add_schedule(
        world.workspace_id,
        now,
        name="bench daily",
        days=",".join(parse_days("daily")),
        local_time=local.strftime("%H:%M"),
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    world.store.outbox.set_watermark("tick", now)


# --- the fake Slack Web API --------------------------------------------------------------------------


def seeded_fake(world: World) -> FakeSlackAPI:
    """The fake Slack workspace with the same members (else chat.postMessage answers user_not_found)."""
    fake = FakeSlackAPI(team_id=TEAM)
    for user in world.users:
        number = int(user[1:])
        fake.add_user(user, f"member{number}", real_name=f"Member {number}", tz=world.zone)
    return fake


def on_fake(fake: FakeSlackAPI, fn: Callable, *args):
    """Run `fn` on the fake's own event loop thread, where its state changes, so reads see a consistent state."""

    async def call():
        return fn(*args)

    return asyncio.run_coroutine_threadsafe(call(), fake._loop).result(30)


def delivery_times(fake: FakeSlackAPI) -> list[float]:
    """When each check-in reached Slack: the ts of every message carrying a delivery id, sorted."""
    messages = on_fake(fake, fake.all_messages)
    return sorted(float(m["ts"]) for m in messages if (m.get("metadata") or {}).get("event_payload"))


def members_reached(fake: FakeSlackAPI, users: list[str]) -> int:
    """How many of `users` have at least one check-in (a message with a delivery id) in their DM."""

    def count() -> int:
        return sum(1 for u in users if any((m.get("metadata") or {}).get("event_payload") for m in fake.messages(u)))

    return on_fake(fake, count)


# --- child processes ---------------------------------------------------------------------------------


METRICS_TOKEN = "benchmark-metrics-token"


def child_env(world: World, fake_url: str, worker_id: str, signing_secret: str = "x") -> dict[str, str]:
    """The environment of a microcoach process: this benchmark's settings and none inherited from the shell."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "MICROCOACH_", "Microsoft", "DATABASE_URL", "PORT"))
    }
    env.update(
        DATABASE_URL=world.url,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=signing_secret,
        SLACK_API_URL=fake_url,
        MICROCOACH_ENCRYPTION_KEY=world.key,
        MICROCOACH_WORKER_ID=worker_id,
        MICROCOACH_METRICS_TOKEN=METRICS_TOKEN,
    )
    return env


class Child:
    """`python -m bot ARGS` with its output in a log file: wait for a log line, read its peak memory, kill it."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._offset = log.stat().st_size if log.exists() else 0
        with log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", *args], env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent
            )
        self.peak_kb = 0
        self.started = time.time()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def output(self) -> str:
        with self.log.open("rb") as f:
            f.seek(self._offset)
            return f.read().decode(errors="replace")

    def wait_for(self, line: str, timeout: float) -> float:
        """Wait until the log shows `line`; returns the seconds it took. Raises if the process dies first."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if line in self.output():
                return time.time() - self.started
            if self.proc.poll() is not None:
                raise RuntimeError(f"microcoach exited ({self.proc.returncode}) before {line!r}:\n{self.tail()}")
            time.sleep(0.05)
        raise RuntimeError(f"no {line!r} from microcoach within {timeout:.0f}s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.output().splitlines()[-lines:])

    def sample_memory(self) -> float:
        """The process's peak resident memory so far (VmHWM), in MB."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
        except OSError:
            return self.peak_kb / 1024
        for row in status.splitlines():
            if row.startswith("VmHWM:"):
                self.peak_kb = max(self.peak_kb, int(row.split()[1]))
        return self.peak_kb / 1024

    def kill(self) -> None:
        """SIGKILL, as a crash would: no cleanup at all."""
        self.sample_memory()
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it lingers."""
        if self.proc.poll() is not None:
            return
        self.sample_memory()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- numbers -----------------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) by nearest rank; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
