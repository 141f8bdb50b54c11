"""The one entry point for inbound events: the risk check first, then a plain routing table, one error boundary."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from handlers.checkin import dialogue as checkin
from handlers.checkin import home
from handlers.checkin import routes as checkin_routes
from handlers.coach import routes as coach_routes
from handlers.core import forms, language
from handlers.core import routes as core_routes
from handlers.core.context import Ctx
from handlers.core.help import help_reply, welcome
from handlers.core.vocabulary import CoachingError, Incoming, OrgSettings, Reply
from handlers.privacy import routes as privacy_routes
from handlers.program import routes as program_routes
from handlers.safety import NONE, RANK, assess, crisis, screening
from handlers.safety import routes as safety_routes
from prompts.library import load_library
from prompts.messages import Safe, escape, render, speaking
from store import Store

logger = logging.getLogger(__name__)

Handler = Callable[[Ctx, str], list[Reply]]
# Each feature package owns what it answers (its routes module); this is where they meet.
PACKAGES = (core_routes, checkin_routes, coach_routes, program_routes, privacy_routes, safety_routes)


def _merged(tables: list[dict], what: str) -> dict:
    """One table from many; a key two packages both claim is a mistake caught at import, not at a press."""
    merged: dict = {}
    for table in tables:
        for key, value in table.items():
            if key in merged:
                raise RuntimeError(f"{what} {key!r} is claimed by two packages")
            merged[key] = value
    return merged


COMMANDS: dict[str, dict[str, Handler]] = {
    command: _merged([p.COMMANDS.get(command, {}) for p in PACKAGES], f"/{command}")
    for command in ("checkin", "coach", "nudge")
}
DEFAULT_SUB = {"checkin": "now", "coach": "request", "nudge": "help"}
FORMS: dict[str, Callable[[Ctx, dict], list[Reply]]] = _merged([p.FORMS for p in PACKAGES], "form")
OPENERS: dict[str, Handler] = _merged([p.OPENERS for p in PACKAGES], "form")


def _open_form(ctx: Ctx, form_id: str = "") -> list[Reply]:
    """The button under a form said in words (core.forms): opens the form, now that a click brought a trigger."""
    opener = OPENERS.get(form_id)
    return opener(ctx, "") if opener else [Reply(render("already_handled"))]


ACTIONS: dict[str, Callable[..., list[Reply]]] = _merged(
    [*(p.ACTIONS for p in PACKAGES), {forms.OPEN_FORM: _open_form}], "button"
)
DM_WORDS = {
    "help": ("help", ""),
    "pause": ("checkin", "pause"),
    "stop": ("checkin", "stop"),
    "resume": ("checkin", "resume"),
    "unpause": ("checkin", "resume"),
    **language.DM_WORDS_ES,
}
PUBLIC_COMMANDS = ("nudge", "help")  # the only commands answered in a shared channel
COMMAND_WORDS = {"checkin": "checkin", "check-in": "checkin", "coach": "coach", "nudge": "nudge"}


def dispatch(incoming: Incoming, store: Store, now: datetime, *, org: OrgSettings = OrgSettings()) -> list[Reply]:
    """Handle one inbound event and return what to say, in the person's language; never raises."""
    lang = "en"
    try:
        ctx = _context(incoming, store, now, org)
        lang = ctx.language
        with speaking(lang):
            risk = _safety_first(ctx)
            if risk is not None:
                return risk
            greeting = welcome(ctx) if incoming.kind in ("message", "command") and not incoming.in_channel else []
            return [_to_actor(r, incoming) for r in [*greeting, *_route(ctx)]]
    except CoachingError as problem:
        with speaking(lang):
            said = problem.message()  # a rendered reason has its values escaped already: escape only plain ones
            return [Reply(said if isinstance(problem.reason, Safe) else escape(said), error=True)]
    except Exception:
        # Only names we chose appear here: never the text, never form values.
        logger.exception(
            "dispatch failed: kind=%s command=%s action=%s",
            incoming.kind,
            incoming.command,
            incoming.action.split(":")[:2],
        )
        return [Reply(render("generic_error", language=lang))]


def _safety_first(ctx: Ctx) -> list[Reply] | None:
    """Every piece of free text is assessed before anything else; risk gets its reply and nothing more.

    Crisis gets the crisis reply. While the direct question waits, a message is read as its answer
    (screening.py). Concern gets the question. None: the event goes on to its handler.
    """
    incoming = ctx.incoming
    texts = incoming.texts()
    worst = max((assess(text) for text in texts), key=lambda a: RANK[a.level], default=NONE)
    if worst.level == "none" and ctx.member.screening_since is None:
        return None
    lang = screening.language(ctx, " ".join(texts))
    if worst.level == "crisis":
        screening.forget(ctx)
        return crisis.respond(ctx, source=incoming.kind, language=lang)
    if screening.pending(ctx):
        if worst.level == "concern":
            return screening.yes(ctx, lang)  # concern again while the question waits: taken as "not sure"
        if _is_answer_shaped(incoming):
            return screening.on_message(ctx, incoming.text, worst)
    if worst.level == "concern":
        return screening.ask(ctx, source=incoming.kind, lang=lang)
    return None


