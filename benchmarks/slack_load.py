"""Slack request load: signed slash commands and DM events against a real `microcoach serve` during a fan-out."""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from aiohttp import web

from benchmarks.fanout import FanoutResult, collect, prepare_run
from benchmarks.harness import (
    METRICS_TOKEN,
    Child,
    child_env,
    free_port,
    on_fake,
    percentile,
)
from benchmarks.slack_requests import SECRET, command_body, planned_requests, signed_headers

SERVER_ID = "bench-serve-1"


@dataclass
class LoadResult:
    """Time to ack (ms) of every request, the errors, and how the fan-out fared meanwhile."""

    requests: int
    concurrency: int
    times_ms: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    answers: Counter = field(default_factory=Counter)  # HTTP status, or the transport error's name
    wall_s: float = 0.0
    server_within: float | None = None  # share of /slack/events the server itself timed at <= 250 ms (/metrics)
    delivered_during: int = 0  # fan-out check-ins that reached Slack while the load ran
    fanout: FanoutResult | None = None
    peak_mb: float = 0.0

    @property
    def errors(self) -> int:
        return sum(n for answer, n in self.answers.items() if not (isinstance(answer, int) and 200 <= answer < 300))

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.times_ms, 99)


def run_load(
    requests: int = 1000,
    concurrency: int = 50,
    *,
    members: int = 5000,
    limit: float = 50.0,
    burst: int | None = None,
    users: int = 100,
    database_url: str | None = None,
    open_rate: float | None = None,
) -> LoadResult:
    """Start `microcoach serve` with a fan-out due, fire the load once check-ins flow, then let the fan-out finish."""
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-") as tmp:
        workdir = Path(tmp)
        world, due, fake, burst = prepare_run(workdir, database_url, members, limit, burst)
        load_users = world.users[:users]
        dms = {user: fake.workspace.open_dm(user)[0].id for user in load_users}  # before the fake serves
        fake_url = fake.start_in_thread()
        port = free_port()
        env = child_env(world, fake_url, SERVER_ID, signing_secret=SECRET)
        server = Child(["serve", "--host", "127.0.0.1", "--port", str(port)], env, workdir / "serve.log")
        fanout = FanoutResult("fan-out under load", members, limit, burst, due.timestamp())
        result = LoadResult(requests, concurrency, fanout=fanout)
        try:
            server.wait_for("scheduler started", 60)
            _wait_for_first_delivery(fake, due.timestamp())
            before = on_fake(fake, fake.posted_count)
            url = f"http://127.0.0.1:{port}/slack/events"
            if open_rate:
                _fire_open_apart(url, requests, world.users, open_rate, result)
            else:
                asyncio.run(_fire(url, requests, load_users, dms, concurrency, result))
            result.delivered_during = on_fake(fake, fake.posted_count) - before
            result.server_within = asyncio.run(_server_share_within(f"http://127.0.0.1:{port}/metrics", 0.25))
            _wait_for_fanout(world, fake, fanout, server)
        finally:
            server.stop()
            result.peak_mb = server.peak_kb / 1024
            fake.stop_thread()
            world.store.close()
        return result


def _wait_for_first_delivery(fake, due: float) -> None:
    deadline = due + 60
    while time.time() < deadline:
        if on_fake(fake, fake.posted_count):
            return
        time.sleep(0.1)
    raise RuntimeError("no check-in reached the fake Slack within 60 s of the due minute")


def _wait_for_fanout(world, fake, fanout: FanoutResult, server: Child) -> None:
    """Until the fan-out's rows are all final (or twice the floor has passed), then its numbers."""
    deadline = fanout.due + 2 * fanout.floor + 60
    while time.time() < deadline:
        server.sample_memory()
        counts = world.store.outbox.outbox_counts(world.workspace_id)
        if not counts.get("pending") and not counts.get("claimed") and sum(counts.values()) >= fanout.members:
            break
        time.sleep(1)
    collect(fanout, world, fake)
    fanout.peak_mb = server.sample_memory()


# --- the requests, signed as Slack signs them -------------------------------------------------------------


# --- firing -----------------------------------------------------------------------------------------------


async def _fire(
    url: str, count: int, users: list[str], dms: dict[str, str], concurrency: int, result: LoadResult
) -> None:
    """Every planned request, `concurrency` at a time, each timed from send to the whole answer."""
    receiver = await _response_url_receiver()
    host, port = receiver.addresses[0][:2]
    plan = planned_requests(count, users, dms, f"http://{host}:{port}/respond/")
    queue = [(p.kind, p.body, signed_headers(p.body, p.content_type)) for p in reversed(plan)]  # signed ahead of time
    timeout = aiohttp.ClientTimeout(total=10)
    began = time.perf_counter()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency), timeout=timeout) as http:
            await asyncio.gather(*(_client(http, url, queue, result) for _ in range(concurrency)))
    finally:
        result.wall_s = time.perf_counter() - began
        await receiver.cleanup()


