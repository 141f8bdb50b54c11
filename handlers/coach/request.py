"""Asking for a human peer coach: the request form, status and cancel, and the urgent request from the crisis reply."""

from __future__ import annotations

from handlers.coach import matching, profile
from handlers.coach import offers as coach_offers
from handlers.coach import roster as coach_roster
from handlers.core import dates
from handlers.core.context import Ctx
from handlers.core.parsing import split_args, split_options
from handlers.core.vocabulary import CoachingError, Form, FormField, Option, Reply
from prompts.messages import render
from store.models import CoachRequest

EXAMPLE = '/coach peer=same timing=this-week format=chat topic="juggling nights and family"'
PEERS = ("same", "any", "physician", "nurse", "app")
TIMINGS = {"today": "today", "this-week": "this week", "no-rush": "when it suits"}
FORMATS = ("chat", "phone", "video")
FORM_ID = "coach.request"
TOPIC_MAX = 500


def request(ctx: Ctx, args: str) -> list[Reply]:
    """`/coach` opens the form; `/coach peer=... topic="..."` is the same form in one line."""
    if not args.strip():
        return [_form(ctx)]
    plain, options = split_options(split_args(args, EXAMPLE))
    if plain and plain != ["request"]:
        raise CoachingError(render("coach_err_word", word=plain[-1]), EXAMPLE)
    return submit_form(ctx, options)


def submit_form(ctx: Ctx, values: dict) -> list[Reply]:
    """Validate everything, save the role if given, then create the request and make the first offer."""
    unknown = sorted(set(values) - {"peer", "topic", "timing", "format", "specialty", "role", "department"})
    if unknown:
        raise CoachingError(render("coach_err_option", option=unknown[0]), EXAMPLE)
    peer = (values.get("peer") or "same").lower()
    if peer not in PEERS:
        raise CoachingError(render("err_one_of", name="peer", choices=", ".join(PEERS), value=peer), EXAMPLE)
    timing = (values.get("timing") or "this-week").lower()
    if timing not in TIMINGS:
        raise CoachingError(render("err_one_of", name="timing", choices=", ".join(TIMINGS), value=timing), EXAMPLE)
    fmt = (values.get("format") or "chat").lower()
    if fmt not in FORMATS:
        raise CoachingError(render("err_one_of", name="format", choices=", ".join(FORMATS), value=fmt), EXAMPLE)
    topic = (values.get("topic") or "").strip()
    if len(topic) > TOPIC_MAX:
        raise CoachingError(render("coach_err_topic_long", most=TOPIC_MAX), EXAMPLE)
    role = profile.parse_role(values["role"]) if values.get("role") else ctx.member.role
    department = (values.get("department") or "").strip() or ctx.member.department
    if department and len(department) > 100:
        raise CoachingError(render("err_department_long"), EXAMPLE)
    if not role or not department:
        raise CoachingError(render("coach_need_profile"), "/coach role=nurse department=ICU peer=same")
    _refuse_second_request(ctx)
    if (role, department) != (ctx.member.role, ctx.member.department):
        ctx.store.members.update_member(ctx.ws_id, ctx.member.id, role=role, department=department)
        ctx = ctx.refreshed()
    made = ctx.store.coaching.create_request(
        ctx.ws_id,
        ctx.member.id,
        topic or None,
        ctx.now,
        peer=peer,
        timing=timing,
        format=fmt,
        specialty=(values.get("specialty") or "").strip()[:100],
    )
    received = Reply(render("coach_request_received", name=ctx.name, peer=_peer_phrase(peer, role)))
    offers = coach_offers.offer_next(ctx, made)
    if ctx.store.coaching.coach_request(made.id).status != "open":
        return offers  # nobody could be asked: the honest answer and the other routes, not a promise
    return [received, *offers]


def _peer_phrase(peer: str, role: str) -> str:
    """Who is being asked, in words: a physician peer coach, an APP peer coach, a trained peer coach."""
    family = matching.family(role if peer == "same" else peer) if peer != "any" else None
    if family is None or family == "other":
        return render("coach_peer_phrase_any")
    return render(f"coach_peer_phrase_{family}")


def _refuse_second_request(ctx: Ctx) -> None:
    active = ctx.store.coaching.active_request(ctx.ws_id, ctx.member.id)
    if active is None:
        return
    if active.status == "matched":
        coach = ctx.store.members.member(ctx.ws_id, active.coach_member_id)
        raise CoachingError(
            render("coach_already_matched", coach=coach.display_name if coach else render("coach_a_coach"))
        )
    raise CoachingError(render("coach_already_open", since=dates.day(active.created_at.astimezone(ctx.zone()))))


