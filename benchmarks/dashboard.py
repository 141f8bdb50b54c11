"""`python -m benchmarks dashboard`: every dashboard page rendered with 10,000 members (target: p95 <= 200 ms).

A fresh database gets 10,000 members with roles and departments, a complete month of check-ins, replies, energy
and burnout answers, coach requests, 25 schedules, 30 coaches and 3,000 audit entries. The dashboard is served
in this process on 127.0.0.1 and an admin requests each page in turn over HTTP. The first look at a month
computes its figures and keeps them (as `/nudge report` does), so it is timed on its own; then each page is
requested many times and its p50, p95 and worst are reported. On PostgreSQL the tables are analyzed after the
bulk load, as autovacuum would do soon after one.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import aiohttp
from aiohttp import web
from sqlalchemy import insert, text

from benchmarks.harness import build_world, free_port, median, percentile, user_id, utcnow
from bot.config import Settings
from bot.dashboard import mount
from bot.metrics import Metrics
from bot.services import Services
from handlers.core.vocabulary import OrgSettings
from handlers.program.dashboard_link import sign_in_link
from handlers.timing.months import last_complete
from store.models import AuditEntry, Conversation, Delivery, Pulse, Reflection
from tests.bot.dashboard.world import CSRF

TARGET_P95_MS = 200.0
CHUNK = 2000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60, help="requests per page after the first look")
    parser.add_argument("--database-url", help="PostgreSQL URL to use instead of SQLite (its schema is dropped!)")


def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="microcoach-bench-dashboard-") as scratch:
        started = time.perf_counter()
        world, month = seed(Path(scratch), args.database_url, args.members)
        print(f"seeded {args.members:,} members and {month.label} in {time.perf_counter() - started:.0f} s", flush=True)
        cold, warm = asyncio.run(measure(world, month, args.requests))
        world.store.close()
    print_table(cold, warm, args.members, "PostgreSQL" if args.database_url else "SQLite")
    return 0 if all(percentile(times, 95) <= TARGET_P95_MS for times in warm.values()) else 1


def seed(workdir: Path, url: str | None, members: int):
    now = utcnow()
    world = build_world(workdir, url, members, "America/New_York", now - timedelta(days=400))
    month = last_complete(now)
    store, ws = world.store, world.workspace_id
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE members SET role = CASE WHEN id % 3 = 0 THEN 'nurse' WHEN id % 3 = 1 "
                          "THEN 'physician' ELSE 'app' END, department = 'Unit ' || (id % 45)"))  # fmt: skip
    ids = [m.id for m in store.members.all(ws)]
    _month_of_checkins(store, ws, ids, month.start + timedelta(days=3))
    for n in range(25):
        audience = ("everyone", []) if n % 3 else ("people", ids[n * 40 : n * 40 + 40])
        store.schedules.add_schedule(ws, now, name=f"Schedule {n}", days="mon,tue,wed,thu,fri",
                           local_time=f"{7 + n % 10:02d}:30",
                           timezone=None if n % 2 else "America/Chicago", audience_kind=audience[0],
                           audience=audience[1], theme=None)  # fmt: skip
    for member_id in ids[:30]:
        store.coaching.upsert_coach(ws, member_id, now, role="physician", specialty="", department="Coaching",
                           capacity=3,
                           languages=["en"])  # fmt: skip
    with store.engine.begin() as conn:
        rows = [{"workspace_id": ws, "actor_member_id": ids[0], "actor_label": "Admin", "action": "schedule.pause",
                 "target": f"schedule {n}", "created_at": now - timedelta(minutes=n)} for n in range(3000)]  # fmt: skip
        conn.execute(insert(AuditEntry.__table__), rows)
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # what autovacuum does soon after a bulk load; without it plans are guesses
    return world, month


def _month_of_checkins(store, ws: int, ids: list[int], first) -> None:
    """Three check-ins a member, two answered with energy, a burnout answer, and 300 coach requests."""
    sealed = store.seal("a reply")  # the same sealed text for everyone: encryption is not what is measured
    every_day = {"days": "mon,tue,wed,thu,fri,sat,sun", "local_time": "08:30", "timezone": None}
    schedule = store.schedules.add_schedule(
        ws, first - timedelta(days=3), name="Daily", audience_kind="everyone", audience=[], theme=None, **every_day
    )
    with store.engine.begin() as conn:
        for start in range(0, len(ids), CHUNK // 3):
            chunk = ids[start : start + CHUNK // 3]
            deliveries, conversations, pulses = [], [], []
            for member_id in chunk:
                for day in range(3):
                    at = first + timedelta(days=7 * day)
                    deliveries.append({"workspace_id": ws, "schedule_id": schedule.id, "member_id": member_id,
                                       "kind": "checkin", "occurrence": at, "due_at": at, "status": "sent",
                                       "attempts": 1, "sent_at": at, "created_at": at})  # fmt: skip
                    conversations.append({"workspace_id": ws, "member_id": member_id, "question_id": "q",
                                          "theme": "rest", "stage": "closed", "followups": [], "started_at": at,
                                          "last_activity_at": at, "closed_at": at})  # fmt: skip
                pulses.append({"workspace_id": ws, "member_id": member_id, "kind": "burnout",
                               "score": 1 + member_id % 5, "created_at": first})  # fmt: skip
            conn.execute(insert(Delivery.__table__), deliveries)
            returned = (Conversation.id, Conversation.member_id, Conversation.started_at)
            made = conn.execute(insert(Conversation.__table__).returning(*returned), conversations)
            answered = [row for n, row in enumerate(made.all()) if n % 3 != 2]
            conn.execute(insert(Reflection.__table__), [{"workspace_id": ws, "member_id": m, "conversation_id": c,
                         "prompt_id": "q", "body": sealed, "created_at": at} for c, m, at in answered])  # fmt: skip
            pulses += [{"workspace_id": ws, "member_id": m, "kind": "energy", "score": 1 + (c % 5),
                        "conversation_id": c, "created_at": at} for c, m, at in answered]  # fmt: skip
            conn.execute(insert(Pulse.__table__), pulses)
    for member_id in ids[::33]:
        store.coaching.create_request(ws, member_id, None, first)


async def measure(world, month, requests: int) -> tuple[dict, dict]:
    port = free_port()
    admin = world.store.members.member_by_user(world.workspace_id, user_id(0))
    settings = Settings(
        database_url=world.url, admins=(user_id(0),), org=OrgSettings(public_url=f"http://127.0.0.1:{port}")
    )
    app = web.Application()
    mount(app, Services(settings, world.store, Metrics()))
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = f"http://127.0.0.1:{port}"
    jar = aiohttp.CookieJar(unsafe=True)
    try:
        async with aiohttp.ClientSession(cookie_jar=jar) as browser:
            link = sign_in_link(world.store, base, world.workspace_id, admin.id, utcnow())
            async with browser.get(link, allow_redirects=False) as signed:  # the overview is timed below
                assert signed.status == 303, signed.status
            return await _timed_pages(browser, base, month, world, requests)
    finally:
        await runner.cleanup()


async def _timed_pages(browser, base: str, month, world, requests: int) -> tuple[dict, dict]:
    schedule = world.store.schedules.all(world.workspace_id)[-1].id
    pages = {
        "overview": f"/admin?month={month.key}",
        "overview by role": f"/admin?month={month.key}&by=role",
        "overview by department": f"/admin?month={month.key}&by=department",
        "trend chart (PNG)": f"/admin/chart.png?month={month.key}",
        "report CSV": f"/admin/report.csv?month={month.key}&by=department",
        "schedules": "/admin/schedules",
        "schedule edit + 5 runs + audience": f"/admin/schedules/{schedule}",
        "coach roster": "/admin/roster",
        "settings": "/admin/settings",
        "audit log, page 1": "/admin/audit",
        "audit log, page 40": "/admin/audit?page=40",
    }
    cold = {name: (await _get(browser, base + path))[0] for name, path in list(pages.items())[:4]}
    warm: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(requests):
        for name, path in pages.items():
            warm[name].append((await _get(browser, base + path))[0])
    _, body = await _get(browser, base + "/admin/schedules")
    form = {"csrf": CSRF.search(body).group(1), "name": "x", "days": "weekdays", "time": "08:30", "zone": "local",
            "audience": "everyone", "theme": ""}  # fmt: skip
    warm["preview (POST, everyone)"] = [
        await _post(browser, base + "/admin/schedules/preview", form) for _ in range(requests)
    ]
    return cold, warm


async def _get(browser, url: str) -> tuple[float, str]:
    started = time.perf_counter()
    async with browser.get(url) as response:
        body = await response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000, body.decode("utf-8", "replace")


async def _post(browser, url: str, form: dict) -> float:
    started = time.perf_counter()
    async with browser.post(url, data=form) as response:
        await response.read()
        assert response.status == 200, (url, response.status)
    return (time.perf_counter() - started) * 1000


def print_table(cold: dict, warm: dict, members: int, database: str) -> None:
    print(f"\nDashboard pages, {members:,} members, {database}; one admin, requests in turn over HTTP on 127.0.0.1.")
    print("\n| first look at a month (computes and keeps it) | ms |\n| --- | ---: |")
    for name, ms in cold.items():
        print(f"| {name} | {ms:,.0f} |")
    print(f"\n| page | requests | p50 ms | p95 ms (<= {TARGET_P95_MS:.0f}) | worst ms |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, times in warm.items():
        p95 = percentile(times, 95)
        mark = "✓" if p95 <= TARGET_P95_MS else "✗"
        print(f"| {name} | {len(times)} | {median(times):.0f} | {p95:.0f} {mark} | {max(times):.0f} |")
