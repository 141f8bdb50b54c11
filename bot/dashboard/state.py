"""What the dashboard's routes share: the services, the admin-rights rule, the sign-in limiter, the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp
from aiohttp import web

from bot.dashboard.security import SignInLimiter
from bot.services import Services
from store import Store
from store.models import Member

Rights = Callable[[Member], bool]


@dataclass
class Dashboard:
    services: Services
    rights: Rights  # is this member a program admin now? Asked on every request.
    limiter: SignInLimiter
    oidc: dict = field(default_factory=dict)  # provider name -> bot.dashboard.oidc.Provider
    _http: aiohttp.ClientSession | None = None

    def http(self) -> aiohttp.ClientSession:
        """One HTTP client for talking to OpenID Connect providers, made when first needed."""
        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()

    @property
    def store(self) -> Store:
        return self.services.store

    def now(self) -> datetime:
        return self.services.clock()

    @property
    def secure(self) -> bool:
        """Cookies are Secure when the dashboard is served over https (MICROCOACH_PUBLIC_URL says so)."""
        return self.services.settings.public_url.startswith("https://")


DASHBOARD = web.AppKey("dashboard", Dashboard)


def settings_rights(services: Services) -> Rights:
    """bot.config's rule, as chat's: MICROCOACH_ADMINS (user or Entra object id), else the platform's admins."""
    settings = services.settings
    return lambda member: settings.program_admin((member.user_id, member.aad_object_id), member.platform_admin)
