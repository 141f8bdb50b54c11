"""Running chat's own handlers for a dashboard request: the same context, the safety net first, the same errors."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from aiohttp import web

from bot.console_view import plain
from bot.dashboard.auth import Admin
from bot.dashboard.state import DASHBOARD
from handlers.core.context import Ctx
from handlers.core.vocabulary import CoachingError, Incoming, Reply
from handlers.dispatch import context_for, safety_reply
from scheduler.notify import notify

FORM_ACTION = "dashboard"


@dataclass
class Outcome:
    """What a change came to: its result, a problem to show (nothing saved), or the safety net's reply."""

    result: Any = None
    problem: CoachingError | None = None
    risk: list[Reply] = field(default_factory=list)


def context(request: web.Request, admin: Admin, values: dict | None = None) -> Ctx:
    """The handlers' context for this admin; `values` are the form's text, which the safety net reads."""
    dash = request.app[DASHBOARD]
    incoming = Incoming(admin.actor(), "form", action=FORM_ACTION, values=MappingProxyType(dict(values or {})))
    return context_for(incoming, dash.store, dash.now(), org=dash.services.settings.org)


async def read(request: web.Request, admin: Admin, gather: Callable[[Ctx], Any]) -> Any:
    """Gather a page's data with the handlers, off the event loop, in one transaction (dozens of small reads)."""
    store = request.app[DASHBOARD].store

    def run() -> Any:
        with store.together():
            return gather(context(request, admin))

    return await asyncio.to_thread(run)


async def act(request: web.Request, admin: Admin, values: dict, change: Callable[[Ctx], Any]) -> Outcome:
    """Make a change through the handlers, after the safety net has read every text field, as chat does."""

    def run() -> Outcome:
        with request.app[DASHBOARD].store.together():  # one transaction: a rejected change leaves nothing behind
            ctx = context(request, admin, values)
            risk = safety_reply(ctx)
            if risk:
                return Outcome(risk=risk)
            try:
                return Outcome(result=change(ctx))
            except CoachingError as problem:
                return Outcome(problem=problem)

    return await asyncio.to_thread(run)


async def deliver_others(request: web.Request, admin: Admin, replies: list[Reply]) -> None:
    """Replies meant for someone else (a coach's next offer) go out as chat would send them."""
    dash = request.app[DASHBOARD]
    for reply in replies:
        if reply.to is not None and reply.to != admin.member.user_id:
            await notify(dash.store, dash.services.senders, admin.workspace, reply)


def reply_text(replies: list[Reply]) -> str:
    """Chat replies as plain text for a notice on the page (chat markup removed; the template escapes it)."""
    return "\n".join(plain(reply.text) for reply in replies if reply.to is None)


def text_fields(form) -> dict[str, str]:
    """A posted form's fields as plain strings, without the CSRF token (which is no one's words)."""
    return {key: str(value) for key, value in form.items() if key != "csrf" and isinstance(value, str)}
