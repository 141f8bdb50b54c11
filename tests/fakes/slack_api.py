"""A local fake of https://slack.com/api/ for the Web API methods microcoach uses, with fault injection."""

from __future__ import annotations

import base64
import itertools
import json
import logging
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes._server import FakeServer, TokenBucket, retry_after_header
from tests.fakes.slack_methods import METHODS
from tests.fakes.slack_params import Params
from tests.fakes.slack_spec import check_call
from tests.fakes.slack_state import Conversation, SlackError, UploadedFile, Workspace
from tests.fakes.slack_surfaces import files_get_upload_url_external

logger = logging.getLogger(__name__)

Body = dict[str, Any]

# Methods a client calls without a bot or user token (oauth.v2.access uses the client id and secret).
_TOKENLESS = frozenset({"oauth.v2.access", "oauth.access", "api.test"})
_OAUTH_SCOPE = "chat:write,commands,im:history,im:write,users:read,channels:read,files:write"


@dataclass(frozen=True)
class Call:
    """One request as the fake saw it: method, params (token removed), arrival time, outcome."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    error: str | None = None
    connection: Any = None  # the client's address and port: calls on one kept-alive connection share it


@dataclass
class _Fault:
    status: int
    error: str
    retry_after: int | None = None
    drop: bool = False  # handle the call, then drop the connection unanswered (a lost response)


def delivery_id(message: Body) -> Hashable | None:
    """microcoach's delivery id in message metadata: `metadata.event_payload.delivery_id`."""
    return ((message.get("metadata") or {}).get("event_payload") or {}).get("delivery_id")


