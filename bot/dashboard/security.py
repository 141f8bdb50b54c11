"""The dashboard's guards: strict response headers, the session cookie, CSRF checks and the sign-in rate limit."""

from __future__ import annotations

import hmac
from collections import OrderedDict, deque
from collections.abc import Callable
from datetime import datetime, timedelta

from aiohttp import web

SESSION_COOKIE = "mc_session"
SESSION_LIFETIME = timedelta(hours=8)
CSRF_FIELD = "csrf"
PREFIX = "/admin"
HEADERS = {
    # No script at all, inline or not; styles and images only from here; no framing; forms post only here.
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # a sign-in link in the address bar never leaves in a Referer header
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every /admin response gets the headers, error pages and static files included."""
    if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
        response.headers.update(HEADERS)
        if not request.path.startswith(PREFIX + "/static/"):
            response.headers["Cache-Control"] = "no-store"  # admin pages stay out of shared and back-button caches


def set_session_cookie(response: web.StreamResponse, secret: str, *, secure: bool) -> None:
    """HttpOnly (no script reads it), Secure under https, SameSite=Lax, gone after 8 hours at most."""
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path=PREFIX,
        httponly=True,
        secure=secure,
        samesite="Lax",
    )


def clear_session_cookie(response: web.StreamResponse, *, secure: bool) -> None:
    response.del_cookie(SESSION_COOKIE, path=PREFIX, secure=secure, httponly=True, samesite="Lax")


def csrf_ok(expected: str, given: str | None) -> bool:
    """The form's token matches the session's (compared in constant time)."""
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


class SignInLimiter:
    """At most `attempts` failed sign-ins per address in `window`; past that, sign-in answers 429 until it clears.

    Counted in this process (each web process keeps its own count): the tokens are 256 random bits, so this
    guards against noise and load rather than guessing. Behind a proxy, the proxy's address is what is counted.
    """

    def __init__(
        self,
        clock: Callable[[], datetime],
        *,
        attempts: int = 10,
        window: timedelta = timedelta(minutes=10),
        most_addresses: int = 10_000,
    ) -> None:
        self._clock, self._attempts, self._window, self._most = clock, attempts, window, most_addresses
        self._failures: OrderedDict[str, deque[datetime]] = OrderedDict()

    def retry_after(self, address: str) -> int:
        """Seconds until this address may try again (0: it may now)."""
        recent = self._recent(address)
        if len(recent) < self._attempts:
            return 0
        return max(1, int((recent[0] + self._window - self._clock()).total_seconds()) + 1)

    def failed(self, address: str) -> None:
        self._recent(address).append(self._clock())
        self._failures.move_to_end(address)
        while len(self._failures) > self._most:  # memory stays bounded whatever an attacker sends
            self._failures.popitem(last=False)

    def _recent(self, address: str) -> deque[datetime]:
        recent = self._failures.setdefault(address, deque())
        cutoff = self._clock() - self._window
        while recent and recent[0] <= cutoff:
            recent.popleft()
        return recent
