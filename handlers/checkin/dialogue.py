"""The check-in dialogue: question, a follow-up or two, one small step, a warm close."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.checkin import turns
from handlers.core.context import Ctx, first_name
from handlers.core.vocabulary import Button, Reply
from prompts.library import Library, library_for, load_library
from prompts.listening import say
from prompts.messages import current_language, render, speaking
from prompts.selection import select_followthrough, select_question, select_step
from store import Store
from store.models import Conversation, Member
from store.repo_conversations import OpenStep

IDLE_CLOSE = timedelta(hours=12)  # a check-in nobody answered closes quietly after this
STEP_LOOKBACK = timedelta(days=30)  # a small step older than this is not asked about
BURNOUT_EVERY = timedelta(days=28)  # the single-item burnout measure replaces the pulse monthly


@dataclass(frozen=True)
class CheckinPlan:
    """What a check-in will ask, decided before it is sent (so a resend asks the same)."""

    question_id: str
    theme: str
    pulse_kind: str | None
    step: OpenStep | None
    followthrough_id: str | None


def plan_checkin(
    store: Store,
    member: Member,
    now: datetime,
    *,
    theme: str | None,
    local_hour: int,
    seed: int,
    language: str | None = None,
) -> CheckinPlan:
    """Choose the question (from the library of `language`, default the one being spoken), the pulse and
    whether to ask about the last small step (once its own time has come)."""
    library = load_library(language=language or current_language())
    question = select_question(
        library,
        recent_ids=store.checkins.asked_question_ids(member.id),
        chosen_themes=member.themes or (),
        theme=theme,
        local_hour=local_hour,
        seed=seed,
    )
    step = store.checkins.open_step(member.id, since=now - STEP_LOOKBACK, now=now)
    followthrough = select_followthrough(library, seed=seed).id if step else None
    # Offered once a month whether or not it was answered: asking again every day would be nagging.
    asked = [
        t
        for t in (
            store.checkins.last_pulse_at(member.id, "burnout"),
            store.checkins.last_pulse_asked(member.id, "burnout"),
        )
        if t
    ]
    pulse = "burnout" if not asked or now - max(asked) >= BURNOUT_EVERY else "energy"
    return CheckinPlan(question.id, question.theme, pulse, step, followthrough)


def render_checkin(plan: CheckinPlan, member: Member, *, scheduled: bool, seed: int) -> list[Reply]:
    """The opening message(s) of a check-in, with pulse buttons and, when scheduled, skip/snooze/pause.

    Said in the language of the plan's question, so a scheduled check-in needs no language of its own."""
    library = library_for(plan.question_id)
    with speaking(library.language):
        return _render_checkin(plan, member, library, scheduled=scheduled, seed=seed)


def _render_checkin(plan: CheckinPlan, member: Member, library: Library, *, scheduled: bool, seed: int) -> list[Reply]:
    opener = "checkin_open_scheduled" if scheduled else "checkin_open_now"
    lines = [render(opener, variant=seed, name=first_name(member))]
    if plan.step is not None:
        lines.append(render("checkin_step_recall", step=plan.step.text))
        lines.append(f"*{library.prompt(plan.followthrough_id).text}*")
    else:
        lines.append(f"*{library.question(plan.question_id).text}*")
    text, buttons = "\n".join(lines), ()
    if plan.pulse_kind is not None:
        text += "\n" + render("energy_pulse" if plan.pulse_kind == "energy" else "burnout_pulse")
        buttons = pulse_buttons(plan.pulse_kind)
    if scheduled:
        buttons += (
            Button(render("button_skip_today"), "checkin:skip", row=9),
            Button(render("button_snooze"), "checkin:snooze", row=9),
            Button(render("button_pause_week"), "checkin:pause", row=9),
        )
    return [Reply(text, buttons=buttons)]


def pulse_buttons(kind: str) -> tuple[Button, ...]:
    if kind == "energy":
        return tuple(Button(str(n), f"checkin:energy:{n}", row=1) for n in range(1, 6))
    return tuple(Button(render(f"burnout_{n}"), f"checkin:burnout:{n}", row=n) for n in range(1, 6))


def open_checkin(
    store: Store, member: Member, plan: CheckinPlan, now: datetime, delivery_id: int | None = None
) -> Conversation:
    """Record that the check-in was asked (after it was sent, for scheduled ones)."""
    last = store.checkins.latest_conversation(member.workspace_id, member.id)
    return store.checkins.open_conversation(
        member.workspace_id,
        member.id,
        now,
        delivery_id=delivery_id,
        question_id=plan.question_id,
        theme=plan.theme,
        stage="followthrough" if plan.step else "question",
        pulse_kind=plan.pulse_kind,
        commitment_id=plan.step.commitment_id if plan.step else None,
        said=last.said if last else None,  # the last reflection said is not said again first thing
    )


def start_now(ctx: Ctx, theme: str | None = None) -> list[Reply]:
    """A check-in on request (`/checkin`, `/checkin rest`, the Start button)."""
    seed = _seed(ctx.member.id, ctx.now)
    plan = plan_checkin(ctx.store, ctx.member, ctx.now, theme=theme, local_hour=ctx.local_now().hour, seed=seed)
    open_checkin(ctx.store, ctx.member, plan, ctx.now)
    return render_checkin(plan, ctx.member, scheduled=False, seed=seed)


def current(ctx: Ctx) -> Conversation | None:
    """The member's open check-in, closing it quietly first if it has been idle too long."""
    conv = ctx.store.checkins.current_conversation(ctx.ws_id, ctx.member.id)
    if conv is not None and ctx.now - conv.last_activity_at >= IDLE_CLOSE:
        ctx.store.checkins.close_conversation(conv.id, "expired", ctx.now)
        return None
    return conv


def reply(ctx: Ctx, conv: Conversation, text: str) -> list[Reply]:
    """The member answered the open check-in: read what was said and answer it (handlers.checkin.turns)."""
    return turns.reply(ctx, conv, text)


def open_question(conv: Conversation) -> str:
    """The question the open check-in is waiting on, to show it again (after the safety question)."""
    library = library_for(conv.question_id)
    lang = library.language
    if conv.stage == "followthrough":
        return render("checkin_followthrough_again", language=lang)  # which prompt was shown is not stored
    if conv.stage == "followup" and conv.followups:
        asked = conv.followups[-1]
        if asked.startswith(turns.LISTEN):
            name, _, variant = asked.removeprefix(turns.LISTEN).partition(":")
            return say(name, int(variant or 0), language=lang)
        return library.prompt(asked).text
    if conv.stage == "step":
        return select_step(library, seed=conv.id).text
    return library.question(conv.question_id).text


def _seed(member_id: int, now: datetime) -> int:
    """A stable seed per member and hour, so a repeated request asks the same."""
    return zlib.crc32(f"{member_id}:{now:%Y%m%d%H}".encode())


def offer(ctx: Ctx) -> list[Reply]:
    """Free text outside a check-in: a gentle offer, never an error (and the text is not kept)."""
    return [
        Reply(
            render("offer_checkin"),
            buttons=(
                Button(render("button_start_checkin"), "checkin:start", style="primary"),
                Button(render("button_not_now"), "checkin:not-now"),
            ),
        )
    ]
