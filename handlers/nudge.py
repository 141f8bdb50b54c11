"""Admins' nudge schedules: add, list, preview, pause, resume, delete (every change audited)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from handlers import audience, dashboard, report, schedule_fields, workspace_settings
from handlers.admin import audit, require_admin
from handlers.args import parse_duration, split_args, split_options, whole_number
from handlers.context import Ctx
from handlers.messages import CoachingError, Form, FormField, Option, Reply
from handlers.schedule_fields import ADD_EXAMPLE, ScheduleFields
from handlers.schedules import DAYS, format_days, next_occurrences, parse_days, parse_time, parse_zone
from handlers.zones import zone_options
from prompts.library import load_library
from prompts.messages import escape, render
from store.models import Schedule

FORM_ID = "nudge.add"


def add(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "add")
    if not args.strip():
        return [_form_reply(ctx)]
    plain, options = split_options(split_args(args, ADD_EXAMPLE))
    if len(plain) < 2:
        raise CoachingError("A schedule needs days and a time.", ADD_EXAMPLE)
    unknown = sorted(set(options) - {"theme", "name"})
    if unknown:
        raise CoachingError(f"'{unknown[0]}=' is not an option here. Options: theme=, name=.", ADD_EXAMPLE)
    days = parse_days(plain[0], example=ADD_EXAMPLE)
    at = parse_time(plain[1], example=ADD_EXAMPLE)
    rest = plain[2:]
    zone = None
    if rest and rest[0].lower() != "to":
        zone = None if rest[0].lower() == "local" else parse_zone(rest[0], example=ADD_EXAMPLE).key
        rest = rest[1:]
    if rest and rest[0].lower() == "to":
        rest = rest[1:]
        if not rest:
            raise CoachingError("`to` needs an audience: everyone, a #channel or @people.", ADD_EXAMPLE)
    elif rest:
        raise CoachingError(f"I didn't understand '{rest[0]}'. Put the audience after `to`.", ADD_EXAMPLE)
    kind, members = audience.parse(ctx, rest or ["everyone"], ADD_EXAMPLE)
    theme = schedule_fields.theme(options.get("theme"))
    fields = ScheduleFields(options.get("name", "").strip(), days, at, zone, kind, members, theme)
    return [_created(ctx, create(ctx, fields))]


def create(ctx: Ctx, fields: ScheduleFields) -> Schedule:
    """Save a new schedule and audit it (chat's add and form, and the dashboard)."""
    require_admin(ctx, "add")
    schedule = ctx.store.add_schedule(ctx.ws_id, ctx.now, **fields.as_columns(), created_by=ctx.member.id)
    _audit(ctx, "schedule.add", schedule)
    return schedule


def change(ctx: Ctx, schedule_id: int, fields: ScheduleFields) -> Schedule:
    """Save new settings for a schedule and audit it; occurrences before now are not sent afterwards."""
    require_admin(ctx, "edit")
    schedule = _schedule_arg(ctx, str(schedule_id), "preview")
    ctx.store.update_schedule(ctx.ws_id, schedule.id, ctx.now, **fields.as_columns())
    changed = ctx.store.schedule(ctx.ws_id, schedule.id)
    _audit(ctx, "schedule.edit", changed)
    return changed


def _created(ctx: Ctx, schedule: Schedule) -> Reply:
    return Reply(f"Added schedule {schedule.id}: {describe(ctx, schedule)}.\n{_preview_text(ctx, schedule)}")


def list_schedules(ctx: Ctx, args: str = "") -> list[Reply]:
    require_admin(ctx, "list")
    schedules = ctx.store.schedules(ctx.ws_id)
    if not schedules:
        return [Reply(f"No schedules yet. Add one: `{ADD_EXAMPLE}`")]
    lines = [f"*{s.id}* {describe(ctx, s)} [{s.status}]" for s in schedules]
    return [Reply("*Nudge schedules*\n" + "\n".join(lines))]


def describe(ctx: Ctx, schedule: Schedule) -> str:
    zone = schedule.timezone or "each member's own time"
    theme = f", theme {schedule.theme}" if schedule.theme else ""
    return (
        f'"{escape(schedule.name)}": {format_days(parse_days(schedule.days))} at {schedule.local_time} ({zone}) '
        f"to {audience.describe(ctx, schedule)}{theme}"
    )


def preview(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "preview")
    schedule = _schedule_arg(ctx, args, "preview")
    return [Reply(f"*{schedule.id}* {describe(ctx, schedule)}\n{_preview_text(ctx, schedule)}")]


def upcoming(ctx: Ctx, schedule: Schedule, count: int = 5) -> list[datetime]:
    """The next send times (UTC); a member-local schedule is shown as it runs in the admin's own zone."""
    zone = ZoneInfo(schedule.timezone) if schedule.timezone else ctx.zone()
    return next_occurrences(parse_days(schedule.days), time.fromisoformat(schedule.local_time), zone, ctx.now, count)


def reach(ctx: Ctx, schedule: Schedule) -> int:
    """How many people the audience names, whatever their pause or stop state (never who)."""
    return audience.count(ctx, schedule)


def _preview_text(ctx: Ctx, schedule: Schedule) -> str:
    """The next five send times (admin's zone and UTC) and who the audience really reaches."""
    zone = ZoneInfo(schedule.timezone) if schedule.timezone else ctx.zone()
    upcoming_ = upcoming(ctx, schedule)
    admin_zone = ctx.zone()
    lines = [
        "Next sends:"
        if schedule.timezone
        else f"Next sends (shown for {zone.key}; each member gets {schedule.local_time} in their own zone):"
    ]
    lines += [f"  {t.astimezone(admin_zone):%a %d %b %H:%M} {admin_zone.key} · {t:%H:%M} UTC" for t in upcoming_]
    lines.append(_reach_text(ctx, schedule))
    return "\n".join(lines)


def _reach_text(ctx: Ctx, schedule: Schedule) -> str:
    """How many people the audience names, and nothing about any one of them.

    Who has paused, stopped, set their own time or cannot be reached is never counted here, however large the
    audience: a preview taken again after one person's crisis pause would otherwise show them.
    """
    people = reach(ctx, schedule)
    return render("nudge_audience", people=people, noun="person" if people == 1 else "people")


def set_status(ctx: Ctx, args: str, word: str, status: str) -> list[Reply]:
    require_admin(ctx, word)
    schedule = _schedule_arg(ctx, args, word)
    ctx.store.update_schedule(ctx.ws_id, schedule.id, ctx.now, status=status)
    _audit(ctx, f"schedule.{word}", schedule)
    verb = {"pause": "paused", "resume": "resumed", "delete": "deleted"}[word]
    return [Reply(f'Schedule {schedule.id} "{escape(schedule.name)}" {verb}.')]


def _schedule_arg(ctx: Ctx, args: str, word: str) -> Schedule:
    example = f"/nudge {word} 3"
    text = args.strip().lstrip("#")
    if not text:
        raise CoachingError("Which schedule? Give its number from `/nudge list`.", example)
    number = whole_number(text)
    schedule = ctx.store.schedule(ctx.ws_id, number) if number is not None else None
    if schedule is None or schedule.owner_member_id is not None:
        raise CoachingError(f"There is no schedule '{text}'. `/nudge list` shows the numbers.", example)
    return schedule


def _audit(ctx: Ctx, action: str, schedule: Schedule) -> None:
    audit(ctx, action, f'schedule {schedule.id} "{schedule.name}"')


def _form_reply(ctx: Ctx) -> Reply:
    themes = load_library().themes
    zones = (Option("local", "Each member's own zone"), *zone_options(ctx.zone().key))
    fields = (
        FormField("name", "Name", "text", optional=True, hint="e.g. Morning check-in"),
        FormField("days", "Days", "checkboxes", options=tuple(Option(d, d.title()) for d in DAYS), initial=DAYS[:5]),
        FormField("time", "Local time", "time", initial="08:30"),
        FormField("zone", "Time zone", "select", initial="local", options=zones),
        FormField(
            "audience",
            "Who",
            "select",
            initial="everyone",
            options=(
                Option("everyone", "Everyone"),
                Option("channel", "Members of a channel"),
                Option("people", "Chosen people"),
            ),
        ),
        FormField("channel", "Channel (if a channel)", "channel", optional=True, hint="e.g. #icu"),
        FormField("people", "People (if chosen people)", "people", optional=True, hint="e.g. @dr.lee @nurse.kim"),
        FormField(
            "theme",
            "Theme",
            "select",
            optional=True,
            options=(Option("", "Any theme"), *(Option(t.id, t.title) for t in themes.values())),
        ),
    )
    return Reply(
        "New nudge schedule",
        form=Form(FORM_ID, "New nudge schedule", fields, submit_label="Add", inline_example=ADD_EXAMPLE),
    )


def submit_form(ctx: Ctx, values: dict) -> list[Reply]:
    require_admin(ctx, "add")
    return [_created(ctx, create(ctx, schedule_fields.read_or_raise(ctx, values)))]


def audit_log(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "audit")
    window = parse_duration(args.strip() or "30d", "/nudge audit 30d")
    entries = ctx.store.audit_entries(ctx.ws_id, ctx.now - window)
    if not entries:
        return [Reply(f"No admin actions in the last {window.days} days.")]
    zone = ctx.zone()
    lines = [
        escape(f"{e.created_at.astimezone(zone):%Y-%m-%d %H:%M} {e.actor_label}: {e.action} {e.target}".rstrip())
        for e in entries[-100:]
    ]
    return [Reply(f"*Admin actions, last {window.days} days*\n" + "\n".join(lines))]


def help_(ctx: Ctx, args: str = "") -> list[Reply]:
    return [Reply(render("help_admin"))]


COMMANDS = {
    "add": add,
    "list": list_schedules,
    "preview": preview,
    "pause": lambda ctx, a: set_status(ctx, a, "pause", "paused"),
    "resume": lambda ctx, a: set_status(ctx, a, "resume", "active"),
    "delete": lambda ctx, a: set_status(ctx, a, "delete", "deleted"),
    "audit": audit_log,
    "help": help_,
    "report": report.report,
    "settings": workspace_settings.update,
    "dashboard": dashboard.link,
}
