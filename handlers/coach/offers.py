"""Offering a request to coaches: who is asked next, accept, decline, time-outs, and the introduction."""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers.coach import matching
from handlers.core.context import Ctx, first_name, member_language
from handlers.core.parsing import whole_number
from handlers.core.vocabulary import Button, Reply
from prompts.messages import Safe, render, speaking
from store import Store
from store.models import CoachRequest, Member, Workspace
from store.repo_privacy import Departure

URGENT_FAN_OUT = 3  # an urgent request goes to this many coaches at once
URGENT_TIMEOUT = timedelta(hours=2)


def timing_phrase(timing: str) -> str:
    """When the coach will reach out, in words: "today", "this week", "when it suits you both"."""
    return render(f"coach_timing_{timing.replace('-', '_')}")


def role_name(role: str | None) -> str:
    """A role in the language being spoken ("nurse", "enfermería"); unknown roles as they were stored."""
    return render(f"role_{role}") if role in ("physician", "resident", "nurse", "app", "other") else role or ""


def offer_next(ctx: Ctx, request: CoachRequest) -> list[Reply]:
    """Offer the request to the best coach not yet asked (several at once if urgent); or say no one is left."""
    return offer_request(
        ctx.store,
        ctx.workspace,
        request,
        ctx.now,
        hours=int(ctx.setting("offer_timeout_hours")),
        support_line=ctx.setting("support_line"),
    )


def offer_request(
    store: Store, workspace: Workspace, request: CoachRequest, now: datetime, *, hours: int, support_line: str
) -> list[Reply]:
    requester = store.members.member(workspace.id, request.requester_id)
    need = matching.Need(
        requester.id,
        requester.role,
        requester.department,
        peer=request.peer,
        specialty=request.specialty,
        timezone=requester.timezone,
    )
    roster = store.coaching.coach_roster(workspace.id)
    candidates = [_candidate(entry.profile, entry.member) for entry in roster]
    ranked = matching.match(need, candidates, store.coaching.offered_coach_ids(request.id), now=now)
    if not ranked:
        return _unmatched(store, workspace, request, requester, now, support_line)
    chosen = ranked[:URGENT_FAN_OUT] if request.urgent else ranked[:1]
    expires = now + (URGENT_TIMEOUT if request.urgent else timedelta(hours=hours))
    offers = store.coaching.add_offers(request.id, [c.member_id for c in chosen], now, expires)
    coaches = {m.id: m for m in store.members.all(workspace.id, [c.member_id for c in chosen])}
    replies = []
    for o in offers:
        coach = coaches[o.coach_member_id]
        with speaking(member_language(coach, workspace)):  # each coach reads the offer in their own language
            buttons = (
                Button(render("button_accept"), f"coach:accept:{o.id}", style="primary"),
                Button(render("button_decline"), f"coach:decline:{o.id}"),
            )
            replies.append(Reply(_offer_text(store, request, requester, hours), to=coach.user_id, buttons=buttons))
    return replies


def _candidate(profile, member: Member) -> matching.Candidate:
    return matching.Candidate(
        member.id,
        profile.role,
        profile.department,
        profile.specialty,
        tuple(profile.languages or ("en",)),
        profile.capacity,
        profile.active_count,
        profile.available,
        member.timezone,
        member.display_name,
    )


def _offer_text(store: Store, request: CoachRequest, requester: Member, hours: int) -> str:
    role = role_name(requester.role) or render("role_clinician")
    if request.urgent:
        return render("coach_offer_urgent", role=role)
    topic = store.coaching.request_topic(request)
    peer = (
        render("coach_peer_any")
        if request.peer == "any"
        else render(
            "coach_peer_role", role=role_name(requester.role if request.peer == "same" else request.peer) or role
        )
    )
    return render(
        "coach_offer",
        role=role,
        peer=peer,
        specialty=request.specialty or render("coach_specialty_any"),
        timing=timing_phrase(request.timing),
        format=render(f"coach_format_{request.format}"),
        hours=hours,
        topic_line=render("coach_offer_topic", topic=topic) if topic else "",
    )


def _unmatched(
    store: Store,
    workspace: Workspace,
    request: CoachRequest,
    requester: Member,
    now: datetime,
    support_line: str,
) -> list[Reply]:
    store.coaching.set_request_status(request.id, "unmatched", now)
    with speaking(member_language(requester, workspace)):
        return [_unmatched_reply(requester, support_line)]


def _unmatched_reply(requester: Member, support_line: str) -> Reply:
    routes = render("coach_route_support", line=support_line) if support_line else ""
    if matching.family(requester.role) == "physician" or requester.role is None:
        routes += render("coach_route_psl")
    routes += render("coach_route_988")
    # Admins are not told of it as it happens: one request at a known moment is news about one person. They
    # see matched and unmatched in the month's figures (`/coach stats`), drawn from 5 people or more.
    return Reply(render("coach_unmatched", name=first_name(requester), routes=routes), to=requester.user_id)


def accept(ctx: Ctx, arg: str) -> list[Reply]:
    offer_id = whole_number(arg) or 0
    result = ctx.store.coaching.accept_offer(offer_id, ctx.member.id, ctx.now)
    if result.outcome == "gone":
        return [Reply(render("coach_gone"))]
    if result.outcome == "taken":
        return [Reply(render("coach_taken"))]
    if result.outcome == "full":
        profile = ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id)
        ctx.store.coaching.answer_offer(offer_id, ctx.member.id, "declined", ctx.now)
        replies = [Reply(render("coach_full", capacity=profile.capacity if profile else 0))]
        return replies + next_if_waiting(ctx, result.request)
    return introduce(ctx, result.request)


