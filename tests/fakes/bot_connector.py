"""A local fake of the Bot Connector service (Teams' serviceUrl) for botbuilder's CloudAdapter."""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes._server import FakeServer, TokenBucket, retry_after_header
from tests.fakes.connector_spec import ADAPTIVE_CARD, check, check_activity

logger = logging.getLogger(__name__)

Body = dict[str, Any]

# What Teams answers when the user blocked the bot (msteams-docs, "status codes from bot APIs").
BLOCKED_BY_USER: Body = {
    "error": {"code": "ConversationBlockedByUser", "message": "User blocked the conversation with the bot."}
}
# The proactive-messaging docs' form for a blocked or uninstalled bot: 403 with subCode MessageWritesBlocked.
MESSAGE_WRITES_BLOCKED: Body = {
    "error": {
        "code": "Forbidden",
        "subCode": "MessageWritesBlocked",
        "message": "Bot is not installed in user's personal scope",
    }
}
# Codes of the fake's own making where Teams' exact body is not documented.
_DEFAULT_ERRORS: dict[int, tuple[str, str]] = {
    403: ("ConversationBlockedByUser", "User blocked the conversation with the bot."),
    404: ("ConversationNotFound", "Conversation not found."),
    412: ("PreconditionFailed", "Precondition failed, please try again."),
    429: ("TooManyRequests", "Too many requests."),
    502: ("ServiceError", "Bad gateway."),
    504: ("ServiceError", "Gateway timeout."),
}

_WRITES = frozenset({"create", "send", "reply", "update", "delete"})


@dataclass(frozen=True)
class ConnectorActivity:
    """One write the fake accepted: conversation, operation (send/reply/update/delete), body, id."""

    conversation_id: str
    operation: str
    body: Body
    activity_id: str
    at: float


@dataclass
class _Fault:
    status: int
    body: Body
    retry_after: int | None


@dataclass
class _Conversation:
    id: str
    members: list[Body] = field(default_factory=list)
    tenant_id: str | None = None
    current: dict[str, Body] = field(default_factory=dict)  # activity id -> latest body
    blocked: bool = False


def error_body(status: int, message: str | None = None) -> Body:
    """An ErrorResponse body for this status, as the Connector shapes it."""
    code, default = _DEFAULT_ERRORS.get(status, ("ServiceError", "The service failed."))
    return {"error": {"code": code, "message": message or default}}


