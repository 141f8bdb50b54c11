"""Workspace settings: quiet hours, retention, the crisis and support lines, the offer time-out (`/nudge settings`)."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.acting import act, read, reply_text, text_fields
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import done, render
from bot.dashboard.safety import risk_page
from handlers.core.context import DEFAULT_QUIET, Ctx
from handlers.core.vocabulary import CoachingError
from handlers.program import workspace_settings

KEYS = ("quiet", "retention", "crisis-line", "support-line", "offer-hours")


def routes(app: web.Application) -> None:
    app.router.add_get("/admin/settings", settings)
    app.router.add_post("/admin/settings", save)


def current(ctx: Ctx) -> dict[str, str]:
    """The settings in force for this workspace, in the words the form (and chat) reads back."""
    own = ctx.workspace.settings or {}
    return {
        "quiet": f"{own.get('quiet_start', DEFAULT_QUIET[0])}-{own.get('quiet_end', DEFAULT_QUIET[1])}",
        "retention": str(ctx.setting("retention_days")),
        "crisis-line": ctx.setting("crisis_line") or "",
        "support-line": ctx.setting("support_line") or "",
        "offer-hours": str(ctx.setting("offer_timeout_hours")),
    }


def problems(options: dict[str, str]) -> dict[str, CoachingError]:
    """Each field's problem, by chat's own check of that one setting."""
    found = {}
    for key, value in options.items():
        try:
            workspace_settings.parse({key: value})
        except CoachingError as problem:
            found[key] = problem
    return found


async def page(request: web.Request, admin: Admin, values: dict | None, found: dict, status: int = 200):
    saved = await read(request, admin, current)
    context = {"values": values or saved, "problems": found}
    return await render(request, "settings.html", admin, "settings", context, status=status)


@admin_page
async def settings(request: web.Request, admin: Admin) -> web.Response:
    return await page(request, admin, None, {})


@admin_page
async def save(request: web.Request, admin: Admin) -> web.Response:
    """Only the settings that differ from what is in force are changed, all checked before any is saved."""
    values = {key: value.strip() for key, value in text_fields(await request.post()).items() if key in KEYS}

    def change(ctx: Ctx):
        before = current(ctx)
        changed = {key: value for key, value in values.items() if value != before[key]}
        found = problems(changed)
        return found or workspace_settings.apply(ctx, changed)

    outcome = await act(request, admin, values, change)
    if outcome.risk:
        return await risk_page(request, admin, outcome.risk)
    if isinstance(outcome.result, dict) or outcome.problem is not None:
        found = outcome.result if isinstance(outcome.result, dict) else {"quiet": outcome.problem}
        return await page(request, admin, values, found, status=400)
    return await done(request, admin, reply_text(outcome.result).split("\n")[0], "/admin/settings")