def _fire_open_apart(url: str, count: int, users: list[str], rate: float, result: LoadResult) -> None:
    """The open loop in a process of its own: beside the fake Slack's thread it would share a GIL and fire late."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        times, answers, wall = pool.apply(_open_loop_times, (url, count, users, rate))
    result.times_ms.extend(times)
    result.by_kind["/checkin"].extend(times)
    result.answers.update(answers)
    result.wall_s = wall


def _open_loop_times(url: str, count: int, users: list[str], rate: float) -> tuple[list[float], Counter, float]:
    result = LoadResult(count, 0)
    asyncio.run(_fire_open(url, count, users, rate, result))
    return result.times_ms, result.answers, result.wall_s


async def _fire_open(url: str, count: int, users: list[str], rate: float, result: LoadResult) -> None:
    """Open loop: `/checkin` from a different person at each fixed moment, whether or not earlier ones were answered.

    A closed loop of N clients hides stalls (a slow answer delays the next request); here each request is timed
    from its planned moment, so a request sent late because the client was busy counts its lateness too.
    """
    receiver = await _response_url_receiver()
    host, port = receiver.addresses[0][:2]
    people = users[-count:]  # different people, and not the first ones the fan-out reaches
    bodies = [
        command_body("/checkin", "", user, f"http://{host}:{port}/respond/{user}", f"t-{i}")
        for i, user in enumerate(people)
    ]
    timeout = aiohttp.ClientTimeout(total=10)
    began = time.perf_counter()
    try:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), timeout=timeout) as http:
            start = time.perf_counter() + 0.2

            async def one(i: int, body: str) -> None:
                planned = start + i / rate
                await asyncio.sleep(max(0.0, planned - time.perf_counter()))
                headers = signed_headers(body, "application/x-www-form-urlencoded")
                try:
                    async with http.post(url, data=body.encode(), headers=headers) as response:
                        await response.read()
                        answer: int | str = response.status
                except (aiohttp.ClientError, TimeoutError) as problem:
                    answer = type(problem).__name__
                elapsed = (time.perf_counter() - planned) * 1000
                result.times_ms.append(elapsed)
                result.by_kind["/checkin"].append(elapsed)
                result.answers[answer] += 1

            await asyncio.gather(*(one(i, body) for i, body in enumerate(bodies)))
    finally:
        result.wall_s = time.perf_counter() - began
        await receiver.cleanup()


async def _client(http: aiohttp.ClientSession, url: str, queue: list, result: LoadResult) -> None:
    while queue:
        kind, body, headers = queue.pop()
        began = time.perf_counter()
        try:
            async with http.post(url, data=body.encode(), headers=headers) as response:
                await response.read()
                answer: int | str = response.status
        except (aiohttp.ClientError, TimeoutError) as problem:
            answer = type(problem).__name__
        elapsed = (time.perf_counter() - began) * 1000
        result.times_ms.append(elapsed)
        result.by_kind[kind].append(elapsed)
        result.answers[answer] += 1


async def _server_share_within(metrics_url: str, seconds: float) -> float | None:
    """The server's own view: the share of POST /slack/events answered within `seconds`, from its histogram."""
    headers = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    async with aiohttp.ClientSession() as http, http.get(metrics_url, headers=headers) as response:
        text = await response.text()
    route = 'route="/slack/events"'
    within = total = None
    for line in text.splitlines():
        if line.startswith("microcoach_request_seconds_bucket") and route in line and f'le="{seconds}"' in line:
            within = float(line.split()[-1])
        elif line.startswith("microcoach_request_seconds_count") and route in line:
            total = float(line.split()[-1])
    return within / total if within is not None and total else None


async def _response_url_receiver() -> web.AppRunner:
    """Plays the slash commands' response_url: accepts every ephemeral response."""

    async def accept(_request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/respond/{user}", accept)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner


# --- the command line ------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--requests", type=int, default=1000, help="signed requests to send (default 1,000)")
    parser.add_argument("--concurrency", type=int, default=50, help="requests in flight at once (default 50)")
    parser.add_argument("--members", type=int, default=5000, help="members of the fan-out meanwhile (default 5,000)")
    parser.add_argument("--limit", type=float, default=50.0, help="the fake's chat.postMessage limit (default 50/s)")
    parser.add_argument("--burst", type=int, help="the fake's token bucket size (default: one second's worth)")
    parser.add_argument("--database-url", help="PostgreSQL URL to use instead of SQLite (its schema is dropped!)")
    parser.add_argument(
        "--open-rate", type=float, help="open loop: /checkin from different people at this many a second instead"
    )


def run(args: argparse.Namespace) -> LoadResult:
    print(
        f"\n== Slack load: {args.requests:,} signed requests, {args.concurrency} concurrent, "
        f"during a {args.members:,}-member fan-out at {args.limit:g}/s",
        flush=True,
    )
    result = run_load(
        args.requests,
        args.concurrency,
        members=args.members,
        limit=args.limit,
        burst=args.burst,
        database_url=args.database_url,
        open_rate=getattr(args, "open_rate", None),
    )
    print_result(result)
    return result


def print_result(r: LoadResult) -> None:
    print(f"  {len(r.times_ms):,} requests in {r.wall_s:.1f}s ({len(r.times_ms) / max(r.wall_s, 1e-9):.0f}/s)")
    print(f"  time to ack: p50 {r.p50:.0f} ms, p99 {r.p99:.0f} ms, max {max(r.times_ms, default=0):.0f} ms")
    for kind, times in r.by_kind.items():
        print(f"    {kind:<15} p50 {percentile(times, 50):5.0f} ms  p99 {percentile(times, 99):5.0f} ms")
    if r.server_within is not None:
        print(f"  the server's own histogram (/metrics): {r.server_within:.1%} acked within 250 ms")
    print(f"  errors {r.errors}  answers {dict(r.answers)}")
    if r.fanout is not None:
        f = r.fanout
        print(
            f"  fan-out meanwhile: {r.delivered_during} check-ins during the load; whole fan-out "
            f"{f.fraction:.3f} of the limit, duplicates {f.duplicates}, outbox {dict(f.statuses)}"
        )
    print(f"  server peak memory {r.peak_mb:.0f} MB", flush=True)
