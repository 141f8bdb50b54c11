"""Offering a request to coaches: who is asked next, accept, decline, time-outs, and the introduction."""

from __future__ import annotations

from datetime import datetime, timedelta

from handlers import matching
from handlers.args import whole_number
from handlers.context import Ctx, first_name
from handlers.messages import Button, Reply
from prompts.messages import Safe, render
from store import Store
from store.models import CoachRequest, Member, Workspace
from store.repo_privacy import Departure

URGENT_FAN_OUT = 3  # an urgent request goes to this many coaches at once
URGENT_TIMEOUT = timedelta(hours=2)
TIMING_PHRASE = {"today": "today", "this-week": "this week", "no-rush": "when it suits you both"}


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
    requester = store.member(workspace.id, request.requester_id)
    need = matching.Need(
        requester.id,
        requester.role,
        requester.department,
        peer=request.peer,
        specialty=request.specialty,
        timezone=requester.timezone,
    )
    roster = store.coach_roster(workspace.id)
    candidates = [_candidate(profile, member) for profile, member in roster]
    ranked = matching.match(need, candidates, store.offered_coach_ids(request.id), now=now)
    if not ranked:
        return _unmatched(store, workspace, request, requester, now, support_line)
    chosen = ranked[:URGENT_FAN_OUT] if request.urgent else ranked[:1]
    expires = now + (URGENT_TIMEOUT if request.urgent else timedelta(hours=hours))
    offers = store.add_offers(request.id, [c.member_id for c in chosen], now, expires)
    coaches = {m.id: m for m in store.members(workspace.id, [c.member_id for c in chosen])}
    text = _offer_text(store, request, requester, hours)
    return [
        Reply(
            text,
            to=coaches[o.coach_member_id].user_id,
            buttons=(
                Button("Accept", f"coach:accept:{o.id}", style="primary"),
                Button("Decline", f"coach:decline:{o.id}"),
            ),
        )
        for o in offers
    ]


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
    role = requester.role or "clinician"
    if request.urgent:
        return render("coach_offer_urgent", role=role)
    topic = store.request_topic(request)
    peer = {"same": f"a {role} peer", "any": "any trained peer"}.get(request.peer, f"a {request.peer} peer")
    return render(
        "coach_offer",
        role=role,
        peer=peer,
        specialty=request.specialty or "any",
        timing=TIMING_PHRASE[request.timing],
        format=request.format,
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
    store.set_request_status(request.id, "unmatched", now)
    routes = render("coach_route_support", line=support_line) if support_line else ""
    if matching.family(requester.role) == "physician" or requester.role is None:
        routes += render("coach_route_psl")
    routes += render("coach_route_988")
    # Admins are not told of it as it happens: one request at a known moment is news about one person. They
    # see matched and unmatched in the month's figures (`/coach stats`), drawn from 5 people or more.
    return [Reply(render("coach_unmatched", name=first_name(requester), routes=routes), to=requester.user_id)]


def accept(ctx: Ctx, arg: str) -> list[Reply]:
    offer_id = whole_number(arg) or 0
    result = ctx.store.accept_offer(offer_id, ctx.member.id, ctx.now)
    if result.outcome == "gone":
        return [Reply(render("coach_gone"))]
    if result.outcome == "taken":
        return [Reply(render("coach_taken"))]
    if result.outcome == "full":
        profile = ctx.store.coach_profile(ctx.ws_id, ctx.member.id)
        ctx.store.answer_offer(offer_id, ctx.member.id, "declined", ctx.now)
        replies = [Reply(render("coach_full", capacity=profile.capacity if profile else 0))]
        return replies + next_if_waiting(ctx, result.request)
    return introduce(ctx, result.request)


def decline(ctx: Ctx, arg: str) -> list[Reply]:
    offer_id = whole_number(arg) or 0
    if not ctx.store.answer_offer(offer_id, ctx.member.id, "declined", ctx.now):
        return [Reply(render("coach_gone"))]
    request = ctx.store.coach_request(ctx.store.coach_offer(offer_id).request_id)
    return [Reply(render("coach_declined_ack")), *next_if_waiting(ctx, request)]


def next_if_waiting(ctx: Ctx, request: CoachRequest | None) -> list[Reply]:
    """Ask the next coach only when nobody else still holds an offer for this request."""
    if request is None or request.status != "open" or ctx.store.pending_offers(request.id):
        return []
    return offer_next(ctx, request)


def introduce(ctx: Ctx, request: CoachRequest) -> list[Reply]:
    """Both learn who the other is and how to reach them; Slack also opens a group DM for the three."""
    client = ctx.store.member(ctx.ws_id, request.requester_id)
    coach, profile = ctx.member, ctx.store.coach_profile(ctx.ws_id, ctx.member.id)
    topic = ctx.store.request_topic(request)
    phrase = TIMING_PHRASE[request.timing]
    to_coach = render(
        "coach_intro_coach",
        client=client.display_name or "your client",
        format=request.format,
        client_role=client.role or "clinician",
        client_department=client.department or "another team",
        timing_phrase=phrase,
        client_mention=mention(ctx, client),
        topic_line=render("coach_intro_topic", topic=topic) if topic else "",
    )
    to_client = render(
        "coach_intro_requester",
        name=first_name(client),
        coach=coach.display_name or "A coach",
        coach_role=profile.role if profile else "peer coach",
        coach_department=profile.department if profile else "",
        timing_phrase=phrase,
        coach_mention=mention(ctx, coach),
    )
    mentions = {"client_mention": mention(ctx, client), "coach_mention": mention(ctx, coach)}
    group, alone = render("coach_intro_group", **mentions), render("coach_intro_direct", **mentions)
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
    for offer in store.expired_offers(now):
        if not store.answer_offer(offer.id, offer.coach_member_id, "expired", now):
            continue
        request = store.coach_request(offer.request_id)
        workspace = store.workspace(request.workspace_id)
        own = workspace.settings or {}
        ws_hours, line = int(own.get("offer_timeout_hours") or hours), own.get("support_line") or support_line
        coach = store.member(workspace.id, offer.coach_member_id)
        out.append((workspace, Reply(render("coach_expired_offer"), to=coach.user_id)))
        if request.status == "open" and not store.pending_offers(request.id):
            replies = offer_request(store, workspace, request, now, hours=ws_hours, support_line=line)
            out += [(workspace, reply) for reply in replies]
    return out


def after_departure(ctx: Ctx, departure: Departure) -> list[Reply]:
    """Someone deleted their data: their clients ask again, their coaches get their place back, offers move on."""
    replies: list[Reply] = []
    for request_id in departure.reopened:
        request = ctx.store.coach_request(request_id)
        client = ctx.store.member(ctx.ws_id, request.requester_id)
        replies.append(Reply(render("coach_gone_reopened", name=first_name(client)), to=client.user_id))
        replies += offer_next(ctx, request)
    for coach in ctx.store.members(ctx.ws_id, departure.freed_coaches):
        replies.append(
            Reply(render("coach_client_gone", client=ctx.member.display_name or "a client"), to=coach.user_id)
        )
    for coach in ctx.store.members(ctx.ws_id, departure.withdrawn_from):
        replies.append(Reply(render("coach_withdrawn"), to=coach.user_id))
    for request_id in departure.passed_on:
        replies += next_if_waiting(ctx, ctx.store.coach_request(request_id))
    return replies


ACTIONS = {"coach:accept": accept, "coach:decline": decline}