def _is_answer_shaped(incoming: Incoming) -> bool:
    """A DM in the 1:1 chat that is not a command: it may be the answer to the open question."""
    return incoming.kind == "message" and not incoming.in_channel and as_command(incoming.text) is None


def _to_actor(reply: Reply, incoming: Incoming) -> Reply:
    """A message addressed to the person who acted is simply a reply to them."""
    return replace(reply, to=None) if reply.to == incoming.actor.user_id else reply


def _context(incoming: Incoming, store: Store, now: datetime, org: OrgSettings) -> Ctx:
    actor = incoming.actor
    workspace = store.members.ensure_workspace(actor.platform, actor.workspace, now)
    member = store.members.ensure_member(
        workspace.id,
        actor.user_id,
        now,
        display_name=actor.display_name or None,
        timezone=actor.timezone,
        locale=actor.locale,
        aad_object_id=actor.aad_object_id,
    )
    return Ctx(incoming, store, now, workspace, member, org)


def context_for(incoming: Incoming, store: Store, now: datetime, *, org: OrgSettings = OrgSettings()) -> Ctx:
    """The context handlers get, for an entry point outside chat (the dashboard), resolved as dispatch does."""
    return _context(incoming, store, now, org)


def safety_reply(ctx: Ctx) -> list[Reply] | None:
    """The safety net's reply when the event's text needs one (crisis or the direct question), else None.

    The dashboard calls this before anything else, as dispatch does, so a form typed there is checked too.
    """
    return _safety_first(ctx)


def _route(ctx: Ctx) -> list[Reply]:
    incoming = ctx.incoming
    if incoming.kind == "command":
        return run_command(ctx, incoming.command, incoming.text)
    if incoming.kind == "action":
        return _run_action(ctx, incoming.action)
    if incoming.kind == "form":
        return FORMS[incoming.action](ctx, dict(incoming.values))
    if incoming.kind == "home":
        return home.home(ctx)
    if incoming.kind == "install":
        return welcome(ctx)
    return _on_message(ctx, incoming.text)


def run_command(ctx: Ctx, command: str, args: str) -> list[Reply]:
    command = command.lstrip("/").lower()
    if command == "help":
        return [help_reply(ctx)]
    table = COMMANDS.get(command)
    if table is None:
        return [Reply(render("unknown_command", command=f"/{command}")), help_reply(ctx)]
    word, _, rest = args.strip().partition(" ")
    word = language.subcommand(command, word.lower())
    if not word:
        return table[DEFAULT_SUB[command]](ctx, "")
    if word in table:
        return table[word](ctx, rest.strip())
    if command == "checkin" and word in load_library().themes:
        return checkin.start_now(ctx, theme=word)
    if command == "coach" and "=" in word:  # the inline request form: /coach peer=physician topic="..."
        return table["request"](ctx, args)
    raise CoachingError(render("unknown_subcommand", command=command, word=word), f"/{command} {render('help_word')}")


def _run_action(ctx: Ctx, action: str) -> list[Reply]:
    namespace, _, rest = action.partition(":")
    name, _, arg = rest.partition(":")
    handler = ACTIONS.get(f"{namespace}:{name}")
    if handler is None:
        return [Reply(render("already_handled"))]
    return handler(ctx, arg) if arg else handler(ctx)


def _on_message(ctx: Ctx, text: str) -> list[Reply]:
    conv = None if ctx.incoming.in_channel else checkin.current(ctx)
    parsed = as_command(text, loose=conv is None)
    if ctx.incoming.in_channel and (parsed is None or parsed[0] not in PUBLIC_COMMANDS):
        return [Reply(render("channel_pointer"))]  # nobody's well-being is discussed in a shared channel
    if parsed is not None:
        return run_command(ctx, *parsed)
    if conv is not None:
        return checkin.reply(ctx, conv, text)
    return checkin.offer(ctx)


def as_command(text: str, *, loose: bool = False) -> tuple[str, str] | None:
    """A message that is really a command: `/checkin pause 7d`, `checkin pause 7d`, `coach`, `help`, `pause`.

    Without a slash, a command word counts only alone or before one of its own subcommands, so a
    reply such as "coach said I did well" stays a reply; `loose` (no check-in open, nothing to
    reply to) takes any message that starts with a command word as that command.
    """
    stripped = text.strip()
    slash = stripped.startswith("/")
    word, _, rest = stripped.lstrip("/").partition(" ")
    word, rest = word.lower(), rest.strip()
    if word in COMMAND_WORDS:
        command = COMMAND_WORDS[word]
        first = language.subcommand(command, rest.partition(" ")[0].lower())
        themed = command == "checkin" and first in load_library().themes
        if slash or loose or not rest or first in COMMANDS[command] or themed:
            return command, rest
        return None
    if slash:
        return word, rest
    bare = stripped.lower().rstrip(".!")
    return DM_WORDS.get(bare)
