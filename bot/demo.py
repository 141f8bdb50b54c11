"""The demo workspace: five seeded people (one reads Spanish), a coach roster, a channel and one daily schedule."""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.console import WORKSPACE, Console
from bot.demo_web import DemoWeb
from bot.runtime import cipher_for, warm_safety_rules
from handlers.coach.profile import parse_role
from handlers.core.parsing import split_args, split_options
from handlers.core.vocabulary import CoachingError, OrgSettings
from store import Store

ZONE = ZoneInfo("America/New_York")
PEOPLE = (  # handle, name, role, department, admin
    ("dr.lee", "Jordan Lee", "physician", "Emergency Department", False),
    ("dr.patel", "Priya Patel", "physician", "Cardiology", False),
    ("nurse.kim", "Min-jun Kim", "nurse", "ICU", False),
    ("admin", "Alex Rivera", "other", "Wellbeing Office", True),
    ("nurse.garcia", "Lucía García", "nurse", "Emergency Department", False),
)
LOCALES = {"nurse.garcia": "es-US"}  # as Slack or Teams would report it: everything she sees is in Spanish
COACHES = (
    ("dr.patel", "physician", "cardiology", "Cardiology"),
    ("nurse.kim", "nurse", "critical care", "ICU"),
)
BANNER = """microcoach demo: a workspace with dr.lee (you), dr.patel and nurse.kim (peer coaches), admin, and
nurse.garcia (who reads everything in Spanish: `:as nurse.garcia`).
Type a reply to answer, /checkin for a check-in now, help for everything, :help for console commands, :quit to end.
"""


def demo_start(today: datetime | None = None) -> datetime:
    """08:30 today in New York: the moment the seeded daily check-in goes out."""
    day = (today or datetime.now(ZONE)).astimezone(ZONE).date()
    return datetime.combine(day, time(8, 30), tzinfo=ZONE).astimezone(ZoneInfo("UTC"))


def seed(store: Store, console: Console, now: datetime) -> None:
    earlier = now - timedelta(days=1)
    workspace = store.members.ensure_workspace("console", WORKSPACE, earlier, name="Demo Hospital")
    members = {}
    for handle, name, role, department, admin in PEOPLE:
        members[handle] = store.members.ensure_member(
            workspace.id,
            handle,
            earlier,
            handle=handle,
            display_name=name,
            timezone=ZONE.key,
            role=role,
            department=department,
            locale=LOCALES.get(handle),
        )
        console.add_person(handle, handle, admin=admin, name=name, timezone=ZONE.key)
    for handle, role, specialty, department in COACHES:
        store.coaching.upsert_coach(
            workspace.id,
            members[handle].id,
            earlier,
            role=role,
            specialty=specialty,
            department=department,
            capacity=3,
            languages=["en"],
        )
    store.members.set_channel_members(workspace.id, "C-ICU", "icu", [members["nurse.kim"].id, members["dr.lee"].id])
    # Created a day ago, so today's 08:30 is due at the demo's first moment.
    store.schedules.add_schedule(
        workspace.id,
        earlier,
        name="Daily check-in",
        days="mon,tue,wed,thu,fri,sat,sun",
        local_time="08:30",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
        created_by=members["admin"].id,
    )


JOIN_EXAMPLE = ':join rn.lopez role=nurse department=ICU name="Ana Lopez"'
HANDLE = re.compile(r"[a-z][a-z0-9._-]{1,31}")


