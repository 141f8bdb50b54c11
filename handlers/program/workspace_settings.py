"""`/nudge settings`: the workspace's own defaults (quiet hours, retention, support lines, offer time-out, language)."""

from __future__ import annotations

from handlers.core.access import audit, require_admin
from handlers.core.context import DEFAULT_QUIET, LANGUAGES, Ctx
from handlers.core.parsing import parse_int, split_args, split_options
from handlers.core.vocabulary import CoachingError, Reply
from handlers.timing.recurrence import parse_quiet
from prompts.messages import render

EXAMPLE = '/nudge settings quiet=21:00-07:00 retention=90 crisis-line="Staff support 555-0100" offer-hours=24'
KEYS = {"quiet", "retention", "crisis-line", "support-line", "offer-hours", "language"}


def update(ctx: Ctx, args: str) -> list[Reply]:
    """Show the settings, or change the ones given (all checked before any is saved)."""
    require_admin(ctx, "settings")
    plain, options = split_options(split_args(args, EXAMPLE))
    unknown = sorted(set(options) - KEYS) or plain
    if unknown:
        raise CoachingError(render("err_setting", value=unknown[0], settings=", ".join(sorted(KEYS))), EXAMPLE)
    return apply(ctx, options)


def apply(ctx: Ctx, options: dict[str, str]) -> list[Reply]:
    """Save the settings given (keys as in chat: quiet, retention, ...), all checked first, and audit the change."""
    require_admin(ctx, "settings")
    changes = parse(options)
    if changes:
        ctx.store.members.update_workspace_settings(ctx.ws_id, **changes)
        audit(ctx, "settings.update", ", ".join(sorted(changes)))
        ctx = ctx.__class__(
            ctx.incoming, ctx.store, ctx.now, ctx.store.members.workspace(ctx.ws_id), ctx.member, ctx.org
        )
    return [Reply((render("saved") + " " if changes else "") + _describe(ctx))]


def parse(options: dict[str, str]) -> dict:
    """The store's changes for these settings; raises CoachingError at the first bad one."""
    changes: dict = {}
    if "quiet" in options:
        start, end = parse_quiet(options["quiet"], example=EXAMPLE)
        changes.update(quiet_start=f"{start:%H:%M}", quiet_end=f"{end:%H:%M}")
    if "retention" in options:
        changes["retention_days"] = parse_int(options["retention"], "retention", EXAMPLE, 7, 3650)
    if "offer-hours" in options:
        changes["offer_timeout_hours"] = parse_int(options["offer-hours"], "offer-hours", EXAMPLE, 1, 168)
    for key in ("crisis-line", "support-line"):
        if key in options:
            value = options[key].strip()
            if len(value) > 200:
                raise CoachingError(render("err_setting_long", key=key), EXAMPLE)
            changes[key.replace("-", "_")] = value
    if "language" in options:
        # The language of anyone whose own choice and chat locale do not decide it (core.context.choose_language).
        value = options["language"].strip().lower()
        if value not in LANGUAGES:
            raise CoachingError(
                render("err_one_of", name="language", choices=", ".join(LANGUAGES), value=value), EXAMPLE
            )
        changes["language"] = value
    return changes


def _describe(ctx: Ctx) -> str:
    own = ctx.workspace.settings or {}
    quiet = f"{own.get('quiet_start', DEFAULT_QUIET[0])}-{own.get('quiet_end', DEFAULT_QUIET[1])}"
    language = own.get("language") if own.get("language") in LANGUAGES else "en"
    return render(
        "workspace_settings",
        quiet=quiet,
        retention=ctx.setting("retention_days"),
        crisis_line=ctx.setting("crisis_line") or render("not_set"),
        support_line=ctx.setting("support_line") or render("not_set"),
        offer_hours=ctx.setting("offer_timeout_hours"),
        lang_name=render(f"language_name_{language}"),
        example=EXAMPLE,
    )
