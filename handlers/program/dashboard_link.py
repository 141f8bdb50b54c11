"""`/nudge dashboard`: a one-time link that signs a program admin in to the web dashboard, said only to them."""

from __future__ import annotations

from datetime import timedelta

from handlers.core.access import require_admin
from handlers.core.context import Ctx
from handlers.core.vocabulary import CoachingError, Reply
from prompts.messages import Safe, render
from store import Store

LINK_LIFETIME = timedelta(minutes=10)
LOGIN_PATH = "/admin/login/"


def link(ctx: Ctx, args: str = "") -> list[Reply]:
    """A link for this admin in this workspace: valid 10 minutes, once; only its hash is stored."""
    require_admin(ctx, "dashboard")
    if not ctx.org.public_url:
        raise CoachingError(render("dashboard_no_url"))
    url = sign_in_link(ctx.store, ctx.org.public_url, ctx.ws_id, ctx.member.id, ctx.now)
    return [Reply(render("dashboard_link", url=Safe(url), minutes=int(LINK_LIFETIME.total_seconds() // 60)))]


def sign_in_link(store: Store, public_url: str, workspace_id: int, member_id: int, now) -> str:
    """MICROCOACH_PUBLIC_URL + /admin/login/TOKEN, for chat and for `microcoach admin-link` alike."""
    token = store.dashboard.issue_sign_in(workspace_id, member_id, now, ttl=LINK_LIFETIME)
    return public_url.rstrip("/") + LOGIN_PATH + token