def join(store: Store, console: Console, args: str) -> None:
    """`:join HANDLE role=... department=... [name=...]`: someone new, as the platform's directory would add them."""
    plain, options = split_options(split_args(args, JOIN_EXAMPLE))
    if len(plain) != 1 or not HANDLE.fullmatch(plain[0]):
        raise CoachingError(f"'{plain[0] if plain else ''}' is not a handle: lowercase, like rn.lopez.", JOIN_EXAMPLE)
    handle = plain[0]
    unknown = sorted(set(options) - {"role", "department", "name"})
    if unknown:
        raise CoachingError(f"'{unknown[0]}=' is not something :join takes (role=, department=, name=).", JOIN_EXAMPLE)
    if handle in console.people:
        raise CoachingError(f"{handle} is already here. `:as {handle}` to be them.", JOIN_EXAMPLE)
    role = parse_role(options["role"]) if options.get("role") else None
    department = (options.get("department") or "").strip()[:100] or None
    name = (options.get("name") or "").strip()[:100] or handle.replace(".", " ").title()
    workspace = store.members.find_workspace("console", WORKSPACE)
    store.members.ensure_member(workspace.id, handle, console.now, handle=handle, display_name=name, timezone=ZONE.key,
                        role=role, department=department)  # fmt: skip
    console.add_person(handle, handle, name=name, timezone=ZONE.key)
    console.say(f"{handle} joined: {role or 'no role'}, {department or 'no department'} ({name}).")


def run_demo(
    db: str | None,
    script: str | None,
    *,
    out: TextIO = sys.stdout,
    start: datetime | None = None,
    org: OrgSettings = OrgSettings(),
    web_port: int | None = None,
) -> int:
    """Run the console demo on a fresh SQLite database (a temporary one unless --db is given).

    With `web_port`, the dashboard is served on 127.0.0.1 beside it, and `:dashboard` prints a sign-in link.
    """
    warm_safety_rules()  # while the demo's world is set up, so the first message is answered at once
    with tempfile.TemporaryDirectory(prefix="microcoach-demo-") as scratch:
        path = Path(db) if db else Path(scratch) / "demo.db"
        settings = Settings(database_url=f"sqlite:///{path}")
        store = Store.open(settings.database_url, cipher_for(settings))
        now = start or demo_start()
        if web_port is not None:
            org = replace(org, public_url=f"http://127.0.0.1:{web_port}")
        console = Console(store, now, out, org=org, files=Path("microcoach-demo"))
        fresh = store.members.find_workspace("console", WORKSPACE) is None
        if fresh:
            seed(store, console, now)
        else:  # a kept demo: everyone in it, those who joined too
            admins = {handle for handle, *_rest, admin in PEOPLE if admin}
            for member in store.members.all(store.members.find_workspace("console", WORKSPACE).id):
                name, handle = member.display_name, member.handle or member.user_id
                console.add_person(handle, member.user_id, admin=handle in admins, name=name, timezone=ZONE.key)
        console.extra_commands["join"] = lambda args: join(store, console, args)
        console.extra_commands["dashboard"] = lambda args: _dashboard(console, web_port)
        web = DemoWeb(console, store, settings.database_url, web_port, org) if web_port is not None else None
        out.write(BANNER)
        if web is not None:
            web.start()
            out.write(f"The dashboard is at {web.url}/admin. As admin, type :dashboard for a sign-in link.\n")
        console.run_scheduler()
        try:
            if script:
                with open(script) as lines:
                    return _loop(console, lines, echo=True)
            return _loop(console, sys.stdin, echo=not sys.stdin.isatty())
        finally:
            if web is not None:
                web.stop()
            store.close()


def _dashboard(console: Console, web_port: int | None) -> None:
    """`:dashboard`: the current person's `/nudge dashboard` (a link for an admin; a plain no for anyone else)."""
    if web_port is None:
        console.say("The dashboard runs with `microcoach demo --web`. Start the demo that way to sign in to it.")
        return
    console.handle("/nudge dashboard")


def _loop(console: Console, source: TextIO, *, echo: bool) -> int:
    interactive = not echo
    while True:
        if interactive:
            console.out.write(f"{console.current}> ")
            console.out.flush()
        line = source.readline()
        if not line:
            console.out.write("\n(end of input) Bye.\n")
            return 0
        if echo and line.strip():
            console.out.write(f"\n{console.current}> {line.rstrip()}\n")
        if not console.handle(line):
            console.out.write("Bye.\n")
            return 0
