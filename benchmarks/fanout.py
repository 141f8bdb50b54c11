"""Fan-out: check-ins through a real `microcoach worker` against a rate-limited fake Slack, a crash included."""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from benchmarks.harness import (
    Child,
    add_daily_schedule,
    build_world,
    child_env,
    delivery_times,
    members_reached,
    midday_zone,
    next_minute,
    on_fake,
    seeded_fake,
    utcnow,
)
from benchmarks.tick_speed import TickResult, print_tick, run_tick  # noqa: F401  (run by `run`)
from store.repo_outbox import FINAL

WORKER_ID = "bench-worker-1"
LATENCY = 0.1  # seconds the fake adds to every call
START_MARGIN = 20.0  # seconds from set-up to the first possible due minute: worker start and directory sync


@dataclass
class FanoutResult:
    """What one fan-out run measured; times are seconds since the epoch (`due` is the occurrence)."""

    what: str
    members: int
    limit: float
    burst: int
    due: float
    times: list[float] = field(default_factory=list)  # when each check-in reached the fake
    reached: int = 0  # members with at least one check-in
    duplicates: int = 0
    statuses: Counter = field(default_factory=Counter)
    throttled: int = 0  # 429 answers the fake gave
    peak_mb: float = 0.0
    killed_after: int | None = None  # check-ins delivered when the worker was killed
    restart_s: float | None = None  # from the kill to the restarted worker's "scheduler started"

    @property
    def first(self) -> float | None:
        return self.times[0] - self.due if self.times else None

    @property
    def last(self) -> float | None:
        return self.times[-1] - self.due if self.times else None

    @property
    def floor(self) -> float:
        return self.members / self.limit

    @property
    def rate(self) -> float:
        """Check-ins a second over the steady part, from the first delivery to the last."""
        if len(self.times) < 2 or self.times[-1] == self.times[0]:
            return 0.0
        return (len(self.times) - 1) / (self.times[-1] - self.times[0])

    @property
    def fraction(self) -> float:
        return self.rate / self.limit

    @property
    def lost(self) -> int:
        return self.members - self.reached

    @property
    def not_sent(self) -> int:
        return self.members - self.statuses.get("sent", 0)

    @property
    def unfinished(self) -> int:
        """Rows still waiting (pending or claimed) when the run stopped waiting."""
        return self.statuses.get("pending", 0) + self.statuses.get("claimed", 0)


def run_fanout(
    members: int,
    limit: float,
    *,
    burst: int | None = None,
    crash_at: float | None = None,
    database_url: str | None = None,
    what: str = "fan-out",
    stable_id: bool = True,
    workers: int = 1,
) -> FanoutResult:
    """One run: set up, start the worker(s), wait for the due minute, deliver everything (killing one once if asked).

    `stable_id=False` runs without MICROCOACH_WORKER_ID (the normal case under systemd or containers); with
    `workers` > 1 the killed worker is not restarted: the others take over its rows.
    """
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        workdir = Path(tmp)
        world, due, fake, burst = prepare_run(workdir, database_url, members, limit, burst)
        fake_url = fake.start_in_thread()
        result = FanoutResult(what, members, limit, burst, due.timestamp())
        try:
            env = child_env(world, fake_url, WORKER_ID)
            if not stable_id:
                env.pop("MICROCOACH_WORKER_ID", None)
            _drive(result, world, fake, env, workdir / "worker.log", crash_at, workers)
            collect(result, world, fake)
        finally:
            fake.stop_thread()
            world.store.close()
        return result


def prepare_run(workdir: Path, database_url: str | None, members: int, limit: float, burst: int | None):
    """A world with a daily check-in due at the next whole minute after the start margin, and a fake Slack
    with the same members, rate-limited and slowed; returns (world, due, fake, burst). The fake is not started."""
    now = utcnow()
    world = build_world(workdir, database_url, members, midday_zone(now), now)
    due = next_minute(utcnow() + timedelta(seconds=START_MARGIN))
    add_daily_schedule(world, due, now)
    fake = seeded_fake(world)
    burst = burst or one_second(limit)
    fake.rate_limit("chat.postMessage", limit, burst)
    fake.latency(LATENCY)
    return world, due, fake, burst


def _drive(result: FanoutResult, world, fake, env: dict, log: Path, crash_at: float | None, count: int = 1) -> None:
    """Run the worker(s) until every outbox row is final (or time is up), SIGKILLing one once if asked.

    One worker is restarted after the kill; of several, the killed one stays dead.
    """
    workers = [Child(["worker"], env, log.with_suffix(f".{n}.log")) for n in range(count)]
    for child in workers:
        child.wait_for("scheduler started", 60)
    worker = workers[0]
    if time.time() > result.due:
        print(f"  warning: the worker was ready only {time.time() - result.due:.1f}s after the due minute", flush=True)
    deadline = result.due + 2 * result.floor + 120
    kill_after = None if crash_at is None else int(result.members * crash_at)
    progress = _Progress(result)
    try:
        while time.time() < deadline:
            time.sleep(0.2)
            worker.sample_memory()
            posted = on_fake(fake, fake.posted_count)
            progress.show(posted)
            if kill_after is not None and posted >= kill_after:
                if count == 1:
                    worker = _crash(result, worker, env, log, posted)
                    workers.append(worker)
                else:
                    worker.kill()
                    result.killed_after = posted
                    print(f"  SIGKILL one of {count} workers after {posted} check-ins, for good", flush=True)
                kill_after = None
            if progress.due_for_check() and _all_final(world, result.members):
                break
        else:
            print(f"  warning: gave up waiting {deadline - result.due:.0f}s after the due minute")
    finally:
        for child in workers:
            child.stop()
        result.peak_mb = max(child.peak_kb for child in workers) / 1024