def decline(ctx: Ctx, arg: str) -> list[Reply]:
    offer_id = whole_number(arg) or 0
    if not ctx.store.coaching.answer_offer(offer_id, ctx.member.id, "declined", ctx.now):
        return [Reply(render("coach_gone"))]
    request = ctx.store.coaching.coach_request(ctx.store.coaching.coach_offer(offer_id).request_id)
    return [Reply(render("coach_declined_ack")), *next_if_waiting(ctx, request)]


def next_if_waiting(ctx: Ctx, request: CoachRequest | None) -> list[Reply]:
    """Ask the next coach only when nobody else still holds an offer for this request."""
    if request is None or request.status != "open" or ctx.store.coaching.pending_offers(request.id):
        return []
    return offer_next(ctx, request)


def introduce(ctx: Ctx, request: CoachRequest) -> list[Reply]:
    """Both learn who the other is and how to reach them; Slack also opens a group DM for the three."""
    client = ctx.store.members.member(ctx.ws_id, request.requester_id)
    coach, profile = ctx.member, ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id)
    topic = ctx.store.coaching.request_topic(request)
    to_coach = render(
        "coach_intro_coach",
        client=client.display_name or render("coach_your_client"),
        format=render(f"coach_format_{request.format}"),
        client_role=role_name(client.role) or render("role_clinician"),
        client_department=client.department or render("coach_another_team"),
        timing_phrase=timing_phrase(request.timing),
        client_mention=mention(ctx, client),
        topic_line=render("coach_intro_topic", topic=topic) if topic else "",
    )
    with speaking(member_language(client, ctx.workspace)):  # the client reads theirs in their own language
        to_client = render(
            "coach_intro_requester",
            name=first_name(client),
            coach=coach.display_name or render("coach_a_coach"),
            coach_role=role_name(profile.role) if profile else render("coach_peer_coach"),
            coach_department=profile.department if profile else "",
            timing_phrase=timing_phrase(request.timing),
            coach_mention=mention(ctx, coach),
        )
    # Both read the shared introduction: in each one's language when they differ (client's first).
    languages = dict.fromkeys((member_language(client, ctx.workspace), ctx.language))
    mentions = {"client_mention": mention(ctx, client), "coach_mention": mention(ctx, coach)}
    group = "\n".join(render("coach_intro_group", language=lang, **mentions) for lang in languages)
    alone = "\n".join(render("coach_intro_direct", language=lang, **mentions) for lang in languages)
    return [
        Reply(to_coach),
        Reply(to_client, to=client.user_id),
        Reply(group, to=client.user_id, intro_with=(client.user_id, coach.user_id), intro_alone=alone),
    ]


def mention(ctx: Ctx, member: Member) -> str:
    """How to reach someone on this platform: a Slack mention, else their name and handle."""
    if ctx.incoming.actor.platform == "slack":
        return Safe(f"<@{member.user_id}>")
    handle = f" (@{member.handle})" if member.handle else ""
    return f"{member.display_name or member.user_id}{handle}"


def expire_offers(store: Store, now: datetime, *, hours: int, support_line: str) -> list[tuple[Workspace, Reply]]:
    """The scheduler's sweep: offers nobody answered in time go to the next coach."""
    out: list[tuple[Workspace, Reply]] = []
    for offer in store.coaching.expired_offers(now):
        if not store.coaching.answer_offer(offer.id, offer.coach_member_id, "expired", now):
            continue
        request = store.coaching.coach_request(offer.request_id)
        workspace = store.members.workspace(request.workspace_id)
        own = workspace.settings or {}
        ws_hours, line = int(own.get("offer_timeout_hours") or hours), own.get("support_line") or support_line
        coach = store.members.member(workspace.id, offer.coach_member_id)
        with speaking(member_language(coach, workspace)):
            out.append((workspace, Reply(render("coach_expired_offer"), to=coach.user_id)))
        if request.status == "open" and not store.coaching.pending_offers(request.id):
            replies = offer_request(store, workspace, request, now, hours=ws_hours, support_line=line)
            out += [(workspace, reply) for reply in replies]
    return out


def after_departure(ctx: Ctx, departure: Departure) -> list[Reply]:
    """Someone deleted their data: their clients ask again, their coaches get their place back, offers move on."""
    replies: list[Reply] = []
    for request_id in departure.reopened:
        request = ctx.store.coaching.coach_request(request_id)
        client = ctx.store.members.member(ctx.ws_id, request.requester_id)
        replies.append(_told(ctx, client, "coach_gone_reopened", name=first_name(client)))
        replies += offer_next(ctx, request)
    for coach in ctx.store.members.all(ctx.ws_id, departure.freed_coaches):
        someone = render("coach_a_client", language=member_language(coach, ctx.workspace))
        replies.append(_told(ctx, coach, "coach_client_gone", client=ctx.member.display_name or someone))
    for coach in ctx.store.members.all(ctx.ws_id, departure.withdrawn_from):
        replies.append(_told(ctx, coach, "coach_withdrawn"))
    for request_id in departure.passed_on:
        replies += next_if_waiting(ctx, ctx.store.coaching.coach_request(request_id))
    return replies


def _told(ctx: Ctx, member: Member, message: str, **values: object) -> Reply:
    """A message for someone other than the person acting, in that person's own language."""
    return Reply(render(message, language=member_language(member, ctx.workspace), **values), to=member.user_id)


ACTIONS = {"coach:accept": accept, "coach:decline": decline}
