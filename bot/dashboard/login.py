"""Signing in and out: the one-time link from chat, the session it starts, and Sign out."""

from __future__ import annotations

import asyncio
import logging

import aiohttp_jinja2
from aiohttp import web

from bot.dashboard.auth import Admin, admin_page, refusal
from bot.dashboard.security import SESSION_LIFETIME, clear_session_cookie, set_session_cookie
from bot.dashboard.state import DASHBOARD, Dashboard

logger = logging.getLogger(__name__)

# Link previews fetch a URL as soon as it is posted; they must not use up a one-time link.
PREVIEW_AGENTS = ("slackbot", "skypeuripreview", "bingpreview", "facebookexternalhit", "twitterbot")


def routes(app: web.Application) -> None:
    app.router.add_get("/admin/login/{token}", login, allow_head=False)
    app.router.add_get("/admin/logout", logout_page)
    app.router.add_post("/admin/logout", logout)


def limited(request: web.Request) -> web.Response | None:
    """The 429 page when this address has failed too often lately, else None."""
    wait = request.app[DASHBOARD].limiter.retry_after(request.remote or "")
    if not wait:
        return None
    response = aiohttp_jinja2.render_template("refused.html", request, _context(request, "limited", wait), status=429)
    response.headers["Retry-After"] = str(wait)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    """`/admin/login/TOKEN`: valid once, for 10 minutes, for the admin and workspace it was made for."""
    if (blocked := limited(request)) is not None:
        return blocked
    agent = request.headers.get("User-Agent", "").lower()
    if any(name in agent for name in PREVIEW_AGENTS):
        return aiohttp_jinja2.render_template("refused.html", request, _context(request, "preview"))
    dash = request.app[DASHBOARD]
    token = await asyncio.to_thread(dash.store.dashboard.use_sign_in, request.match_info["token"], "link", dash.now())
    if token is None:
        dash.limiter.failed(request.remote or "")
        return aiohttp_jinja2.render_template("refused.html", request, _context(request, "used"), status=400)
    return await signed_in(request, token.workspace_id, token.member_id, "link")


async def signed_in(request: web.Request, workspace_id: int, member_id: int, via: str) -> web.StreamResponse:
    """Start a session for an admin (rights checked now) and record the sign-in in the audit log."""
    dash = request.app[DASHBOARD]
    secret = await asyncio.to_thread(_start, dash, workspace_id, member_id, via)
    if secret is None:
        return refusal(request, 403, "not-admin")
    response = web.Response(status=303, headers={"Location": "/admin"})
    set_session_cookie(response, secret, secure=dash.secure)
    return response


def _start(dash: Dashboard, workspace_id: int, member_id: int, via: str) -> str | None:
    now = dash.now()
    member = dash.store.members.member(workspace_id, member_id)
    if member is None or not dash.rights(member):
        return None
    secret, session = dash.store.dashboard.start_session(workspace_id, member_id, now, ttl=SESSION_LIFETIME, via=via)
    label = member.display_name or member.user_id
    dash.store.audit.record(workspace_id, member_id, label, "dashboard.sign-in", VIA_LABELS.get(via, via), now)
    logger.info("dashboard sign-in: workspace %s member %s via %s", workspace_id, member_id, via)
    return secret


VIA_LABELS = {"link": "by a link from chat", "slack": "with Slack", "entra": "with Microsoft Entra ID"}


@admin_page
async def logout_page(request: web.Request, admin: Admin) -> web.Response:
    return aiohttp_jinja2.render_template("signout.html", request, {"admin": admin, "csrf": admin.csrf})


@admin_page
async def logout(request: web.Request, admin: Admin) -> web.Response:
    """Sign out: the session ends in the store (the cookie alone would sign in no one) and the cookie goes."""
    dash = request.app[DASHBOARD]

    def end() -> None:
        now = dash.now()
        dash.store.dashboard.end_session(admin.session.id, now)
        dash.store.audit.record(admin.workspace.id, admin.member.id, admin.name, "dashboard.sign-out", "", now)

    await asyncio.to_thread(end)
    response = aiohttp_jinja2.render_template("refused.html", request, _context(request, "signed-out-now"))
    clear_session_cookie(response, secure=dash.secure)
    return response


def _context(request: web.Request, reason: str, wait: int | None = None) -> dict:
    minutes = None if wait is None else max(1, (wait + 59) // 60)
    return {"reason": reason, "admin": None, "providers": sorted(request.app[DASHBOARD].oidc), "minutes": minutes}
