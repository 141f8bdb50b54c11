"""Optional sign-in with OpenID Connect: "Sign in with Slack" and Microsoft Entra ID (authlib's ID-token checks).

The person must be a program admin of the workspace the provider names (Slack team, Entra tenant), by the same
rule as in chat. State, nonce and the PKCE verifier are kept as a one-time token in the store, tied to the
browser by a cookie, so a callback works once, within 10 minutes, in the browser that started it.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

import aiohttp
from aiohttp import web
from authlib.common.urls import add_params_to_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from bot.config import OidcProvider
from bot.dashboard.auth import refusal
from bot.dashboard.login import limited, signed_in
from bot.dashboard.state import DASHBOARD, Dashboard

logger = logging.getLogger(__name__)

STATE_COOKIE = "mc_oidc"
STATE_LIFETIME = timedelta(minutes=10)
LEEWAY_S = 120
LABELS = {"slack": "Sign in with Slack", "entra": "Sign in with Microsoft"}


class SignInFailed(Exception):
    """The provider's answer does not sign anyone in (the reason is logged, never shown in detail)."""


@dataclass
class Provider:
    """One configured provider, with its discovery document and keys fetched once."""

    config: OidcProvider
    metadata: dict = field(default_factory=dict)
    keys: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.config.name

    async def discover(self, http: aiohttp.ClientSession) -> dict:
        if not self.metadata:
            found = await _json(http.get(self.config.issuer + "/.well-known/openid-configuration"))
            if found.get("issuer") != self.config.issuer:  # OpenID Connect Discovery 1.0, section 4.3
                raise SignInFailed(f"discovery issuer {found.get('issuer')!r} is not the configured one")
            self.metadata = found
        return self.metadata

    async def key_set(self, http: aiohttp.ClientSession) -> KeySet:
        if not self.keys:
            self.keys = await _json(http.get((await self.discover(http))["jwks_uri"]))
        return KeySet.import_key_set(self.keys)


async def _json(call) -> dict:
    async with call as response:
        if response.status != 200:
            raise SignInFailed(f"provider answered {response.status}")
        return await response.json(content_type=None)


def routes(app: web.Application) -> None:
    app.router.add_get(r"/admin/oidc/{provider:slack|entra}", start)
    app.router.add_get(r"/admin/oidc/{provider:slack|entra}/callback", callback)


def redirect_uri(dash: Dashboard, name: str) -> str:
    return f"{dash.services.settings.public_url}/admin/oidc/{name}/callback"


async def start(request: web.Request) -> web.StreamResponse:
    """Off to the provider, with a fresh state, nonce and PKCE challenge."""
    if (blocked := limited(request)) is not None:
        return blocked
    dash, provider = _provider(request)
    metadata = await provider.discover(dash.http())
    nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    data = {"provider": provider.name, "nonce": nonce, "verifier": verifier}
    state = await asyncio.to_thread(
        dash.store.dashboard.issue_sign_in, None, None, dash.now(), ttl=STATE_LIFETIME, kind="oidc", data=data
    )
    params = {"response_type": "code", "client_id": provider.config.client_id, "scope": "openid profile",
              "redirect_uri": redirect_uri(dash, provider.name), "state": state, "nonce": nonce}  # fmt: skip
    if "S256" in metadata.get("code_challenge_methods_supported", []):
        params.update(code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
    location = add_params_to_uri(metadata["authorization_endpoint"], params)
    response = web.Response(status=302, headers={"Location": location})
    response.set_cookie(STATE_COOKIE, state, max_age=int(STATE_LIFETIME.total_seconds()), path="/admin/oidc",
                        httponly=True, secure=dash.secure, samesite="Lax")  # fmt: skip
    return response


async def callback(request: web.Request) -> web.StreamResponse:
    """Back from the provider: check everything, find the admin, start a session (or say plainly why not)."""
    if (blocked := limited(request)) is not None:
        return blocked
    dash, provider = _provider(request)
    try:
        workspace_id, member_id = await _identify(request, dash, provider)
    except (SignInFailed, JoseError, aiohttp.ClientError, KeyError, ValueError) as problem:
        dash.limiter.failed(request.remote or "")
        logger.warning("OpenID Connect sign-in with %s refused: %s", provider.name, type(problem).__name__)
        logger.debug("OpenID Connect refusal detail: %s", problem)
        return refusal(request, 403, "oidc-refused")
    response = await signed_in(request, workspace_id, member_id, provider.name)
    response.del_cookie(STATE_COOKIE, path="/admin/oidc")
    return response


def _provider(request: web.Request) -> tuple[Dashboard, Provider]:
    dash = request.app[DASHBOARD]
    provider = dash.oidc.get(request.match_info["provider"])
    if provider is None:
        raise web.HTTPNotFound(text="That sign-in is not set up here.")
    return dash, provider


async def _identify(request: web.Request, dash: Dashboard, provider: Provider) -> tuple[int, int]:
    state, cookie = request.query.get("state", ""), request.cookies.get(STATE_COOKIE, "")
    if not state or not hmac.compare_digest(state.encode(), cookie.encode()):
        raise SignInFailed("state does not match this browser's")
    if "code" not in request.query:
        raise SignInFailed(f"no code: {request.query.get('error', 'none given')}")
    kept = await asyncio.to_thread(dash.store.dashboard.use_sign_in, state, "oidc", dash.now())
    if kept is None or kept.data.get("provider") != provider.name:
        raise SignInFailed("state unknown, used or expired")
    claims = await _claims(dash, provider, request.query["code"], kept.data)
    found = await asyncio.to_thread(_member, dash, provider.name, claims)
    if found is None:
        raise SignInFailed("no such member in a known workspace")
    return found


async def _claims(dash: Dashboard, provider: Provider, code: str, kept: dict) -> dict:
    """Exchange the code, then check the ID token's signature, issuer, audience, times and nonce."""
    http = dash.http()
    metadata = await provider.discover(http)
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri(dash, provider.name),
            "client_id": provider.config.client_id, "client_secret": provider.config.client_secret,
            "code_verifier": kept["verifier"]}  # fmt: skip
    answer = await _json(http.post(metadata["token_endpoint"], data=form))
    if answer.get("ok") is False or "id_token" not in answer:  # Slack answers 200 with ok: false
        raise SignInFailed(f"token endpoint: {answer.get('error', 'no id_token')}")
    algorithms = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    token = jwt.decode(answer["id_token"], await provider.key_set(http), algorithms=algorithms)
    params = {"nonce": kept["nonce"], "client_id": provider.config.client_id}
    if "access_token" in answer:
        params["access_token"] = answer["access_token"]
    options = {"iss": {"essential": True, "value": provider.config.issuer},
               "aud": {"essential": True, "value": provider.config.client_id}}  # fmt: skip
    claims = CodeIDToken(token.claims, token.header, options, params)
    claims.validate(now=int(dash.now().timestamp()), leeway=LEEWAY_S)
    return dict(claims)


def _member(dash: Dashboard, provider: str, claims: dict) -> tuple[int, int] | None:
    """The workspace and member the provider vouches for: Slack's team and user, or Entra's tenant and object id."""
    if provider == "slack":
        platform, place, person = "slack", claims["https://slack.com/team_id"], claims["https://slack.com/user_id"]
    else:
        platform, place, person = "teams", claims["tid"], claims["oid"]
    workspace = dash.store.members.find_workspace(platform, str(place))
    member = dash.store.dashboard.member_by_any_id(workspace.id, str(person)) if workspace else None
    return (workspace.id, member.id) if member else None
