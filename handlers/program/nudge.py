"""Admins' nudge schedules: add, list, preview, pause, resume, delete (every change audited)."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from handlers.core import dates
from handlers.core.access import audit, require_admin
from handlers.core.context import Ctx
from handlers.core.parsing import parse_duration, split_args, split_options, whole_number
from handlers.core.vocabulary import CoachingError, Form, FormField, Option, Reply
from handlers.program import audience, report, schedule_fields, workspace_settings
from handlers.program import dashboard_link as dashboard
from handlers.program.schedule_fields import ADD_EXAMPLE, ScheduleFields
from handlers.timing.recurrence import DAYS, format_days, next_occurrences, parse_days, parse_time, parse_zone
from handlers.timing.zones import zone_options
from prompts.library import load_library
from prompts.messages import Safe, escape, render
from store.models import Schedule

FORM_ID = "nudge.add"


def add(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "add")
    if not args.strip():
        return [_form_reply(ctx)]
    plain, options = split_options(split_args(args, ADD_EXAMPLE))
    if len(plain) < 2:
        raise CoachingError(render("nudge_err_days_time"), ADD_EXAMPLE)
    unknown = sorted(set(options) - {"theme", "name"})
    if unknown:
        raise CoachingError(render("nudge_err_option", option=unknown[0]), ADD_EXAMPLE)
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
            raise CoachingError(render("nudge_err_to"), ADD_EXAMPLE)
    elif rest:
        raise CoachingError(render("nudge_err_word", word=rest[0]), ADD_EXAMPLE)
    kind, members = audience.parse(ctx, rest or ["everyone"], ADD_EXAMPLE)
    theme = schedule_fields.theme(options.get("theme"))
    fields = ScheduleFields(options.get("name", "").strip(), days, at, zone, kind, members, theme)
    return [_created(ctx, create(ctx, fields))]


def create(ctx: Ctx, fields: ScheduleFields) -> Schedule:
    """Save a new schedule and audit it (chat's add and form, and the dashboard)."""
    require_admin(ctx, "add")
    schedule = ctx.store.schedules.add_schedule(ctx.ws_id, ctx.now, **fields.as_columns(), created_by=ctx.member.id)
    _audit(ctx, "schedule.add", schedule)
    return schedule


def change(ctx: Ctx, schedule_id: int, fields: ScheduleFields) -> Schedule:
    """Save new settings for a schedule and audit it; occurrences before now are not sent afterwards."""
    require_admin(ctx, "edit")
    schedule = _schedule_arg(ctx, str(schedule_id), "preview")
    ctx.store.schedules.update_schedule(ctx.ws_id, schedule.id, ctx.now, **fields.as_columns())
    changed = ctx.store.schedules.schedule(ctx.ws_id, schedule.id)
    _audit(ctx, "schedule.edit", changed)
    return changed


def _created(ctx: Ctx, schedule: Schedule) -> Reply:
    said = render("nudge_added", id=schedule.id, schedule=Safe(describe(ctx, schedule)))
    return Reply(f"{said}\n{_preview_text(ctx, schedule)}")


def list_schedules(ctx: Ctx, args: str = "") -> list[Reply]:
    require_admin(ctx, "list")
    schedules = ctx.store.schedules.all(ctx.ws_id)
    if not schedules:
        return [Reply(render("nudge_none", example=ADD_EXAMPLE))]
    lines = [f"*{s.id}* {describe(ctx, s)} [{render('status_' + s.status)}]" for s in schedules]
    return [Reply(render("nudge_list", lines=Safe("\n".join(lines))))]


def describe(ctx: Ctx, schedule: Schedule) -> str:
    return render(
        "nudge_schedule_theme" if schedule.theme else "nudge_schedule",
        name=schedule.name,
        days=format_days(parse_days(schedule.days)),
        time=schedule.local_time,
        zone=schedule.timezone or render("nudge_own_zone"),
        audience=Safe(audience.describe(ctx, schedule)),
        theme=schedule.theme or "",
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
        render("nudge_next_sends")
        if schedule.timezone
        else render("nudge_next_sends_local", zone=zone.key, time=schedule.local_time)
    ]
    lines += [f"  {dates.day_time(t.astimezone(admin_zone))} {admin_zone.key} · {t:%H:%M} UTC" for t in upcoming_]
    lines.append(_reach_text(ctx, schedule))
    return "\n".join(lines)


def _reach_text(ctx: Ctx, schedule: Schedule) -> str:
    """How many people the audience names, and nothing about any one of them.

    Who has paused, stopped, set their own time or cannot be reached is never counted here, however large the
    audience: a preview taken again after one person's crisis pause would otherwise show them.
    """
    people = reach(ctx, schedule)
    return render("nudge_audience", people=people, noun=render("person" if people == 1 else "people"))


def set_status(ctx: Ctx, args: str, word: str, status: str) -> list[Reply]:
    require_admin(ctx, word)
    schedule = _schedule_arg(ctx, args, word)
    ctx.store.schedules.update_schedule(ctx.ws_id, schedule.id, ctx.now, status=status)
    _audit(ctx, f"schedule.{word}", schedule)
    return [
        Reply(
            render(
                {"pause": "nudge_paused", "resume": "nudge_resumed", "delete": "nudge_deleted"}[word],
                id=schedule.id,
                name=schedule.name,
            )
        )
    ]


def _schedule_arg(ctx: Ctx, args: str, word: str) -> Schedule:
    example = f"/nudge {word} 3"
    text = args.strip().lstrip("#")
    if not text:
        raise CoachingError(render("nudge_err_which"), example)
    number = whole_number(text)
    schedule = ctx.store.schedules.schedule(ctx.ws_id, number) if number is not None else None
    if schedule is None or schedule.owner_member_id is not None:
        raise CoachingError(render("nudge_err_no_schedule", value=text), example)
    return schedule


def _audit(ctx: Ctx, action: str, schedule: Schedule) -> None:
    audit(ctx, action, f'schedule {schedule.id} "{schedule.name}"')


def _form_reply(ctx: Ctx) -> Reply:
    themes = load_library(language=ctx.language).themes
    zones = (Option("local", render("nudge_form_own_zone")), *zone_options(ctx.zone().key))
    days = tuple(Option(d, render(f"day_{d}")) for d in DAYS)
    fields = (
        FormField("name", render("nudge_form_name"), "text", optional=True, hint=render("nudge_form_name_hint")),
        FormField("days", render("settings_form_days"), "checkboxes", options=days, initial=DAYS[:5]),
        FormField("time", render("nudge_form_time"), "time", initial="08:30"),
        FormField("zone", render("settings_form_zone"), "select", initial="local", options=zones),
        FormField(
            "audience",
            render("nudge_form_who"),
            "select",
            initial="everyone",
            options=(
                Option("everyone", render("nudge_form_everyone")),
                Option("channel", render("nudge_form_channel_members")),
                Option("people", render("nudge_form_chosen_people")),
            ),
        ),
        FormField("channel", render("nudge_form_channel"), "channel", optional=True, hint="#icu"),
        FormField("people", render("nudge_form_people"), "people", optional=True, hint="@dr.lee @nurse.kim"),
        FormField(
            "theme",
            render("settings_form_themes"),
            "select",
            optional=True,
            options=(Option("", render("nudge_form_any_theme")), *(Option(t.id, t.title) for t in themes.values())),
        ),
    )
    title = render("nudge_form_title")
    form = Form(FORM_ID, title, fields, submit_label=render("nudge_form_submit"), inline_example=ADD_EXAMPLE)
    return Reply(title, form=form)


def submit_form(ctx: Ctx, values: dict) -> list[Reply]:
    require_admin(ctx, "add")
    return [_created(ctx, create(ctx, schedule_fields.read_or_raise(ctx, values)))]


def audit_log(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "audit")
    window = parse_duration(args.strip() or "30d", "/nudge audit 30d")
    entries = ctx.store.audit.entries(ctx.ws_id, ctx.now - window)
    if not entries:
        return [Reply(render("audit_none", days=window.days))]
    zone = ctx.zone()
    lines = [
        escape(f"{e.created_at.astimezone(zone):%Y-%m-%d %H:%M} {e.actor_label}: {e.action} {e.target}".rstrip())
        for e in entries[-100:]
    ]
    return [Reply(render("audit_log", days=window.days, lines=Safe("\n".join(lines))))]


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
