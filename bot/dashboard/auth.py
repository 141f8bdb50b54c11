"""Who is signed in: the session behind the cookie, the admin's rights checked again on every request, CSRF on POST."""

from __future__ import annotations

import asyncio
import functools
import logging
from dataclasses import dataclass

import aiohttp_jinja2
from aiohttp import web

from bot.dashboard.security import CSRF_FIELD, SESSION_COOKIE, SESSION_LIFETIME, clear_session_cookie, csrf_ok
from bot.dashboard.state import DASHBOARD, Dashboard
from handlers.core.vocabulary import Actor
from store.models import Member, Workspace
from store.models_dashboard import DashboardSession

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Admin:
    """A signed-in program admin, as checked for this request."""

    session: DashboardSession
    workspace: Workspace
    member: Member

    @property
    def csrf(self) -> str:
        return self.session.csrf

    @property
    def name(self) -> str:
        return self.member.display_name or self.member.handle or self.member.user_id

    def actor(self) -> Actor:
        """The admin as chat's handlers see a person; rights were decided just now by the dashboard's rule."""
        return Actor(self.workspace.platform, self.workspace.external_id, self.member.user_id,
                     is_admin=True, aad_object_id=self.member.aad_object_id)  # fmt: skip


class Refused(Exception):
    """No page for this request: not signed in (401) or no longer an admin (403)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def authenticate(dash: Dashboard, secret: str | None) -> Admin:
    """The admin behind a session cookie, with their rights checked now; a lapsed admin's session ends here."""
    now = dash.now()
    with dash.store.together():
        session = dash.store.dashboard.dashboard_session(secret, now) if secret else None
        if session is None:
            raise Refused(401, "signed-out")
        workspace = dash.store.members.workspace(session.workspace_id)
        member = dash.store.members.member(session.workspace_id, session.member_id)
    if member is None or not workspace.active or not dash.rights(member):
        dash.store.dashboard.end_session(session.id, now)
        logger.info("dashboard session %s ended: no longer a program admin", session.id)
        raise Refused(403, "not-admin")
    return Admin(session, workspace, member)


def admin_page(handler):
    """A route for signed-in admins only: session and rights checked first, and the CSRF token on every POST."""

    @functools.wraps(handler)
    async def run(request: web.Request) -> web.StreamResponse:
        dash = request.app[DASHBOARD]
        try:
            admin = await asyncio.to_thread(authenticate, dash, request.cookies.get(SESSION_COOKIE))
        except Refused as refused:
            return refusal(request, refused.status, refused.reason)
        if request.method == "POST":
            form = await request.post()
            if not csrf_ok(admin.csrf, form.get(CSRF_FIELD)):
                return refusal(request, 403, "csrf", admin)
        return await handler(request, admin)

    return run


def refusal(request: web.Request, status: int, reason: str, admin: Admin | None = None) -> web.Response:
    """The page that says why there is nothing here, with what to do next (and no detail for an attacker)."""
    dash = request.app[DASHBOARD]
    context = {"reason": reason, "admin": admin, "providers": sorted(dash.oidc), "minutes": None}
    response = aiohttp_jinja2.render_template("refused.html", request, context, status=status)
    if status in (401, 403) and reason in ("signed-out", "not-admin"):
        clear_session_cookie(response, secure=dash.secure)
    return response


__all__ = ["Admin", "SESSION_LIFETIME", "admin_page", "authenticate", "refusal"]