def request_urgent(ctx: Ctx) -> list[Reply]:
    """From the crisis reply, with consent: offered to several coaches at once, first to accept wins."""
    active = ctx.store.coaching.active_request(ctx.ws_id, ctx.member.id)
    if active is not None and active.status == "matched":
        coach = ctx.store.members.member(ctx.ws_id, active.coach_member_id)
        return [Reply(render("coach_already_matched", coach=coach.display_name if coach else render("coach_a_coach")))]
    if active is not None and active.urgent:
        return [Reply(render("coach_already_open", since=render("coach_earlier")))]
    # An ordinary request still waiting is replaced, so that "someone will reach out today" is true.
    told = _withdraw(ctx, active) if active is not None else []
    made = ctx.store.coaching.create_request(
        ctx.ws_id, ctx.member.id, None, ctx.now, peer="any", timing="today", format="chat", urgent=True
    )
    return [*told, *coach_offers.offer_next(ctx, made)]


def status(ctx: Ctx, args: str = "") -> list[Reply]:
    active = ctx.store.coaching.active_request(ctx.ws_id, ctx.member.id)
    if active is None:
        return [Reply(render("coach_status_none"))]
    zone = ctx.zone()
    if active.status == "matched":
        coach = ctx.store.members.member(ctx.ws_id, active.coach_member_id)
        return [
            Reply(
                render(
                    "coach_status_matched",
                    coach=coach.display_name if coach else render("coach_your_coach"),
                    since=dates.day(active.matched_at.astimezone(zone)),
                )
            )
        ]
    offered = len(ctx.store.coaching.offered_coach_ids(active.id))
    since = dates.day(active.created_at.astimezone(zone))
    return [Reply(render("coach_status_open", since=since, offered=offered))]


def cancel(ctx: Ctx, args: str = "") -> list[Reply]:
    active = ctx.store.coaching.active_request(ctx.ws_id, ctx.member.id)
    if active is None or active.status != "open":
        return [Reply(render("coach_nothing_to_cancel"))]
    return [Reply(render("coach_cancelled")), *_withdraw(ctx, active)]


def _withdraw(ctx: Ctx, request: CoachRequest) -> list[Reply]:
    """Cancel an open request; the coaches still holding an offer for it are told."""
    if not ctx.store.coaching.set_request_status(request.id, "cancelled", ctx.now):
        raise CoachingError(render("coach_too_late_to_cancel"), "/coach status")  # a coach accepted just now
    withdrawn = ctx.store.coaching.withdraw_offers(request.id, ctx.now)
    return [Reply(render("coach_withdrawn"), to=m.user_id) for m in ctx.store.members.all(ctx.ws_id, withdrawn)]


def _form(ctx: Ctx) -> Reply:
    fields = [
        FormField("topic", render("coach_form_topic"), "long_text", optional=True),
        FormField(
            "peer",
            render("coach_form_peer"),
            "select",
            initial="same",
            options=(Option("same", render("coach_form_peer_same")), Option("any", render("coach_form_peer_any"))),
        ),
        FormField("specialty", render("coach_form_specialty"), "text", optional=True),
        FormField(
            "timing",
            render("coach_form_timing"),
            "select",
            initial="this-week",
            options=tuple(Option(k, render(f"coach_form_timing_{k.replace('-', '_')}")) for k in TIMINGS),
        ),
        FormField(
            "format",
            render("coach_form_format"),
            "select",
            initial="chat",
            options=tuple(Option(f, render(f"coach_form_format_{f}")) for f in FORMATS),
        ),
    ]
    if not ctx.member.role or not ctx.member.department:
        roles = tuple(Option(r, render(f"role_title_{r}")) for r in profile.ROLE_CHOICES)
        fields[:0] = [
            FormField("role", render("form_your_role"), "select", options=roles),
            FormField("department", render("form_your_department"), "text", hint=render("coach_form_department_hint")),
        ]
    title = render("coach_form_title")
    form = Form(FORM_ID, title, tuple(fields), submit_label=render("coach_form_submit"), inline_example=EXAMPLE)
    return Reply(title, form=form)


def help_(ctx: Ctx, args: str = "") -> list[Reply]:
    lines = [render("help_request")]
    if ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id) is not None:
        lines.append(render("help_coach"))
    if ctx.is_admin:
        lines.append(render("help_admin"))
    return [Reply("\n".join(lines))]


COMMANDS = {
    "request": request,
    "status": status,
    "cancel": cancel,
    "help": help_,
    "available": coach_roster.available,
    "clients": coach_roster.clients,
    "done": coach_roster.done,
    "roster": coach_roster.roster,
    "stats": coach_roster.stats,
}
ACTIONS = {**coach_offers.ACTIONS, **coach_roster.ACTIONS}