def _crash(result: FanoutResult, worker: Child, env: dict, log: Path, posted: int) -> Child:
    """SIGKILL the worker mid-run and start it again (with the same worker id, if it has one)."""
    worker.kill()
    killed = time.time()
    result.killed_after = posted
    print(f"  SIGKILL after {posted} check-ins; restarting {env.get('MICROCOACH_WORKER_ID', 'with no worker id')}",
          flush=True)  # fmt: skip
    restarted = Child(["worker"], env, log)
    restarted.wait_for("scheduler started", 60)
    result.restart_s = time.time() - killed
    return restarted


def _all_final(world, members: int) -> bool:
    counts = world.store.outbox.outbox_counts(world.workspace_id)
    return sum(counts.get(s, 0) for s in FINAL) >= members


class _Progress:
    """A progress line every 15 s, and a database check at most once a second."""

    def __init__(self, result: FanoutResult) -> None:
        self._result = result
        self._shown = 0.0
        self._checked = 0.0

    def show(self, posted: int) -> None:
        now = time.time()
        if now - self._shown >= 15 and now > self._result.due:
            print(f"  t+{now - self._result.due:5.0f}s  {posted:>6} of {self._result.members} delivered", flush=True)
            self._shown = now

    def due_for_check(self) -> bool:
        now = time.time()
        if now - self._checked < 1.0 or now < self._result.due:
            return False
        self._checked = now
        return True


def collect(result: FanoutResult, world, fake) -> None:
    result.times = delivery_times(fake)
    result.reached = members_reached(fake, world.users)
    result.duplicates = on_fake(fake, fake.duplicates)
    result.throttled = on_fake(fake, fake.status_count, 429, "chat.postMessage")
    result.statuses = world.store.outbox.outbox_counts(world.workspace_id)


# --- the command line ------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--members", type=int, default=10_000, help="members per run (default 10,000)")
    parser.add_argument(
        "--limits", default="5,20,50", help="chat.postMessage limits to try, per second (default 5,20,50)"
    )
    parser.add_argument(
        "--max-seconds-per-run",
        type=float,
        default=200.0,
        help="scale N down for slow limits: N = min(members, limit * this) (default 200: all 10,000 at 50/s)",
    )
    parser.add_argument(
        "--burst", type=int, help="the fake's token bucket size (default: one second's worth, as Slack allows bursts)"
    )
    parser.add_argument("--crash-limit", type=float, default=50.0, help="limit of the crash run (default 50)")
    parser.add_argument("--crash-at", type=float, default=0.4, help="SIGKILL after this fraction (default 0.4)")
    parser.add_argument("--no-crash", action="store_true", help="skip the crash run")
    parser.add_argument("--tick-members", type=int, default=100_000, help="members for the tick timing (0: skip)")
    parser.add_argument("--database-url", help="PostgreSQL URL to use instead of SQLite (its schema is dropped!)")


def one_second(limit: float) -> int:
    """A bucket of one second's worth of calls: Slack evaluates its limits over time and allows short bursts."""
    return max(1, round(limit))


def sized(members: int, limit: float, cap: float) -> int:
    return max(1, min(members, int(limit * cap)))


def run(args: argparse.Namespace) -> tuple[list[FanoutResult], TickResult | None]:
    """Every run the arguments ask for, printed as they finish."""
    common = {"burst": args.burst, "database_url": args.database_url}
    results = []
    for limit in [float(x) for x in args.limits.split(",") if x.strip()]:
        results.append(_announce(sized(args.members, limit, args.max_seconds_per_run), limit, **common))
    if not args.no_crash:
        n = sized(args.members, args.crash_limit, args.max_seconds_per_run)
        what = f"crash at {args.crash_at:.0%}"
        results.append(_announce(n, args.crash_limit, crash_at=args.crash_at, what=what, **common))
    tick_result = None
    if args.tick_members:
        print(f"\n== tick with nothing due, {args.tick_members:,} members")
        tick_result = run_tick(args.tick_members, database_url=args.database_url)
        print_tick(tick_result)
    return results, tick_result


def _announce(members: int, limit: float, **kwargs) -> FanoutResult:
    what = kwargs.get("what", "fan-out")
    print(f"\n== {what}: N={members:,} members at {limit:g}/s (floor {members / limit:.0f}s)", flush=True)
    result = run_fanout(members, limit, **kwargs)
    print_result(result)
    return result


def print_result(r: FanoutResult) -> None:
    first = "-" if r.first is None else f"{r.first:.1f}s"
    last = "-" if r.last is None else f"{r.last:.1f}s"
    print(f"  N={r.members:,}  limit={r.limit:g}/s, burst {r.burst}")
    print(f"  delivered {len(r.times):,} check-ins to {r.reached:,} members")
    print(f"  rate {r.rate:.2f}/s = {r.fraction:.3f} of the limit  (429s: {r.throttled})")
    print(f"  due -> first {first}, due -> last {last}  (floor N/limit = {r.floor:.1f}s)")
    print(f"  duplicates {r.duplicates}  lost {r.lost}  outbox {dict(r.statuses)}")
    if r.killed_after is not None and r.restart_s is not None:
        print(f"  killed after {r.killed_after:,} check-ins; restarted and ready in {r.restart_s:.1f}s")
    elif r.killed_after is not None:
        print(f"  one worker killed for good after {r.killed_after:,} check-ins")
    print(f"  worker peak memory {r.peak_mb:.0f} MB", flush=True)
