"""Who a schedule reaches: everyone, a channel's members, or named people; parsed, described and listed."""

from __future__ import annotations

import re

from handlers.core.context import Ctx
from handlers.core.vocabulary import CoachingError
from prompts.messages import escape, render
from store.models import Member, Schedule

SLACK_CHANNEL = re.compile(r"^<#([A-Z0-9]+)(?:\|([^>]*))?>$")
SLACK_USER = re.compile(r"^<@([A-Z0-9]+)(?:\|[^>]*)?>$")


def parse(ctx: Ctx, words: list[str], example: str) -> tuple[str, list]:
    """`everyone`, one channel (`#icu`, `<#C123|icu>`), or people (`@dr.lee`, `<@U123>`)."""
    if [w.lower() for w in words] == ["everyone"]:
        return "everyone", []
    if len(words) == 1 and (words[0].startswith("#") or SLACK_CHANNEL.match(words[0])):
        return "channel", [_channel(ctx, words[0], example)]
    members = [find_person(ctx, word, example) for word in words]
    return "people", sorted({m.id for m in members})


def _channel(ctx: Ctx, word: str, example: str) -> str:
    match = SLACK_CHANNEL.match(word)
    if match:
        return match.group(1)
    channel_id = ctx.store.members.channel_by_name(ctx.ws_id, word)
    if channel_id is None:
        raise CoachingError(render("err_channel", value=word), example)
    return channel_id


def find_person(ctx: Ctx, word: str, example: str) -> Member:
    """A person named as `@handle` or a Slack mention `<@U123>`."""
    match = SLACK_USER.match(word)
    if match:
        return ctx.store.members.ensure_member(ctx.ws_id, match.group(1), ctx.now)
    if not word.startswith("@"):
        raise CoachingError(render("err_not_person", value=word), example)
    member = ctx.store.members.member_by_handle(ctx.ws_id, word)
    if member is None:
        raise CoachingError(render("err_no_person", value=word), example)
    return member


def describe(ctx: Ctx, schedule: Schedule) -> str:
    if schedule.audience_kind == "everyone":
        return render("audience_everyone")
    if schedule.audience_kind == "channel":
        name = ctx.store.members.channel_name(ctx.ws_id, schedule.audience[0]) if schedule.audience else ""
        return f"#{name}" if name else render("audience_channel", id=schedule.audience[0] if schedule.audience else "?")
    if schedule.audience_kind == "member":
        return render("audience_member")
    members = ctx.store.members.all(ctx.ws_id, schedule.audience)
    names = (f"@{m.handle}" if m.handle else m.display_name or m.user_id for m in members)
    return escape(", ".join(names)) or render("audience_nobody")


def count(ctx: Ctx, schedule: Schedule) -> int:
    """How many people `members_of` names, counted in the database (an audience of 10,000 is not loaded)."""
    if schedule.audience_kind == "everyone":
        return ctx.store.members.count_members(ctx.ws_id)
    if schedule.audience_kind == "channel":
        return ctx.store.members.count_members(
            ctx.ws_id, ctx.store.members.channel_member_ids(ctx.ws_id, schedule.audience[0])
        )
    if schedule.audience_kind == "member":
        return ctx.store.members.count_members(ctx.ws_id, [schedule.owner_member_id])
    return ctx.store.members.count_members(ctx.ws_id, schedule.audience)


def members_of(ctx: Ctx, schedule: Schedule) -> list[Member]:
    """Everyone the schedule's audience names, whatever their pause or stop state."""
    if schedule.audience_kind == "everyone":
        return ctx.store.members.all(ctx.ws_id)
    if schedule.audience_kind == "channel":
        return ctx.store.members.all(ctx.ws_id, ctx.store.members.channel_member_ids(ctx.ws_id, schedule.audience[0]))
    if schedule.audience_kind == "member":
        return ctx.store.members.all(ctx.ws_id, [schedule.owner_member_id])
    return ctx.store.members.all(ctx.ws_id, schedule.audience)
