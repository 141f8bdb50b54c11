"""The coach roster: each coach's capacity and open places (counts only), add, remove and availability.

Never who asked for a coach or why: the page reads the roster and nothing about requests.
"""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.acting import act, deliver_others, read, reply_text, text_fields
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import done, render
from bot.dashboard.safety import risk_page
from handlers.coach import roster as coach_roster
from handlers.coach.profile import ROLE_CHOICES
from handlers.core.context import Ctx

OPTIONS = ("role", "department", "specialty", "capacity", "languages")
BLANK = {"person": "", "role": "physician", "department": "", "specialty": "", "capacity": "3", "languages": "en"}


def routes(app: web.Application) -> None:
    app.router.add_get("/admin/roster", roster)
    app.router.add_post("/admin/roster", add)
    app.router.add_post(r"/admin/roster/{member:\d+}/{word:remove|available|unavailable}", change)


def coaches(ctx: Ctx) -> list[dict]:
    return [
        {
            "member": entry.member,
            "profile": entry.profile,
            "open": max(entry.profile.capacity - entry.profile.active_count, 0),
        }
        for entry in ctx.store.coaching.coach_roster(ctx.ws_id)
    ]


async def page(request: web.Request, admin: Admin, values: dict, problem=None, status: int = 200) -> web.Response:
    found = await read(request, admin, lambda ctx: {"coaches": coaches(ctx)})
    context = {**found, "values": values, "problem": problem, "roles": ROLE_CHOICES}
    return await render(request, "roster.html", admin, "roster", context, status=status)


@admin_page
async def roster(request: web.Request, admin: Admin) -> web.Response:
    return await page(request, admin, BLANK)


@admin_page
async def add(request: web.Request, admin: Admin) -> web.Response:
    """`/coach roster add`, from the form: the same checks and audit."""
    values = text_fields(await request.post())
    options = {key: values[key] for key in OPTIONS if values.get(key, "").strip()}
    person = values.get("person", "")
    outcome = await act(request, admin, values, lambda ctx: coach_roster.add_coach(ctx, person, options))
    if outcome.risk:
        return await risk_page(request, admin, outcome.risk)
    if outcome.problem is not None:
        return await page(request, admin, {**BLANK, **values}, outcome.problem, status=400)
    return await done(request, admin, reply_text(outcome.result), "/admin/roster")


@admin_page
async def change(request: web.Request, admin: Admin) -> web.Response:
    """Remove a coach, or mark them (un)available: `/coach roster remove` and `/coach roster available`."""
    member_id, word = int(request.match_info["member"]), request.match_info["word"]

    def run(ctx: Ctx):
        person = ctx.store.members.member(ctx.ws_id, member_id)
        if person is None:
            raise web.HTTPNotFound()
        if word == "remove":
            return coach_roster.remove_coach(ctx, person)
        return coach_roster.set_available(ctx, person, "on" if word == "available" else "off")

    outcome = await act(request, admin, {}, run)
    if outcome.problem is not None:
        return await done(request, admin, outcome.problem.reason, "/admin/roster")
    await deliver_others(request, admin, outcome.result)
    return await done(request, admin, reply_text(outcome.result), "/admin/roster")
