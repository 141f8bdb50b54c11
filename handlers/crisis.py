"""The reply when the safety net fires: warm words, people to call or text, and no coaching question."""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Ctx
from handlers.messages import Button, Reply
from prompts.messages import render

CRISIS_PAUSE = timedelta(hours=24)


def respond(ctx: Ctx, source: str) -> list[Reply]:
    """Count it, close any open check-in, pause check-ins for a day, and give the resources."""
    ctx.store.record_crisis(ctx.ws_id, source, ctx.now)
    conv = ctx.store.current_conversation(ctx.ws_id, ctx.member.id)
    if conv is not None:
        # Closed like any other: a crisis is counted once (crisis_events, no person), never marked on someone's data.
        ctx.store.close_conversation(conv.id, "closed", ctx.now)
    until = ctx.now + CRISIS_PAUSE
    if ctx.member.paused_until is None or ctx.member.paused_until < until:
        ctx.store.update_member(ctx.ws_id, ctx.member.id, paused_until=until)
    return [resources(ctx)]


def resources(ctx: Ctx) -> Reply:
    line = ctx.setting("crisis_line")
    org_line = render("crisis_org_line", line=line) if line else ""
    return Reply(
        render("crisis", name=ctx.name, org_line=org_line),
        buttons=(
            Button("Show these again", "crisis:again"),
            Button("Talk to a person", "crisis:person", style="primary"),
            Button("I'm OK for now", "crisis:ok"),
        ),
    )


def again(ctx: Ctx) -> list[Reply]:
    return [resources(ctx)]


def ask_person(ctx: Ctx) -> list[Reply]:
    """Consent first: nobody is contacted unless the clinician says yes."""
    return [
        Reply(
            render("crisis_person_confirm"),
            buttons=(
                Button("Yes, ask a coach", "crisis:person-yes", style="primary"),
                Button("Not now", "crisis:person-no"),
            ),
        )
    ]


def person_yes(ctx: Ctx) -> list[Reply]:
    from handlers import coach  # the coach flow imports this module's neighbours; import here avoids a cycle

    replies = coach.request_urgent(ctx)
    request = ctx.store.active_request(ctx.ws_id, ctx.member.id)
    if request is None or request.status != "open":
        return replies  # nobody could be asked: the honest answer and the other routes, not a promise
    return [Reply(render("crisis_person_sent")), *replies]


def person_no(ctx: Ctx) -> list[Reply]:
    return [Reply(render("crisis_person_declined"), buttons=(Button("Show the numbers again", "crisis:again"),))]


def ask_close(ctx: Ctx) -> list[Reply]:
    """Dismissing takes a second, explicit choice."""
    return [
        Reply(
            render("crisis_close_confirm"),
            buttons=(
                Button("Yes, close this", "crisis:close"),
                Button("Show the numbers again", "crisis:again", style="primary"),
                Button("Talk to a person", "crisis:person"),
            ),
        )
    ]


def close(ctx: Ctx) -> list[Reply]:
    return [Reply(render("crisis_closed"))]
