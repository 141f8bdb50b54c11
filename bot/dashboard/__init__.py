"""The program dashboard under /admin: server-rendered pages (Jinja2, no JavaScript) on the bot's aiohttp app.

Every page needs a session from a one-time sign-in link (or OpenID Connect), the admin's rights are checked
again on every request, and every change goes through chat's own handlers, audited as chat audits it.
"""

from __future__ import annotations

from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.dashboard import audit, login, oidc, overview, roster, safety, schedules, settings_page
from bot.dashboard.pages import chat_markup
from bot.dashboard.security import SignInLimiter, add_headers
from bot.dashboard.state import DASHBOARD, Dashboard, Rights, settings_rights
from bot.services import Services

HERE = Path(__file__).parent

__all__ = ["DASHBOARD", "Dashboard", "mount"]


def mount(app: web.Application, services: Services, *, rights: Rights | None = None) -> Dashboard:
    """Add the dashboard's routes, templates and headers to `app`; `rights` defaults to bot.config's rule."""
    dashboard = Dashboard(
        services,
        rights or settings_rights(services),
        SignInLimiter(services.clock),
        {p.name: oidc.Provider(p) for p in services.settings.oidc},
    )
    app[DASHBOARD] = dashboard
    environment = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # everything shown is escaped unless a filter says it built safe markup
        undefined=jinja2.StrictUndefined,
        filters={"chat": chat_markup},
    )
    environment.globals["oidc_labels"] = oidc.LABELS
    for module in (overview, schedules, roster, settings_page, audit, login, oidc, safety):
        module.routes(app)
    app.router.add_static("/admin/static", HERE / "static")
    app.on_response_prepare.append(add_headers)
    app.on_cleanup.append(lambda _app: dashboard.close())
    return dashboard
