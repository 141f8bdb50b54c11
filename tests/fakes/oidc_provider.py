"""A local OpenID Connect provider for the dashboard's sign-in tests: discovery, authorize, token, keys.

It signs in whoever `person` names (no login screen), issues RS256 ID tokens with joserfc, and checks what a
real provider checks: the client's id and secret, the redirect URI, the one-time code and the PKCE verifier.
Knobs break one thing at a time (audience, nonce, signing key, expiry) so tests can see each refused.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from aiohttp import web
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from tests.fakes._server import FakeServer


@dataclass
class Breakage:
    """One thing the next ID token gets wrong."""

    audience: str | None = None
    nonce: str | None = None
    foreign_key: bool = False
    expired: bool = False


@dataclass
class FakeOidcProvider(FakeServer):
    client_id: str = "client-1"
    client_secret: str = "secret-1"
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    person: dict = field(default_factory=dict)  # claims about whoever signs in next
    breakage: Breakage = field(default_factory=Breakage)
    codes: dict = field(default_factory=dict)
    token_requests: list = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()
        self.key = RSAKey.generate_key(2048, parameters={"kid": "good"})
        self.other_key = RSAKey.generate_key(2048, parameters={"kid": "good"})  # same kid, wrong key

    @property
    def issuer(self) -> str:
        return self.root_url.rstrip("/")

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/.well-known/openid-configuration", self.discovery)
        app.router.add_get("/authorize", self.authorize)
        app.router.add_post("/token", self.token)
        app.router.add_get("/jwks", self.jwks)

    async def discovery(self, request: web.Request) -> web.Response:
        return web.json_response({
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        })  # fmt: skip

    async def authorize(self, request: web.Request) -> web.Response:
        q = request.query
        if q.get("client_id") != self.client_id or q.get("response_type") != "code" or "openid" not in q["scope"]:
            return web.json_response({"error": "invalid_request"}, status=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = dict(q)
        target = f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"
        return web.Response(status=302, headers={"Location": target})

    async def token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.token_requests.append(form)
        asked = self.codes.pop(form.get("code", ""), None)
        if asked is None or (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret):
            return web.json_response({"error": "invalid_grant"}, status=400)
        if form.get("redirect_uri") != asked["redirect_uri"] or not _pkce_ok(asked, form.get("code_verifier", "")):
            return web.json_response({"error": "invalid_grant"}, status=400)
        return web.json_response({"access_token": "at-1", "token_type": "Bearer", "id_token": self._id_token(asked)})

    def _id_token(self, asked: dict) -> str:
        now, wrong = self.clock(), self.breakage
        issued = now - timedelta(hours=2) if wrong.expired else now
        claims = {
            "iss": self.issuer,
            "aud": wrong.audience or self.client_id,
            "iat": int(issued.timestamp()),
            "exp": int((issued + timedelta(minutes=5)).timestamp()),
            "nonce": wrong.nonce or asked.get("nonce"),
            **self.person,
        }
        key = self.other_key if wrong.foreign_key else self.key
        return jwt.encode({"alg": "RS256", "kid": "good"}, claims, key)

    async def jwks(self, request: web.Request) -> web.Response:
        return web.json_response(KeySet([self.key]).as_dict(private=False))


def _pkce_ok(asked: dict, verifier: str) -> bool:
    if "code_challenge" not in asked:
        return True
    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return asked.get("code_challenge_method") == "S256" and digest == asked["code_challenge"]
