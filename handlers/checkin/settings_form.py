"""The member's settings form (`/checkin settings`): one place for time, days, zone, quiet hours, timing and themes."""

from __future__ import annotations

from handlers.checkin import preferences
from handlers.core.context import Ctx, quiet_hours
from handlers.core.vocabulary import CoachingError, Form, FormField, Option, Reply
from handlers.timing.recurrence import DAYS, format_days, parse_days, parse_quiet, parse_time, parse_zone
from handlers.timing.zones import zone_options
from prompts.library import load_library
from prompts.messages import render

FORM_ID = "checkin.settings"


def open_form(ctx: Ctx, args: str = "") -> list[Reply]:
    own = ctx.store.schedules.personal_schedule(ctx.ws_id, ctx.member.id)
    start, end = quiet_hours(ctx.member, ctx.workspace)
    library = load_library(language=ctx.language)
    fields = (
        FormField("time", render("settings_form_time"), "time", initial=own.local_time if own else "08:30"),
        FormField(
            "days",
            render("settings_form_days"),
            "checkboxes",
            options=tuple(Option(d, render(f"day_{d}")) for d in DAYS),
            initial=tuple(parse_days(own.days)) if own else DAYS[:5],
        ),
        FormField(
            "zone", render("settings_form_zone"), "select", initial=ctx.zone().key, options=zone_options(ctx.zone().key)
        ),
        FormField(
            "quiet",
            render("settings_form_quiet"),
            "text",
            initial=f"{start:%H:%M}-{end:%H:%M}",
            hint=render("settings_form_quiet_hint"),
        ),
        FormField(
            "timing",
            render("settings_form_timing"),
            "select",
            initial=ctx.member.timing,
            options=(
                Option("clock", render("settings_form_timing_clock")),
                Option("after-shift", render("settings_form_timing_after_shift")),
            ),
        ),
        FormField(
            "themes",
            render("settings_form_themes"),
            "multi_select",
            optional=True,
            initial=tuple(ctx.member.themes or ()),
            options=tuple(Option(t.id, t.title) for t in library.themes.values()),
        ),
    )
    return [
        Reply(
            render("settings_form_intro"),
            form=Form(
                FORM_ID,
                render("settings_form_title"),
                fields,
                submit_label=render("form_save"),
                inline_example="/checkin time 07:30 mon,wed,fri · /checkin quiet 21:00-07:00 · /checkin themes rest",
            ),
        )
    ]


def submit_form(ctx: Ctx, values: dict) -> list[Reply]:
    """Validate everything first, so a rejected form changes nothing; then save it all."""
    example = "time 07:30, days mon,wed,fri, zone America/Chicago, quiet 21:00-07:00"
    at = parse_time(values.get("time", ""), example=example)
    days = parse_days(values.get("days", "") or "weekdays", example=example)
    zone = parse_zone(values.get("zone") or ctx.zone().key, example=example)
    start, end = parse_quiet(values.get("quiet") or "21:00-07:00", example=example)
    preferences.refuse_quiet_time(ctx, at, start, end, example, zone=zone)
    timing = preferences.parse_timing(ctx, values.get("timing") or "clock", example)
    themes = [t for t in (values.get("themes") or "").split(",") if t]
    unknown = [t for t in themes if t not in load_library().themes]
    if unknown:
        raise CoachingError(render("err_not_a_theme", theme=unknown[0]), example)
    # The form shows the current zone; only a different one counts as the person's own choice.
    chosen = {"timezone": zone.key, "zone_chosen": True} if zone.key != ctx.member.timezone else {}
    ctx.store.members.update_member(
        ctx.ws_id,
        ctx.member.id,
        **chosen,
        quiet_start=f"{start:%H:%M}",
        quiet_end=f"{end:%H:%M}",
        timing=timing,
        themes=themes,
    )
    preferences.save_personal_time(ctx, at, days)
    summary = render(
        "settings_summary",
        time=f"{at:%H:%M}",
        days=format_days(days),
        zone=zone.key,
        quiet=f"{start:%H:%M}-{end:%H:%M}",
        timing=timing,
        themes=", ".join(themes) or render("themes_all"),
    )
    saved = render("settings_saved", summary=summary)
    return [Reply(saved + " " + render("settings_next", next=preferences.next_text(ctx)))]
