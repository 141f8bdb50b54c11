"""Rendering a dashboard page: the layout's shared values (admin, CSRF token, the notice of the last change)."""

from __future__ import annotations

import asyncio
import re

import aiohttp_jinja2
from aiohttp import web
from markupsafe import Markup, escape

from bot.dashboard.auth import Admin
from bot.dashboard.state import DASHBOARD

CODE = re.compile(r"`([^`\n]+)`")
NAV = (
    ("overview", "/admin", "Overview"),
    ("schedules", "/admin/schedules", "Schedules"),
    ("roster", "/admin/roster", "Coach roster"),
    ("settings", "/admin/settings", "Settings"),
    ("audit", "/admin/audit", "Audit log"),
)


async def render(
    request: web.Request, template: str, admin: Admin, section: str, context: dict, *, status: int = 200
) -> web.Response:
    """The page, with the notice from the last change shown once."""
    flash = admin.session.flash
    if flash:
        await asyncio.to_thread(request.app[DASHBOARD].store.dashboard.set_flash, admin.session.id, None)
    values = {"admin": admin, "csrf": admin.csrf, "nav": NAV, "section": section, "flash": flash, **context}
    return aiohttp_jinja2.render_template(template, request, values, status=status)


async def done(request: web.Request, admin: Admin, notice: str, to: str) -> web.Response:
    """After a change: keep its notice for the next page and go there (so reloading never repeats the change)."""
    await asyncio.to_thread(request.app[DASHBOARD].store.dashboard.set_flash, admin.session.id, notice[:2000])
    raise web.HTTPSeeOther(to)


def chat_markup(text: str) -> Markup:
    """A Jinja filter: plain text with `code` spans and line breaks, everything else escaped."""
    lines = []
    for line in str(text).splitlines():
        parts = CODE.split(line)
        lines.append(
            Markup("").join(Markup("<code>{}</code>").format(p) if i % 2 else escape(p) for i, p in enumerate(parts))
        )
    return Markup("<br>").join(lines)
