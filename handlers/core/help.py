"""The welcome a member gets once, and help tailored to who is asking."""

from __future__ import annotations

from handlers.core.context import Ctx
from handlers.core.vocabulary import Reply
from prompts.library import load_library
from prompts.messages import render


def welcome(ctx: Ctx) -> list[Reply]:
    """The welcome, the first time we hear from someone (what this is, what is kept, who sees what)."""
    if ctx.member.welcomed or not ctx.store.members.claim_welcome(ctx.ws_id, ctx.member.id):
        return []
    return [welcome_reply(ctx.name, ctx.setting("retention_days"))]


def welcome_reply(name: str, retention_days: int, language: str | None = None) -> Reply:
    return Reply(render("welcome", language=language, name=name, retention_days=retention_days))


def help_reply(ctx: Ctx) -> Reply:
    parts = [
        render("help_checkin", themes=", ".join(load_library(language=ctx.language).themes)),
        render("help_request"),
        render("help_data"),
    ]
    if ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id) is not None:
        parts.append(render("help_coach"))
    if ctx.is_admin:
        parts.append(render("help_admin"))
    return Reply("\n".join(parts))
