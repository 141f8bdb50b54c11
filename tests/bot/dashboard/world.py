"""A workspace for the dashboard's tests: an admin, clinicians with a complete month behind them, two coaches."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.config import Settings
from bot.dashboard import mount
from bot.metrics import Metrics
from bot.services import Services
from handlers.core.vocabulary import OrgSettings
from tests.dialog import Dialog

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # a Wednesday; October 2026 is the last complete month
OCTOBER = datetime(2026, 10, 12, 13, 0, tzinfo=UTC)
PUBLIC = "http://dashboard.test"
CANARY = "CANARY-7f3a words nobody else may read"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
PEOPLE = (  # handle, role, department: eight in the Emergency Department, one alone in a small unit
    *((f"rn.{n}", "nurse", "Emergency Department") for n in range(5)),
    *((f"dr.{n}", "physician", "Emergency Department") for n in range(3)),
    ("rn.solo", "nurse", "Lonely Unit CANARY-DEPT"),
)


@dataclass
class Clock:
    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Site:
    """The dashboard on a test server, with the chat side (a Dialog) on the same store."""

    client: TestClient
    dialog: Dialog
    services: Services
    clock: Clock
    pages: dict[str, str] = field(default_factory=dict)

    def link(self, as_: str = "admin") -> str:
        """A sign-in link, asked for in chat exactly as an admin would (`/nudge dashboard`)."""
        self.dialog.as_, self.dialog.now = as_, self.clock.now
        text = self.dialog.text(self.dialog.say("/nudge dashboard"))
        found = re.search(r"(https?://\S+/admin/login/\S+)", text)
        assert found, text
        return found.group(1)

    def path(self, url: str) -> str:
        return url.removeprefix(PUBLIC)

    async def sign_in(self, as_: str = "admin"):
        return await self.client.get(self.path(self.link(as_)), allow_redirects=True)

    async def page(self, path: str) -> str:
        response = await self.client.get(path)
        text = await response.text()
        self.pages[path] = text
        return text

    async def post(self, path: str, data: dict | None = None, *, form_page: str = "/admin", csrf: bool = True):
        """POST as the page's own form would, with the CSRF token read from `form_page`."""
        body = dict(data or {})
        if csrf:
            body["csrf"] = CSRF.search(await self.page(form_page)).group(1)
        return await self.client.post(path, data=body, allow_redirects=True)

    def chat(self, said: str, as_: str = "admin") -> str:
        self.dialog.as_, self.dialog.now = as_, self.clock.now
        return self.dialog.text(self.dialog.say(said))


def populate(dialog: Dialog) -> None:
    """People, a coach roster and an October with check-ins, replies, energy, burnout answers and coach requests."""
    dialog.add("admin", "Alex Rivera", role="other", department="Wellbeing Office", admin=True)
    dialog.add("dr.patel", "Priya Patel", role="physician", department="Cardiology")
    dialog.add("nurse.kim", "Min-jun Kim", role="nurse", department="ICU")
    store, ws = dialog.store, dialog.ws_id
    for handle, role, department in PEOPLE:
        member_id = dialog.add(handle, handle.replace(".", " ").title(), role=role, department=department)
        for day in range(3):
            at = OCTOBER + timedelta(days=day)
            conv = store.checkins.open_conversation(ws, member_id, at, question_id="q1", theme="rest", stage="closed")
            store.checkins.add_reflection(ws, member_id, conv.id, "q1", f"{CANARY} reply {handle}", at)
            store.checkins.add_commitment(ws, member_id, conv.id, f"{CANARY} step", at)
            store.checkins.add_pulse(ws, member_id, "energy", 2 + day, at, conv.id)
        store.checkins.add_pulse(ws, member_id, "burnout", 2, OCTOBER)
        store.coaching.create_request(ws, member_id, f"{CANARY} topic", OCTOBER)
    for handle, role, department in (("dr.patel", "physician", "Cardiology"), ("nurse.kim", "nurse", "ICU")):
        store.coaching.upsert_coach(ws, dialog.member(handle).id, dialog.now, role=role, specialty="",
                           department=department,
                           capacity=3, languages=["en"])  # fmt: skip


async def start_site(
    store, *, settings: Settings | None = None, clock: Clock | None = None, app=None, port: int | None = None
) -> Site:
    clock = clock or Clock()
    settings = settings or Settings(admins=("admin",), org=OrgSettings(public_url=PUBLIC))
    dialog = Dialog(store, NOW - timedelta(days=90), platform="slack", workspace="T1", org=settings.org)
    populate(dialog)
    services = Services(settings, store, Metrics(), clock=clock)
    app = app or web.Application()
    mount(app, services)
    client = TestClient(TestServer(app, host="127.0.0.1", port=port))
    await client.start_server()
    return Site(client, dialog, services, clock)
