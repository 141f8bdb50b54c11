"""The home view (Slack App Home, the Teams `home` card): next check-in, controls, privacy, admin totals."""

from __future__ import annotations

from handlers.checkin import preferences
from handlers.checkin import settings_form as settings
from handlers.checkin.preferences import when
from handlers.core.context import Ctx
from handlers.core.vocabulary import Button, Reply
from handlers.privacy import data_rights as privacy
from handlers.privacy.small_groups import display
from handlers.program.nudge import describe
from handlers.program.report import month_report
from handlers.timing import due as planning
from handlers.timing.months import Month, last_complete
from prompts.library import load_library
from prompts.messages import Safe, render


def home(ctx: Ctx) -> list[Reply]:
    sections = [_checkins(ctx), _themes(ctx), _privacy()]
    profile = ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id)
    if profile is not None:
        state = render("home_available" if profile.available else "home_not_available")
        sections.append(
            Reply(render("home_coaching", state=state, used=profile.active_count, capacity=profile.capacity))
        )
    if ctx.is_admin:
        sections.append(_admin(ctx))
    return sections


def _checkins(ctx: Ctx) -> Reply:
    member = ctx.member
    if member.status != "active":
        return Reply(
            render("home_stopped"),
            buttons=(Button(render("button_resume_checkins"), "home:resume", style="primary"),),
        )
    if member.paused_until is not None and member.paused_until > ctx.now:
        return Reply(
            render("home_paused", until=when(ctx, member.paused_until)),
            buttons=(Button(render("button_resume_now"), "home:resume", style="primary"),),
        )
    upcoming = when(ctx, planning.next_checkin(ctx.store, ctx.workspace, member, ctx.now))
    return Reply(
        render("home_next", next=upcoming, zone=ctx.zone().key),
        buttons=(
            Button(render("button_checkin_now"), "checkin:start", style="primary"),
            Button(render("button_pause_week"), "checkin:pause"),
            Button(render("button_settings"), "home:settings"),
        ),
    )


def _themes(ctx: Ctx) -> Reply:
    library = load_library(language=ctx.language)
    chosen = ctx.member.themes or []
    names = ", ".join(library.themes[t].title for t in chosen if t in library.themes) or render("all_themes")
    return Reply(render("home_themes", themes=names))


def _privacy() -> Reply:
    return Reply(render("home_privacy"), buttons=(Button(render("button_privacy"), "home:privacy"),))


def _admin(ctx: Ctx) -> Reply:
    """Schedules, and last month's totals from the kept report: never a live count one person's change would move."""
    schedules = ctx.store.schedules.all(ctx.ws_id)
    lines = [f"{s.id}. {describe(ctx, s)} [{render('status_' + s.status)}]" for s in schedules] or [
        render("home_no_schedules")
    ]
    month = last_complete(ctx.now)
    if month >= Month.of(ctx.workspace.created_at):
        point = month_report(ctx.store, ctx.workspace, month, None, ctx.now)["trend"]
        people, replied = display(point["people"]), display(point["replied"])
        lines.append(render("home_admin_month", month=month.label, people=people, replied=replied))
    return Reply(render("home_admin", lines=Safe("\n".join(lines))))  # each line is markup already


ACTIONS = {"home:resume": preferences.resume, "home:settings": settings.open_form, "home:privacy": privacy.explain}
