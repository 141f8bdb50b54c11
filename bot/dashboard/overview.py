"""The overview: a complete month's figures, the trend chart and the CSV, all from `/nudge report`'s own code."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections import OrderedDict

from aiohttp import web

from bot.dashboard.acting import read
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import render
from handlers.core.context import Ctx
from handlers.core.vocabulary import CoachingError
from handlers.privacy.small_groups import HIDDEN, MIN_GROUP
from handlers.program import report
from handlers.program.chart import monthly_chart
from handlers.program.figures import GROUPINGS
from handlers.timing.months import MOST_MONTHS_BACK, Month, last_complete, months_back, parse_month

EXAMPLE = "/nudge report 2026-10 by=role"
CHARTS: OrderedDict[str, bytes] = OrderedDict()  # kept months never change, so neither does their chart
MOST_CHARTS = 64


def routes(app: web.Application) -> None:
    app.router.add_get("/admin", overview)
    app.router.add_get("/admin/chart.png", chart)
    app.router.add_get("/admin/report.csv", csv)


def choices(ctx: Ctx) -> list[Month]:
    """Complete months since microcoach began here, newest first (none in its first month)."""
    latest = last_complete(ctx.now)
    return list(reversed(months_back(latest, MOST_MONTHS_BACK, earliest=Month.of(ctx.workspace.created_at))))


def figures(ctx: Ctx, month_text: str, by: str) -> dict:
    """The month's report and trend exactly as `/nudge report` computes and keeps them."""
    if by and by not in GROUPINGS:
        raise CoachingError(f"by= is one of {', '.join(GROUPINGS)}, not '{by}'.", EXAMPLE)
    month = parse_month(month_text, ctx.now, EXAMPLE, began=ctx.workspace.created_at)
    kept = report.month_report(ctx.store, ctx.workspace, month, by or None, ctx.now)
    return {"month": month, "report": kept, "trend": report.trend(ctx.store, ctx.workspace, month, ctx.now)}


@admin_page
async def overview(request: web.Request, admin: Admin) -> web.Response:
    month_text, by = request.query.get("month", ""), request.query.get("by", "")

    def gather(ctx: Ctx) -> dict:
        found = {"months": choices(ctx), "by": by, "groupings": GROUPINGS, "hidden": HIDDEN, "least": MIN_GROUP}
        try:
            found.update(figures(ctx, month_text, by))
        except CoachingError as problem:
            found["problem"] = problem
        return found

    return await render(request, "overview.html", admin, "overview", await read(request, admin, gather))


@admin_page
async def chart(request: web.Request, admin: Admin) -> web.Response:
    """The trend chart for the month asked (the same PNG `/nudge report` sends), cached by its numbers."""
    try:
        found = await read(request, admin, lambda ctx: figures(ctx, request.query.get("month", ""), ""))
    except CoachingError:
        raise web.HTTPNotFound() from None
    points = found["trend"]
    key = hashlib.sha256(json.dumps(points, sort_keys=True, default=str).encode()).hexdigest()
    if key not in CHARTS:
        CHARTS[key] = await asyncio.to_thread(monthly_chart, points)
        while len(CHARTS) > MOST_CHARTS:
            CHARTS.popitem(last=False)
    return web.Response(body=CHARTS[key], content_type="image/png")


@admin_page
async def csv(request: web.Request, admin: Admin) -> web.Response:
    """The month as CSV, the same file `/nudge report format=csv` sends."""
    by = request.query.get("by", "")
    try:
        found = await read(request, admin, lambda ctx: figures(ctx, request.query.get("month", ""), by))
    except CoachingError:
        raise web.HTTPNotFound() from None
    name = f"microcoach-report-{found['month'].key}{'-by-' + by if by else ''}.csv"
    return web.Response(
        text=report.to_csv(found["report"]["rows"], found["trend"]),
        content_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