class FakeSlackAPI(FakeServer):
    """Plays slack.com/api/ on 127.0.0.1; `await start()` returns slack_sdk's `base_url`."""

    def __init__(
        self,
        *,
        team_id: str = "T0001",
        bot_user_id: str = "UBOT",
        bot_id: str = "B0001",
        app_id: str = "A0001",
        tokens: Iterable[str] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = Workspace(team_id, bot_user_id, bot_id, app_id)
        # None: any xoxb-/xoxp- token is good for this team; otherwise only the listed ones.
        self._tokens: dict[str, str] | None = None if tokens is None else dict.fromkeys(tokens, team_id)
        self._revoked: set[str] = set()
        self._oauth_codes: dict[str, str] = {}
        self._issued = itertools.count(1)
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self._limits: dict[str, tuple[float, int]] = {}
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._faults: defaultdict[str, deque[_Fault]] = defaultdict(deque)

    # -- seeding --------------------------------------------------------------------------------

    @property
    def team_id(self) -> str:
        return self.workspace.team_id

    @property
    def bot_user_id(self) -> str:
        return self.workspace.bot_user_id

    @property
    def bot_id(self) -> str:
        return self.workspace.bot_id

    def add_user(self, user_id: str, name: str, **profile: Any) -> Body:
        """Seed a member, shaped like Slack's user object; returns it (options as `Workspace.add_user`)."""
        return self.workspace.add_user(user_id, name, **profile)

    def add_channel(self, channel_id: str, name: str, members: list[str]) -> Conversation:
        """Seed a public channel and its members."""
        return self.workspace.add_channel(channel_id, name, members)

    def add_token(self, token: str, team_id: str | None = None) -> None:
        """Accept this token (and, once any is added, only the added ones)."""
        if self._tokens is None:
            self._tokens = {}
        self._tokens[token] = team_id or self.team_id

    def revoke_token(self, token: str) -> None:
        """Calls with this token answer `token_revoked`."""
        self._revoked.add(token)

    def add_oauth_code(self, code: str, installer_user_id: str = "UINSTALLER") -> None:
        """Make oauth.v2.access accept this code once, as installed by this member."""
        self._oauth_codes[code] = installer_user_id

    # -- fault injection ------------------------------------------------------------------------

    def rate_limit(self, method: str, per_second: float, burst: int = 1) -> None:
        """Answer 429 + Retry-After past `per_second` calls of `method` per team (token bucket)."""
        TokenBucket(per_second, burst)  # validates the numbers now rather than on the first call
        self._limits[method] = (per_second, burst)
        self._buckets = {k: b for k, b in self._buckets.items() if k[0] != method}

    def fail_next(
        self,
        method: str,
        status: int | None = None,
        *,
        error: str | None = None,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """Fail the next `times` calls of `method` ("*" for any).

        With only `status`: that HTTP status and `internal_error` (`ratelimited` for 429, with
        Retry-After). With `error`: HTTP 200 (or `status`) and `{"ok": false, "error": error}`.
        """
        if error is None:
            status = status or 500
            error = "ratelimited" if status == 429 else "internal_error"
            if status == 429 and retry_after is None:
                retry_after = 1
        for _ in range(times):
            self._faults[method].append(_Fault(status or 200, error, retry_after))

    def lose_response(self, method: str, times: int = 1) -> None:
        """Carry out the next call(s), then close the connection unanswered: the client sees a disconnect
        at once, with the message already out (what a timeout shows, without waiting one out)."""
        for _ in range(times):
            self._faults[method].append(_Fault(200, "", drop=True))

    # -- what happened --------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def messages(self, channel_or_user: str) -> list[Body]:
        """Messages in a conversation (a member id means their IM), oldest first, incl. thread replies."""
        conv_id = self.workspace.dm_id(channel_or_user) or channel_or_user
        conv = self.workspace.conversations.get(conv_id)
        return [{**m, "channel": conv_id} for m in conv.history] if conv else []

    def all_messages(self) -> list[Body]:
        return [{**m, "channel": c.id} for c in self.workspace.conversations.values() for m in c.history]

    def posted_count(self) -> int:
        """Messages stored in any conversation (posts and file shares)."""
        return sum(len(c.history) for c in self.workspace.conversations.values())

    def duplicates(self, key_fn: Callable[[Body], Hashable | None] = delivery_id) -> int:
        """How many stored messages repeat an earlier one's key (default: the metadata delivery id)."""
        counts = Counter(k for k in map(key_fn, self.all_messages()) if k is not None)
        return sum(n - 1 for n in counts.values())

    def views_published(self, user: str) -> list[Body]:
        return list(self.workspace.published.get(user, []))

    @property
    def files(self) -> list[UploadedFile]:
        return list(self.workspace.files)

    @property
    def ephemerals(self) -> list[Body]:
        return list(self.workspace.ephemerals)

    def status_count(self, status: int, method: str | None = None) -> int:
        """Calls answered with this HTTP status, e.g. how many 429s a run drew."""
        return sum(1 for c in self.calls if c.status == status and method in (None, c.method))

    # -- HTTP -----------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """slack_sdk's `base_url` for this fake: `http://127.0.0.1:PORT/api/`."""
        return f"{self.root_url}api/"

    def _url(self) -> str:
        return self.base_url

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/{method}", self._handle)
        app.router.add_post("/upload/v1/{file_id}", self._upload)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        at = time.time()
        try:
            params, as_json, body_token = await _read_params(request)
        except SlackError as exc:
            self.calls.append(Call(method, {}, at, 200, exc.error))
            return web.json_response({"ok": False, "error": exc.error})
        token = _bearer(request) or params.pop("token", None)
        self.violations.extend(check_call(method, params, as_json=as_json))
        if body_token is not None:
            self.violations.append(f"{method}: token in a JSON body is ignored by Slack; send it as a header")
        await self._pause(self.latency_s)
        status, body, headers, drop = self._answer(method, params, token, request)
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.calls.append(Call(method, params, at, status, None if body.get("ok") else body.get("error"), peer))
        if drop and request.transport is not None:
            request.transport.close()  # the call is carried out; its answer never arrives
        return web.json_response(body, status=status, headers=headers)

    def _answer(
        self, method: str, params: dict[str, Any], token: str | None, request: web.Request
    ) -> tuple[int, Body, dict[str, str], bool]:
        try:
            team = self._authorize(method, token)
        except SlackError as exc:
            return 200, {"ok": False, "error": exc.error}, {}, False
        wait_s = self._over_limit(method, team)
        if wait_s:
            logger.debug("%s: rate limited for team %s, %.3fs to the next token", method, team, wait_s)
            headers = {"Retry-After": retry_after_header(wait_s)}
            return 429, {"ok": False, "error": "ratelimited"}, headers, False
        fault = self._take_fault(method)
        if fault is not None:
            logger.debug("%s: injected fault %s %s", method, fault.status, fault.error or "(lost response)")
        if fault is not None and not fault.drop:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return fault.status, {"ok": False, "error": fault.error}, headers, False
        return 200, self._dispatch(method, params, request), {}, fault is not None and fault.drop

    def _authorize(self, method: str, token: str | None) -> str:
        if method in _TOKENLESS:
            return self.team_id
        if not token:
            raise SlackError("not_authed")
        if token in self._revoked:
            raise SlackError("token_revoked")
        if self._tokens is None:
            if token.startswith(("xoxb-", "xoxp-")):
                return self.team_id
            raise SlackError("invalid_auth")
        if token not in self._tokens:
            raise SlackError("invalid_auth")
        return self._tokens[token]

    def _over_limit(self, method: str, team: str) -> float:
        if method not in self._limits:
            return 0.0
        bucket = self._buckets.get((method, team))
        if bucket is None:
            bucket = self._buckets[(method, team)] = TokenBucket(*self._limits[method])
        return bucket.take()

    def _take_fault(self, method: str) -> _Fault | None:
        for key in (method, "*"):
            if self._faults[key]:
                return self._faults[key].popleft()
        return None

    def _dispatch(self, method: str, params: dict[str, Any], request: web.Request) -> Body:
        p = Params(params)
        try:
            if method == "oauth.v2.access":
                return self._oauth_v2_access(p, request)
            if method == "files.getUploadURLExternal":
                return files_get_upload_url_external(self.workspace, p, self.root_url)
            handler = METHODS.get(method)
            return handler(self.workspace, p) if handler else {"ok": True}
        except SlackError as exc:
            return {"ok": False, "error": exc.error, **exc.extra}

    def _oauth_v2_access(self, p: Params, request: web.Request) -> Body:
        client_id, _secret = _basic_auth(request) or (p.text("client_id"), p.text("client_secret"))
        if not client_id:
            raise SlackError("invalid_client_id")
        installer = self._oauth_codes.pop(p.required("code", "invalid_code"), None)
        if installer is None:
            raise SlackError("invalid_code")
        token = f"xoxb-{self.team_id}-{next(self._issued)}"
        if self._tokens is not None:
            self._tokens[token] = self.team_id
        return {
            "ok": True,
            "app_id": self.workspace.app_id,
            "authed_user": {"id": installer},
            "scope": _OAUTH_SCOPE,
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": self.bot_user_id,
            "team": {"id": self.team_id, "name": self.workspace.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        """The upload URL from files.getUploadURLExternal: raw bytes or a multipart `file` field."""
        pending = self.workspace.pending_uploads.get(request.match_info["file_id"])
        if pending is None:
            return web.Response(status=404, text="file not found")
        content = await _upload_bytes(request)
        if len(content) != pending["length"]:
            self.violations.append(
                f"upload of {pending['filename']!r}: {len(content)} bytes, but {pending['length']} declared"
            )
        pending["content"] = content
        return web.Response(text=f"OK - {len(content)}")


async def _read_params(request: web.Request) -> tuple[dict[str, Any], bool, str | None]:
    """Query and body params merged; whether the body was JSON; a token found in a JSON body."""
    params: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return params, False, None
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.read())
        except ValueError:
            raise SlackError("invalid_json") from None
        if not isinstance(body, dict):
            raise SlackError("json_not_object")
        body_token = body.pop("token", None)
        return {**params, **body}, True, body_token
    form = await request.post()
    params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params, False, None


def _bearer(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return (value.strip() or None) if scheme.lower() == "bearer" else None


def _basic_auth(request: web.Request) -> tuple[str, str] | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    user, _, password = base64.b64decode(value).decode().partition(":")
    return user, password


async def _upload_bytes(request: web.Request) -> bytes:
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        field = form.get("file") or form.get("filename")
        return field.file.read() if hasattr(field, "file") else str(field or "").encode()
    return await request.read()
