"""The reply when the safety net fires: warm words, people to call or text, and no coaching question.

It is said in the person's language (`language`, "en" or "es"); the buttons carry it along, so what
comes after a press is in the same language.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.core.context import Ctx
from handlers.core.vocabulary import Button, Reply
from prompts.messages import render

CRISIS_PAUSE = timedelta(hours=24)


def respond(ctx: Ctx, source: str, language: str = "en") -> list[Reply]:
    """Count it, close any open check-in, pause check-ins for a day, and give the resources."""
    ctx.store.checkins.record_crisis(ctx.ws_id, source, ctx.now)
    conv = ctx.store.checkins.current_conversation(ctx.ws_id, ctx.member.id)
    if conv is not None:
        # Closed like any other: a crisis is counted once (crisis_events, no person), never marked on someone's data.
        ctx.store.checkins.close_conversation(conv.id, "closed", ctx.now)
    until = ctx.now + CRISIS_PAUSE
    if ctx.member.paused_until is None or ctx.member.paused_until < until:
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, paused_until=until)
    return [resources(ctx, language)]


def resources(ctx: Ctx, language: str = "en") -> Reply:
    line = ctx.setting("crisis_line")
    org_line = render("crisis_org_line", language=language, line=line) if line else ""
    return Reply(
        render("crisis", language=language, name=ctx.name, org_line=org_line),
        buttons=(
            _button("crisis_button_again", "crisis:again", language),
            _button("crisis_button_person", "crisis:person", language, style="primary"),
            _button("crisis_button_ok", "crisis:ok", language),
        ),
    )


def again(ctx: Ctx, language: str = "en") -> list[Reply]:
    return [resources(ctx, language)]


def ask_person(ctx: Ctx, language: str = "en") -> list[Reply]:
    """Consent first: nobody is contacted unless the clinician says yes."""
    return [
        Reply(
            render("crisis_person_confirm", language=language),
            buttons=(
                _button("crisis_button_person_yes", "crisis:person-yes", language, style="primary"),
                _button("crisis_button_person_no", "crisis:person-no", language),
            ),
        )
    ]


def person_yes(ctx: Ctx, language: str = "en") -> list[Reply]:
    from handlers.coach import (
        request as coach,  # the coach flow imports this module's neighbours; import here avoids a cycle
    )

    replies = coach.request_urgent(ctx)
    request = ctx.store.coaching.active_request(ctx.ws_id, ctx.member.id)
    if request is None or request.status != "open":
        return replies  # nobody could be asked: the honest answer and the other routes, not a promise
    return [Reply(render("crisis_person_sent", language=language)), *replies]


def person_no(ctx: Ctx, language: str = "en") -> list[Reply]:
    return [
        Reply(
            render("crisis_person_declined", language=language),
            buttons=(_button("crisis_button_numbers", "crisis:again", language),),
        )
    ]


def ask_close(ctx: Ctx, language: str = "en") -> list[Reply]:
    """Dismissing takes a second, explicit choice."""
    return [
        Reply(
            render("crisis_close_confirm", language=language),
            buttons=(
                _button("crisis_button_close", "crisis:close", language),
                _button("crisis_button_numbers", "crisis:again", language, style="primary"),
                _button("crisis_button_person", "crisis:person", language),
            ),
        )
    ]


def close(ctx: Ctx, language: str = "en") -> list[Reply]:
    return [Reply(render("crisis_closed", language=language))]


def _button(label: str, action: str, language: str, style: str | None = None) -> Button:
    """A button whose action remembers the language ("crisis:again:es"); English keeps the plain id."""
    return Button(render(label, language=language), action if language == "en" else f"{action}:{language}", style)
