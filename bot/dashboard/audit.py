"""The audit log, a page at a time, newest first: every admin change (chat's and the dashboard's) and sign-ins."""

from __future__ import annotations

from aiohttp import web

from bot.dashboard.acting import read
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import render
from handlers.core.context import Ctx
from handlers.core.parsing import whole_number

PER_PAGE = 50


def routes(app: web.Application) -> None:
    app.router.add_get("/admin/audit", audit)


@admin_page
async def audit(request: web.Request, admin: Admin) -> web.Response:
    number = max(whole_number(request.query.get("page", "1")) or 1, 1)

    def gather(ctx: Ctx) -> dict:
        found = ctx.store.dashboard.audit_page(ctx.ws_id, number, PER_PAGE)
        entries, total = found.entries, found.total
        zone = ctx.zone()
        return {
            "entries": [(e, e.created_at.astimezone(zone)) for e in entries],
            "zone": zone.key,
            "page": number,
            "pages": max((total + PER_PAGE - 1) // PER_PAGE, 1),
            "total": total,
        }

    return await render(request, "audit.html", admin, "audit", await read(request, admin, gather))
