"""A member shaping their own check-ins: time, pause, resume, stop, quiet hours, shifts, timing, themes."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.core import dates
from handlers.core.context import Ctx, quiet_hours
from handlers.core.parsing import parse_date, parse_duration, split_args
from handlers.core.vocabulary import CoachingError, Reply
from handlers.timing import due as planning
from handlers.timing.recurrence import (
    format_days,
    format_shift,
    in_quiet_hours,
    local_moment,
    parse_days,
    parse_quiet,
    parse_shift,
    parse_time,
    parse_zone,
)
from prompts.library import load_library
from prompts.messages import render

PAUSE_DEFAULT = "7d"


def when(ctx: Ctx, moment: datetime | None) -> str:
    """A moment as the member reads it, in their zone."""
    if moment is None:
        return render("none_scheduled")
    return dates.day_time(moment.astimezone(ctx.zone()))


def next_text(ctx: Ctx) -> str:
    ctx = ctx.refreshed()
    return when(ctx, planning.next_checkin(ctx.store, ctx.workspace, ctx.member, ctx.now))


def set_time(ctx: Ctx, args: str) -> list[Reply]:
    example = "/checkin time 07:30 mon,wed,fri"
    words = split_args(args, example)
    if not words:
        raise CoachingError(render("err_time_needed"), example)
    if words[0].lower() == "default":
        own = ctx.store.schedules.personal_schedule(ctx.ws_id, ctx.member.id)
        if own is not None:
            ctx.store.schedules.update_schedule(ctx.ws_id, own.id, status="deleted")
        return [Reply(render("time_default"))]
    at = parse_time(words[0], example=example)
    rest = words[1:]
    chosen_zone = None
    if rest and _looks_like_zone(rest[-1]):
        # `/checkin time 07:30 mon,wed America/Chicago`: the zone is the last word, as in `/nudge add`.
        chosen_zone = parse_zone(rest.pop(), example="/checkin time 07:30 weekdays America/Chicago")
    days = parse_days(",".join(rest), example=example) if rest else parse_days("weekdays")
    refuse_quiet_time(ctx, at, *quiet_hours(ctx.member, ctx.workspace), example, zone=chosen_zone)
    if chosen_zone is not None:
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, timezone=chosen_zone.key, zone_chosen=True)
        ctx = ctx.refreshed()
    save_personal_time(ctx, at, days)
    return [
        Reply(
            render(
                "time_set",
                time=at.strftime("%H:%M"),
                days=format_days(days),
                zone=ctx.zone().key,
                next=next_text(ctx),
            )
        )
    ]


def _looks_like_zone(word: str) -> bool:
    """Zone names have a slash (Europe/London) or are one of the few bare ones people type."""
    return "/" in word or word.upper() in {"UTC", "GMT"}


def refuse_quiet_time(
    ctx: Ctx, at: time, quiet_start: time, quiet_end: time, example: str, *, zone: ZoneInfo | None = None
) -> None:
    """A check-in time inside the quiet hours would never arrive: say so rather than save it."""
    zone = zone or ctx.zone()
    moment = local_moment(ctx.now.astimezone(zone).date(), at, zone)
    if in_quiet_hours(moment, zone, quiet_start, quiet_end):
        window = f"{quiet_start:%H:%M}-{quiet_end:%H:%M}"
        raise CoachingError(render("err_time_in_quiet", time=f"{at:%H:%M}", window=window), example)


def save_personal_time(ctx: Ctx, at: time, days: tuple[str, ...]) -> None:
    fields = {"days": ",".join(days), "local_time": at.strftime("%H:%M"), "status": "active"}
    own = ctx.store.schedules.personal_schedule(ctx.ws_id, ctx.member.id)
    if own is None:
        ctx.store.schedules.add_schedule(
            ctx.ws_id,
            ctx.now,
            name="my check-ins",
            timezone=None,
            audience_kind="member",
            audience=[],
            theme=None,
            owner_member_id=ctx.member.id,
            **fields,
        )
    else:
        ctx.store.schedules.update_schedule(ctx.ws_id, own.id, ctx.now, **fields)


def pause(ctx: Ctx, args: str) -> list[Reply]:
    example = "/checkin pause 7d  or  /checkin pause until 2026-12-24"
    words = split_args(args, example) or [PAUSE_DEFAULT]
    if words[0].lower() in ("until", "hasta"):
        if len(words) < 2:
            raise CoachingError(render("err_pause_date_needed"), example)
        day = parse_date(words[1], example)
        until = local_moment(day, time(0, 0), ctx.zone())
        if until <= ctx.now:
            raise CoachingError(render("err_pause_begun", date=words[1]), example)
        if until - ctx.now > timedelta(days=366):
            raise CoachingError(render("err_pause_year"), example)
    else:
        until = ctx.now + parse_duration(words[0], example)
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, paused_until=until, status="active")
    return [Reply(render("paused_until", until=when(ctx, until)))]


def resume(ctx: Ctx, args: str = "") -> list[Reply]:
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, paused_until=None, status="active")
    return [Reply(render("resumed", next=next_text(ctx)))]


def stop(ctx: Ctx, args: str = "") -> list[Reply]:
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, status="stopped")
    conv = ctx.store.checkins.current_conversation(ctx.ws_id, ctx.member.id)
    if conv is not None:
        ctx.store.checkins.close_conversation(conv.id, "stopped", ctx.now)
    return [Reply(render("stopped"))]


def quiet(ctx: Ctx, args: str) -> list[Reply]:
    example = "/checkin quiet 21:00-07:00"
    text = args.strip()
    if text.lower() == "default":
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, quiet_start=None, quiet_end=None)
    else:
        start, end = parse_quiet(text, example=example)
        ctx.store.members.update_member(
            ctx.ws_id, ctx.member.id, quiet_start=start.strftime("%H:%M"), quiet_end=end.strftime("%H:%M")
        )
    start, end = quiet_hours(ctx.refreshed().member, ctx.workspace)
    return [Reply(render("quiet_set", start=start.strftime("%H:%M"), end=end.strftime("%H:%M"), zone=ctx.zone().key))]


def shifts(ctx: Ctx, args: str) -> list[Reply]:
    example = "/checkin shifts 19:00-07:00 mon,tue,wed; 07:00-19:00 sat"
    text = args.strip()
    if text.lower() in ("off", "none", "clear"):
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, shifts=[], timing="clock")
        return [Reply(render("shifts_cleared"))]
    if not text:
        raise CoachingError(render("err_shifts_needed"), example)
    parsed = [parse_shift(part.strip(), example=example) for part in text.split(";") if part.strip()]
    stored = [
        {"start": s.start.strftime("%H:%M"), "end": s.end.strftime("%H:%M"), "days": list(s.days)} for s in parsed
    ]
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, shifts=stored)
    replies = [Reply(render("shifts_set", shifts="; ".join(format_shift(s) for s in parsed)))]
    if ctx.member.timing == "after-shift":
        replies += _quiet_warnings(ctx.refreshed())
    return replies


def parse_timing(ctx: Ctx, text: str, example: str) -> str:
    """`clock` or `after-shift`; after-shift only for someone who has told me their shifts."""
    choice = text.strip().lower().replace(" ", "-")
    if choice not in ("after-shift", "clock"):
        raise CoachingError(render("err_timing_choice"), example)
    if choice == "after-shift" and not ctx.member.shifts:
        raise CoachingError(render("err_timing_shifts_first"), "/checkin shifts 19:00-07:00 mon,tue,wed")
    return choice


def timing(ctx: Ctx, args: str) -> list[Reply]:
    choice = parse_timing(ctx, args, "/checkin timing after-shift")
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, timing=choice)
    said = render("timing_after_shift" if choice == "after-shift" else "timing_clock")
    return [Reply(render("timing_set", timing=said)), *_quiet_warnings(ctx.refreshed())]


def _quiet_warnings(ctx: Ctx) -> list[Reply]:
    """Tell the member when an after-shift check-in would land in their quiet hours (and be skipped)."""
    if ctx.member.timing != "after-shift":
        return []
    quiet_start, quiet_end = quiet_hours(ctx.member, ctx.workspace)
    warnings = []
    for shift in planning.member_shifts(ctx.member):
        base = datetime.combine(ctx.local_now().date(), shift.end, tzinfo=ctx.zone())
        send = base + timedelta(minutes=30)
        if in_quiet_hours(send, ctx.zone(), quiet_start, quiet_end):
            warnings.append(
                Reply(
                    render(
                        "timing_quiet_warning",
                        shift=format_shift(shift),
                        end=shift.end.strftime("%H:%M"),
                        send=send.strftime("%H:%M"),
                    )
                )
            )
    return warnings


def themes(ctx: Ctx, args: str) -> list[Reply]:
    library = load_library(language=ctx.language)
    example = f"/checkin themes {','.join(list(library.themes)[:2])}"
    wanted = [t.strip().lower() for t in args.replace(" ", ",").split(",") if t.strip()]
    if not wanted:
        raise CoachingError(render("err_themes_needed", themes=", ".join(library.themes)), example)
    if wanted == ["all"]:
        wanted = []
    unknown = [t for t in wanted if t not in library.themes]
    if unknown:
        raise CoachingError(render("err_theme_unknown", theme=unknown[0], themes=", ".join(library.themes)), example)
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, themes=wanted)
    return [Reply(render("themes_set", themes=", ".join(wanted) or render("all_themes")))]


def zone(ctx: Ctx, args: str) -> list[Reply]:
    example = "/checkin zone America/Chicago"
    if not args.strip():
        raise CoachingError(render("err_zone_needed", zone=ctx.zone().key), example)
    if args.strip().lower() in ("auto", "default"):
        # The platform's zone takes over again at its next report (a Teams message, Slack's profile sync).
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, zone_chosen=False)
        return [Reply(render("zone_auto", zone=ctx.zone().key))]
    chosen = parse_zone(args.strip(), example=example)
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, timezone=chosen.key, zone_chosen=True)
    return [Reply(render("zone_set", zone=chosen.key))]
