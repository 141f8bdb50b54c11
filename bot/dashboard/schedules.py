"""Schedules: the list with next runs, add and edit with chat's own checks, a preview, pause, resume and delete."""

from __future__ import annotations

from aiohttp import web

from bot.console_view import plain
from bot.dashboard.acting import act, read, reply_text, text_fields
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import done, render
from bot.dashboard.safety import risk_page
from handlers.core.context import Ctx
from handlers.program import audience, nudge, schedule_fields
from handlers.timing.recurrence import format_days, parse_days
from handlers.timing.zones import COMMON_ZONES
from prompts.library import load_library
from prompts.messages import render as render_message
from store.models import Schedule

BLANK = {"name": "", "days": "weekdays", "time": "08:30", "zone": "local", "audience": "everyone", "theme": ""}
STATUS_WORDS = {"pause": "paused", "resume": "active", "delete": "deleted"}
PREVIEW_RUNS = 5


def routes(app: web.Application) -> None:
    app.router.add_get("/admin/schedules", list_page)
    app.router.add_post("/admin/schedules", save)
    app.router.add_post("/admin/schedules/preview", preview)
    app.router.add_get(r"/admin/schedules/{id:\d+}", edit_page)
    app.router.add_post(r"/admin/schedules/{id:\d+}", save)
    app.router.add_post(r"/admin/schedules/{id:\d+}/{word:pause|resume|delete}", set_status)


def rows(ctx: Ctx) -> list[dict]:
    """Each schedule as the list shows it, with its next run in the admin's zone."""
    zone = ctx.zone()
    found = []
    for schedule in ctx.store.schedules.all(ctx.ws_id):
        upcoming = nudge.upcoming(ctx, schedule, 1) if schedule.status == "active" else []
        found.append({"schedule": schedule, "days": format_days(parse_days(schedule.days)),
                      "audience": audience.describe(ctx, schedule),
                      "next": upcoming[0].astimezone(zone) if upcoming else None})  # fmt: skip
    return found


def form_values(ctx: Ctx, schedule: Schedule) -> dict[str, str]:
    """A saved schedule as the form's fields, in the words the form reads back."""
    return {"name": schedule.name, "days": format_days(parse_days(schedule.days)), "time": schedule.local_time,
            "zone": schedule.timezone or "local", "audience": _audience_words(ctx, schedule),
            "theme": schedule.theme or ""}  # fmt: skip


def _audience_words(ctx: Ctx, schedule: Schedule) -> str:
    if schedule.audience_kind == "channel" and schedule.audience:
        name = ctx.store.members.channel_name(ctx.ws_id, schedule.audience[0])
        return f"#{name}" if name else f"<#{schedule.audience[0]}>"
    if schedule.audience_kind == "people":
        members = ctx.store.members.all(ctx.ws_id, schedule.audience)
        return " ".join(f"@{m.handle}" if m.handle else f"<@{m.user_id}>" for m in members)
    return "everyone"


def runs(ctx: Ctx, schedule: Schedule) -> dict:
    """The next five runs in the admin's zone, and how many people the audience names (never who)."""
    zone = ctx.zone()
    times = [t.astimezone(zone) for t in nudge.upcoming(ctx, schedule, PREVIEW_RUNS)]
    people = nudge.reach(ctx, schedule)
    reach = plain(render_message("nudge_audience", people=people, noun="person" if people == 1 else "people"))
    return {"times": times, "zone": zone.key, "local": schedule.timezone is None, "reach": reach}


async def page(request: web.Request, admin: Admin, gather, *, status: int = 200, **context) -> web.Response:
    """The schedules page: the list, then the form (add, or edit when `editing` is given)."""

    def collect(ctx: Ctx) -> dict:
        found = {"rows": rows(ctx), "zones": COMMON_ZONES, "themes": list(load_library().themes.values())}
        found.update(gather(ctx))
        return found

    found = await read(request, admin, collect)
    return await render(request, "schedules.html", admin, "schedules", {**found, **context}, status=status)


@admin_page
async def list_page(request: web.Request, admin: Admin) -> web.Response:
    return await page(request, admin, lambda ctx: {"values": BLANK, "problems": {}, "editing": None})


@admin_page
async def edit_page(request: web.Request, admin: Admin) -> web.Response:
    number = int(request.match_info["id"])

    def gather(ctx: Ctx) -> dict:
        schedule = ctx.store.schedules.schedule(ctx.ws_id, number)
        if schedule is None or schedule.owner_member_id is not None:
            raise web.HTTPNotFound()
        values = form_values(ctx, schedule)
        return {"values": values, "problems": {}, "editing": schedule, "preview": runs(ctx, schedule)}

    return await page(request, admin, gather)


@admin_page
async def save(request: web.Request, admin: Admin) -> web.Response:
    """Add (no id) or edit: every field checked by chat's rules; on any problem nothing is saved."""
    values = text_fields(await request.post())
    number = int(request.match_info["id"]) if "id" in request.match_info else None

    def change(ctx: Ctx):
        fields, problems = schedule_fields.read(ctx, values)
        if problems:
            return problems
        return nudge.change(ctx, number, fields) if number else nudge.create(ctx, fields)

    outcome = await act(request, admin, values, change)
    if outcome.risk:
        return await risk_page(request, admin, outcome.risk)
    problems = outcome.result if isinstance(outcome.result, dict) else {}
    if outcome.problem is not None or problems:
        editing = (
            await read(request, admin, lambda ctx: ctx.store.schedules.schedule(ctx.ws_id, number)) if number else None
        )
        context = {"values": values, "problems": problems, "editing": editing, "problem": outcome.problem}
        return await page(request, admin, lambda ctx: {}, status=400, **context)
    schedule = outcome.result
    verb = "Saved" if number else "Added"
    return await done(request, admin, f'{verb} schedule {schedule.id} "{schedule.name}".', "/admin/schedules")


@admin_page
async def preview(request: web.Request, admin: Admin) -> web.Response:
    """The next five runs of what the form says, checked like a save, with nothing saved."""
    values = text_fields(await request.post())
    number = int(values["schedule"]) if values.get("schedule", "").isdigit() else None

    def look(ctx: Ctx) -> dict:
        fields, problems = schedule_fields.read(ctx, values)
        editing = ctx.store.schedules.schedule(ctx.ws_id, number) if number else None
        found = {"values": values, "problems": problems, "editing": editing}
        if fields is not None:
            found["preview"] = runs(ctx, Schedule(workspace_id=ctx.ws_id, **fields.as_columns()))
        return found

    outcome = await act(request, admin, values, look)
    if outcome.risk:
        return await risk_page(request, admin, outcome.risk)
    found = outcome.result or {"values": values, "problems": {}, "editing": None, "problem": outcome.problem}
    return await page(request, admin, lambda ctx: {}, status=200 if "preview" in found else 400, **found)


@admin_page
async def set_status(request: web.Request, admin: Admin) -> web.Response:
    """Pause, resume or delete: exactly `/nudge pause|resume|delete ID`, audited the same way."""
    word, number = request.match_info["word"], request.match_info["id"]
    outcome = await act(request, admin, {}, lambda ctx: nudge.set_status(ctx, number, word, STATUS_WORDS[word]))
    notice = outcome.problem.reason if outcome.problem is not None else reply_text(outcome.result)
    return await done(request, admin, notice, "/admin/schedules")