class FakeBotConnector(FakeServer):
    """Plays the Bot Connector at `serviceUrl`; `await start()` returns it, ending in `/`."""

    def __init__(self) -> None:
        super().__init__()
        self.activities: list[ConnectorActivity] = []
        self.created: list[Body] = []  # ConversationParameters bodies of CreateConversation
        self.attachments: list[tuple[str, Body]] = []  # (conversation id, AttachmentData)
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (HTTP method, path) of every request
        self._conversations: dict[str, _Conversation] = {}
        self._by_member: dict[tuple[str | None, str], str] = {}
        self._faults: defaultdict[str | None, deque[_Fault]] = defaultdict(deque)
        self._conv_rate: tuple[float, int] | None = None
        self._tenant_rate: tuple[float, int] | None = None
        self._buckets: dict[str, TokenBucket] = {}
        self._last_id_ms = 0
        self._serial = itertools.count(1)

    @property
    def service_url(self) -> str:
        """The `serviceUrl` to put in ConversationReferences: `http://127.0.0.1:PORT/`."""
        return self.root_url

    # -- seeding --------------------------------------------------------------------------------

    def add_conversation(
        self, conversation_id: str, members: list[Body] | None = None, tenant_id: str | None = None
    ) -> None:
        """Seed a conversation with its members (ChannelAccount dicts: id, name, aadObjectId, ...)."""
        conv = self._conversation(conversation_id)
        conv.members = list(members or [])
        conv.tenant_id = tenant_id

    def block(self, conversation_id: str) -> None:
        """The user blocked the bot: every write to this conversation answers 403."""
        self._conversation(conversation_id).blocked = True

    # -- fault injection ------------------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        times: int = 1,
        retry_after: int | None = None,
        body: Body | None = None,
        *,
        conversation_id: str | None = None,
    ) -> None:
        """Answer the next `times` requests (to one conversation, or any) with this status."""
        if status == 429 and retry_after is None:
            retry_after = 1
        for _ in range(times):
            self._faults[conversation_id].append(_Fault(status, body or error_body(status), retry_after))

    def rate_limit(self, per_conversation_per_s: float = 7, per_tenant_per_s: float = 30) -> None:
        """Enforce Teams' published send limits: 429 + Retry-After past them.

        Token buckets, refilled at these rates and holding one second's worth: Teams' longer
        windows (8 per 2 s, 60 per 30 s, 1800 per hour) are not modelled.
        """
        self._conv_rate = (per_conversation_per_s, max(1, int(per_conversation_per_s)))
        self._tenant_rate = (per_tenant_per_s, max(1, int(per_tenant_per_s)))
        self._buckets.clear()

    # -- what happened --------------------------------------------------------------------------

    def sent_to(self, conversation_id: str) -> list[Body]:
        """Bodies of the activities sent or replied into this conversation, in order."""
        return [
            a.body for a in self.activities if a.conversation_id == conversation_id and a.operation in {"send", "reply"}
        ]

    def texts(self, conversation_id: str) -> list[str]:
        return [b["text"] for b in self.sent_to(conversation_id) if b.get("text")]

    def cards(self, conversation_id: str) -> list[Body]:
        """The Adaptive Card contents sent into this conversation, in order."""
        return [
            a.get("content") or {}
            for b in self.sent_to(conversation_id)
            for a in b.get("attachments") or []
            if a.get("contentType") == ADAPTIVE_CARD
        ]

    def updates(self, conversation_id: str) -> list[Body]:
        return [a.body for a in self.activities if a.conversation_id == conversation_id and a.operation == "update"]

    def current(self, conversation_id: str) -> dict[str, Body]:
        """What the conversation shows now: activity id -> latest body, deletions applied."""
        conv = self._conversations.get(conversation_id)
        return dict(conv.current) if conv else {}

    def operations(self, operation: str) -> list[ConnectorActivity]:
        return [a for a in self.activities if a.operation == operation]

    # -- HTTP -----------------------------------------------------------------------------------

    def _add_routes(self, app: web.Application) -> None:
        base = "/v3/conversations/{conversation_id}"
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_get("/v3/conversations", self._list)
        app.router.add_post(f"{base}/activities", self._send)
        app.router.add_post(f"{base}/activities/{{activity_id}}", self._reply)
        app.router.add_put(f"{base}/activities/{{activity_id}}", self._update)
        app.router.add_delete(f"{base}/activities/{{activity_id}}", self._delete)
        app.router.add_get(f"{base}/activities/{{activity_id}}/members", self._members)
        app.router.add_get(f"{base}/members", self._members)
        app.router.add_get(f"{base}/members/{{member_id}}", self._member)
        app.router.add_get(f"{base}/pagedmembers", self._paged_members)
        app.router.add_post(f"{base}/attachments", self._upload_attachment)
        app.router.add_route("*", "/{tail:.*}", self._unknown)

    async def _create(self, request: web.Request) -> web.StreamResponse:
        params = await self._body(request, "ConversationParameters")
        members = params.get("members") or []
        tenant = _tenant(params)
        key = (tenant, members[0].get("id", "")) if len(members) == 1 and not params.get("isGroup") else None
        # Teams keeps one 1:1 conversation per bot and user, so creating it again returns the same id.
        conv_id = self._by_member.get(key) if key else None
        refused = await self._gate(request, conv_id, tenant, "create")
        if refused:
            return refused
        if conv_id is None:
            conv_id = f"a:fake{next(self._serial):06d}"
            if key:
                self._by_member[key] = conv_id
        conv = self._conversation(conv_id)
        conv.members, conv.tenant_id = list(members), tenant
        self.created.append(params)
        body: Body = {"id": conv_id, "serviceUrl": self.root_url}
        if isinstance(params.get("activity"), dict):
            self.violations.extend(check_activity(params["activity"], "parameters.activity"))
            body["activityId"] = self._record(conv_id, "send", params["activity"])
        return web.json_response(body, status=201)

    async def _list(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, None, None, "read")
        if refused:
            return refused
        conversations = [{"id": c.id, "members": c.members} for c in self._conversations.values()]
        return web.json_response({"conversations": conversations, "continuationToken": None})

    async def _send(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "send")

    async def _reply(self, request: web.Request) -> web.StreamResponse:
        return await self._write(request, "reply")

    async def _write(self, request: web.Request, operation: str) -> web.StreamResponse:
        conv_id = request.match_info["conversation_id"]
        activity = await self._activity(request, conv_id)
        refused = await self._gate(request, conv_id, _tenant(activity), operation)
        if refused:
            return refused
        activity_id = self._record(conv_id, operation, activity)
        return web.json_response({"id": activity_id}, status=201)

    async def _update(self, request: web.Request) -> web.StreamResponse:
        conv_id, activity_id = request.match_info["conversation_id"], request.match_info["activity_id"]
        activity = await self._activity(request, conv_id)
        if activity.get("id") not in (None, activity_id):
            self.violations.append(f"update {activity_id}: body id {activity.get('id')!r} differs from the path")
        refused = await self._gate(request, conv_id, _tenant(activity), "update")
        if refused:
            return refused
        if activity_id not in self._conversation(conv_id).current:
            return web.json_response(error_body(404, f"Activity {activity_id} not found."), status=404)
        self._record(conv_id, "update", activity, activity_id)
        return web.json_response({"id": activity_id}, status=200)

    async def _delete(self, request: web.Request) -> web.StreamResponse:
        conv_id, activity_id = request.match_info["conversation_id"], request.match_info["activity_id"]
        refused = await self._gate(request, conv_id, self._conversation(conv_id).tenant_id, "delete")
        if refused:
            return refused
        if activity_id not in self._conversation(conv_id).current:
            return web.json_response(error_body(404, f"Activity {activity_id} not found."), status=404)
        self._record(conv_id, "delete", {}, activity_id)
        # The spec lists 200 and 202 for DELETE; botbuilder raises on anything else, 204 included.
        return web.Response(status=200)

    async def _members(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, request.match_info["conversation_id"], None, "read")
        return refused or web.json_response(self._conversation(request.match_info["conversation_id"]).members)

    async def _member(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, request.match_info["conversation_id"], None, "read")
        if refused:
            return refused
        members = self._conversation(request.match_info["conversation_id"]).members
        for member in members:
            if member.get("id") == request.match_info["member_id"]:
                return web.json_response(member)
        return web.json_response(
            {"error": {"code": "MemberNotFoundInConversation", "message": "Member not found."}}, status=404
        )

    async def _paged_members(self, request: web.Request) -> web.StreamResponse:
        refused = await self._gate(request, request.match_info["conversation_id"], None, "read")
        if refused:
            return refused
        members = self._conversation(request.match_info["conversation_id"]).members
        size = int(request.query.get("pageSize") or 200)
        start = int(request.query.get("continuationToken") or 0)
        token = str(start + size) if start + size < len(members) else None
        return web.json_response({"members": members[start : start + size], "continuationToken": token})

    async def _upload_attachment(self, request: web.Request) -> web.StreamResponse:
        conv_id = request.match_info["conversation_id"]
        data = await self._body(request, "AttachmentData")
        refused = await self._gate(request, conv_id, None, "upload")
        if refused:
            return refused
        self.attachments.append((conv_id, data))
        return web.json_response({"id": f"att-{next(self._serial):06d}"}, status=201)

    async def _unknown(self, request: web.Request) -> web.StreamResponse:
        self.requests.append((request.method, request.path))
        self.violations.append(f"{request.method} {request.path}: not a Connector endpoint the fake knows")
        return web.json_response(error_body(404, "Unknown endpoint."), status=404)

    # -- pipeline -------------------------------------------------------------------------------

    async def _json_object(self, request: web.Request) -> Body:
        try:
            body = json.loads(await request.read() or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            self.violations.append(f"{request.method} {request.path}: body is not a JSON object")
            return {}
        return body

    async def _body(self, request: web.Request, definition: str) -> Body:
        body = await self._json_object(request)
        if body:
            self.violations.extend(check(definition, body, definition[0].lower() + definition[1:]))
        return body

    async def _activity(self, request: web.Request, conv_id: str) -> Body:
        body = await self._json_object(request)
        if not body:
            return body
        self.violations.extend(check_activity(body))
        sent_to = (body.get("conversation") or {}).get("id")
        if sent_to not in (None, conv_id):
            self.violations.append(f"{request.path}: activity.conversation.id {sent_to!r} differs from the path")
        return body

    async def _gate(
        self, request: web.Request, conv_id: str | None, tenant: str | None, operation: str
    ) -> web.StreamResponse | None:
        """Latency, then injected faults, blocks and rate limits; a response means 'refused'."""
        self.requests.append((request.method, request.path))
        await self._pause(self.latency_s)
        fault = self._take_fault(conv_id)
        if fault is not None:
            logger.debug("%s %s: injected fault %s", request.method, request.path, fault.status)
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            return web.json_response(fault.body, status=fault.status, headers=headers)
        if conv_id and operation in _WRITES and self._conversation(conv_id).blocked:
            return web.json_response(BLOCKED_BY_USER, status=403)
        wait_s = self._over_limit(conv_id, tenant) if operation in _WRITES else 0.0
        if wait_s:
            headers = {"Retry-After": retry_after_header(wait_s)}
            return web.json_response(error_body(429), status=429, headers=headers)
        return None

    def _take_fault(self, conv_id: str | None) -> _Fault | None:
        for key in (conv_id, None):
            if self._faults[key]:
                return self._faults[key].popleft()
        return None

    def _over_limit(self, conv_id: str | None, tenant: str | None) -> float:
        waits = []
        if self._conv_rate and conv_id:
            waits.append(self._bucket(f"conversation:{conv_id}", self._conv_rate).take())
        if self._tenant_rate:
            waits.append(self._bucket(f"tenant:{tenant or 'default'}", self._tenant_rate).take())
        return max(waits, default=0.0)

    def _bucket(self, key: str, rate: tuple[float, int]) -> TokenBucket:
        if key not in self._buckets:
            self._buckets[key] = TokenBucket(*rate)
        return self._buckets[key]

    def _conversation(self, conv_id: str) -> _Conversation:
        # The fake cannot know which conversations Teams has, so any id it is sent to exists.
        if conv_id not in self._conversations:
            self._conversations[conv_id] = _Conversation(conv_id)
        return self._conversations[conv_id]

    def _record(self, conv_id: str, operation: str, body: Body, activity_id: str | None = None) -> str:
        activity_id = activity_id or self._next_activity_id()
        current = self._conversation(conv_id).current
        if operation == "delete":
            current.pop(activity_id, None)
        else:
            current[activity_id] = {**body, "id": activity_id}
        self.activities.append(ConnectorActivity(conv_id, operation, body, activity_id, time.time()))
        return activity_id

    def _next_activity_id(self) -> str:
        # Teams' message ids are epoch milliseconds as strings; unique and increasing here.
        self._last_id_ms = max(time.time_ns() // 1_000_000, self._last_id_ms + 1)
        return str(self._last_id_ms)


def _tenant(body: Body) -> str | None:
    """The tenant of an activity or ConversationParameters, wherever the sender put it."""
    conversation = body.get("conversation") or {}
    channel_tenant = ((body.get("channelData") or {}).get("tenant") or {}).get("id")
    return (
        body.get("tenantId")
        or body.get("tenantID")
        or conversation.get("tenantId")
        or conversation.get("tenantID")
        or channel_tenant
    )
