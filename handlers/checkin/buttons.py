"""Buttons on a check-in: the pulse, skip today, snooze, pause a week, fewer, another time, start and not now."""

from __future__ import annotations

from datetime import time, timedelta

from handlers.checkin import dialogue as checkin
from handlers.checkin import preferences
from handlers.checkin import settings_form as settings
from handlers.core import dates
from handlers.core.context import Ctx, quiet_hours
from handlers.core.parsing import whole_number
from handlers.core.vocabulary import Reply
from handlers.timing import due as planning
from handlers.timing.recurrence import format_days, in_quiet_hours, parse_days
from prompts.listening import say
from prompts.messages import render

SNOOZE = timedelta(hours=2)
PAUSE_BUTTON = timedelta(days=7)
PULSE_KINDS = ("energy", "burnout")


def pulse(ctx: Ctx, kind: str, value: str) -> list[Reply]:
    """A pulse button: recorded once per check-in, for the latest check-in still within the idle window."""
    score = whole_number(value) or 0
    if kind not in PULSE_KINDS or not 1 <= score <= 5:
        return [Reply(render("already_handled"))]
    conv = ctx.store.checkins.latest_conversation(ctx.ws_id, ctx.member.id)
    if conv is None or ctx.now - conv.started_at >= checkin.IDLE_CLOSE:
        return [Reply(render("no_active_checkin"))]
    if ctx.store.checkins.conversation_pulse(conv.id, kind) is not None:
        return [Reply(render("pulse_already"))]
    ctx.store.checkins.add_pulse(ctx.ws_id, ctx.member.id, kind, score, ctx.now, conversation_id=conv.id)
    if kind == "burnout" and score >= 4:
        return [Reply(render("burnout_high"))]
    return [Reply(render("pulse_noted"))]


def skip(ctx: Ctx) -> list[Reply]:
    conv = checkin.current(ctx)
    if conv is not None:
        ctx.store.checkins.close_conversation(conv.id, "skipped", ctx.now)
    return [Reply(render("skipped_today"))]


def snooze(ctx: Ctx) -> list[Reply]:
    """Ask again in two hours: a snooze row in the outbox for the same occurrence (so only once)."""
    conv = checkin.current(ctx)
    delivery = ctx.store.outbox.delivery(conv.delivery_id) if conv and conv.delivery_id else None
    if delivery is None:
        return [Reply(render("no_active_checkin"))]
    due = ctx.now + SNOOZE
    ctx.store.checkins.close_conversation(conv.id, "snoozed", ctx.now)
    if in_quiet_hours(due, ctx.zone(), *quiet_hours(ctx.member, ctx.workspace)):
        return [Reply(render("snooze_quiet"))]
    ctx.store.outbox.enqueue(
        [
            {
                "workspace_id": ctx.ws_id,
                "schedule_id": delivery.schedule_id,
                "member_id": ctx.member.id,
                "kind": "snooze",
                "occurrence": delivery.occurrence,
                "due_at": due,
                "status": "pending",
                "attempts": 0,
                "outcome_unknown": False,
                "created_at": ctx.now,
            }
        ]
    )
    return [Reply(render("snoozed", time=dates.clock(due.astimezone(ctx.zone()))))]


def pause_week(ctx: Ctx) -> list[Reply]:
    conv = checkin.current(ctx)
    if conv is not None:
        ctx.store.checkins.close_conversation(conv.id, "skipped", ctx.now)
    until = ctx.now + PAUSE_BUTTON
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, paused_until=until)
    return [Reply(render("paused_week", until=dates.day(until.astimezone(ctx.zone()))))]


def start(ctx: Ctx) -> list[Reply]:
    return checkin.start_now(ctx)


def not_now(ctx: Ctx) -> list[Reply]:
    return [Reply(render("offer_declined"))]


def fewer(ctx: Ctx) -> list[Reply]:
    """Fewer check-ins: the same time on about half the days (twice a week from five), as the member's own time."""
    lang = ctx.language
    own = ctx.store.schedules.personal_schedule(ctx.ws_id, ctx.member.id)
    current = own or next(iter(planning.schedules_for(ctx.store, ctx.member)), None)
    if current is None:
        return [Reply(say("fewer_none", language=lang))]
    days = parse_days(current.days)
    if len(days) <= 1:
        return [Reply(say("fewer_already", language=lang))]
    kept = days[::2][:2] if len(days) > 2 else days[:1]
    at = time.fromisoformat(current.local_time)
    preferences.save_personal_time(ctx, at, kept)
    return [
        Reply(
            say(
                "fewer_set",
                language=lang,
                days=format_days(kept),
                time=dates.clock(at),
                next=preferences.next_text(ctx),
            )
        )
    ]


def other_time(ctx: Ctx) -> list[Reply]:
    """A different time: the settings form, where time and days are the first fields."""
    return settings.open_form(ctx)
