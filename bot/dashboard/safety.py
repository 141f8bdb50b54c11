"""When a form's words need the safety net: its reply on a page, with its buttons, and nothing saved."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.console_view import plain
from bot.dashboard.auth import Admin, admin_page
from bot.dashboard.pages import render
from bot.dashboard.state import DASHBOARD
from handlers.core.vocabulary import Incoming, Reply
from handlers.dispatch import dispatch

# Only the safety net's own buttons can be pressed from here: the rest of chat stays in chat.
ACTIONS = ("crisis:", "screen:")


def routes(app: web.Application) -> None:
    app.router.add_post("/admin/reply", press)


async def risk_page(request: web.Request, admin: Admin, replies: list[Reply]) -> web.Response:
    """The crisis resources (or the direct question) instead of the page asked for."""
    shown = [{"text": plain(r.text), "buttons": [b for b in r.buttons if b.action.startswith(ACTIONS)]}
             for r in replies if r.to is None]  # fmt: skip
    return await render(request, "safety.html", admin, "", {"replies": shown})


@admin_page
async def press(request: web.Request, admin: Admin) -> web.Response:
    """A button of the safety net's reply, handled by dispatch exactly as a press in chat."""
    action = str((await request.post()).get("action", ""))
    if not action.startswith(ACTIONS):
        raise web.HTTPBadRequest(text="That button is only in chat.")
    dash = request.app[DASHBOARD]

    incoming = Incoming(admin.actor(), "action", action=action)
    replies = await asyncio.to_thread(dispatch, incoming, dash.store, dash.now(), org=dash.services.settings.org)
    return await risk_page(request, admin, replies)
