"""The tick with nothing due: how long `tick(store, now)` takes at 100,000 members with a member-local schedule."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.harness import CHUNK, fresh_database, median, person, user_id
from scheduler.tick import tick
from store import Store
from store.crypto import Cipher, generate_key

TICK_ZONES = ("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin", "UTC")


@dataclass
class TickResult:
    members: int
    times_ms: list[float]
    seed_s: float

    @property
    def median_ms(self) -> float:
        return median(self.times_ms)


def run_tick(members: int = 100_000, ticks: int = 7, database_url: str | None = None) -> TickResult:
    """`tick(store, now)` at `members` members with a member-local schedule that is not due: median of `ticks`."""
    start = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # whole hours in every zone used: "HH:30" is never due
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        store = Store.open(fresh_database(Path(tmp), database_url), Cipher([generate_key()]))
        try:
            began = time.perf_counter()
            workspace = store.members.ensure_workspace("slack", "T0001", start)
            for first in range(0, members, CHUNK):
                chunk = range(first, min(first + CHUNK, members))
                people = [person(user_id(i), TICK_ZONES[i % len(TICK_ZONES)]) for i in chunk]
                store.members.bulk_upsert_members(workspace.id, people, start)
            seed_s = time.perf_counter() - began
            _not_due_schedule(store, workspace.id, start)
            return TickResult(members, _time_ticks(store, start, ticks), seed_s)
        finally:
            store.close()


def _not_due_schedule(store: Store, workspace_id: int, start: datetime) -> None:
    """Daily at 08:30 each member's own time: never due at whole-hour offsets in the minutes after `start`."""
    days = "mon,tue,wed,thu,fri,sat,sun"
    store.schedules.add_schedule(
        workspace_id,
        start,
        name="not due",
        days=days,
        local_time="08:30",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    store.outbox.set_watermark("tick", start)


def _time_ticks(store, start: datetime, ticks: int) -> list[float]:
    times = []
    for minute in range(1, ticks + 1):
        began = time.perf_counter()
        created = tick(store, start + timedelta(minutes=minute)).created
        times.append((time.perf_counter() - began) * 1000)
        if created:
            raise RuntimeError(f"the tick was meant to find nothing due but created {created} rows")
    return times


def print_tick(t: TickResult) -> None:
    spread = ", ".join(f"{x:.1f}" for x in t.times_ms)
    print(f"  seeded in {t.seed_s:.1f}s; tick median {t.median_ms:.1f} ms  (each: {spread} ms)", flush=True)
