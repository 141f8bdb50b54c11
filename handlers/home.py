"""The home view (Slack App Home, the Teams `home` card): next check-in, controls, privacy, admin totals."""

from __future__ import annotations

from handlers import planning, preferences, privacy, settings
from handlers.context import Ctx
from handlers.messages import Button, Reply
from handlers.months import Month, last_complete
from handlers.nudge import describe
from handlers.preferences import when
from handlers.report import month_report
from handlers.small_groups import display
from prompts.library import load_library
from prompts.messages import escape


def home(ctx: Ctx) -> list[Reply]:
    sections = [_checkins(ctx), _themes(ctx), _privacy()]
    profile = ctx.store.coach_profile(ctx.ws_id, ctx.member.id)
    if profile is not None:
        state = "available" if profile.available else "not available"
        sections.append(
            Reply(
                f"*Peer coaching*\nYou are {state}; {profile.active_count} of {profile.capacity} places "
                "in use. `/coach clients` lists them."
            )
        )
    if ctx.is_admin:
        sections.append(_admin(ctx))
    return sections


def _checkins(ctx: Ctx) -> Reply:
    member = ctx.member
    if member.status != "active":
        return Reply(
            "*Your check-ins*\nStopped. You can come back any time.",
            buttons=(Button("Resume check-ins", "home:resume", style="primary"),),
        )
    if member.paused_until is not None and member.paused_until > ctx.now:
        return Reply(
            f"*Your check-ins*\nPaused until {when(ctx, member.paused_until)}.",
            buttons=(Button("Resume now", "home:resume", style="primary"),),
        )
    upcoming = when(ctx, planning.next_checkin(ctx.store, ctx.workspace, member, ctx.now))
    return Reply(
        f"*Your check-ins*\nNext: {upcoming} ({ctx.zone().key}).",
        buttons=(
            Button("Check in now", "checkin:start", style="primary"),
            Button("Pause a week", "checkin:pause"),
            Button("Settings", "home:settings"),
        ),
    )


def _themes(ctx: Ctx) -> Reply:
    library = load_library()
    chosen = ctx.member.themes or []
    names = ", ".join(library.themes[t].title for t in chosen if t in library.themes) or "all themes"
    return Reply(f"*Your themes*\n{escape(names)}")


def _privacy() -> Reply:
    return Reply(
        "*Your privacy*\nYour words are yours: encrypted, never shown to admins, deleted on request.",
        buttons=(Button("What is kept and who sees it", "home:privacy"),),
    )


def _admin(ctx: Ctx) -> Reply:
    """Schedules, and last month's totals from the kept report: never a live count one person's change would move."""
    schedules = ctx.store.schedules(ctx.ws_id)
    lines = [f"{s.id}. {describe(ctx, s)} [{s.status}]" for s in schedules] or ["No schedules yet."]
    month = last_complete(ctx.now)
    if month >= Month.of(ctx.workspace.created_at):
        point = month_report(ctx.store, ctx.workspace, month, None, ctx.now)["trend"]
        lines.append(
            f"{month.label}: {display(point['people'])} people got check-ins, {display(point['replied'])} replied."
        )
    return Reply("*Program (admins only)*\n" + "\n".join(lines) + "\n`/nudge report` for the monthly figures.")


ACTIONS = {"home:resume": preferences.resume, "home:settings": settings.open_form, "home:privacy": privacy.explain}
