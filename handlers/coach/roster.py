"""The roster (admins), coaches' own commands (available, clients, done), and feedback after an engagement."""

from __future__ import annotations

from handlers.coach import offers as coach_offers
from handlers.coach import profile
from handlers.core import dates
from handlers.core.access import audit, require_admin
from handlers.core.context import Ctx, member_language
from handlers.core.parsing import parse_int, split_args, split_options, whole_number
from handlers.core.vocabulary import Button, CoachingError, Reply
from handlers.privacy.small_groups import HIDDEN
from handlers.program import audience
from handlers.program.report import month_report
from handlers.timing.months import parse_month
from prompts.messages import Safe, escape, render, speaking
from store.models import Member

REMOVE_EXAMPLE = "/coach roster remove @dr.patel"
AVAILABLE_EXAMPLE = "/coach roster available @dr.patel off"
ROSTER_EXAMPLE = (
    '/coach roster add @dr.patel role=physician specialty="cardiology" department=Cardiology capacity=3 languages=en,es'
)


def _require_coach(ctx: Ctx):
    coach = ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id)
    if coach is None:
        raise CoachingError(render("coach_not_coach"))
    return coach


def available(ctx: Ctx, args: str) -> list[Reply]:
    _require_coach(ctx)
    state = args.strip().lower()
    if state not in ("on", "off"):
        raise CoachingError(render("err_on_off"), "/coach available off")
    ctx.store.coaching.upsert_coach(ctx.ws_id, ctx.member.id, ctx.now, available=state == "on")
    return [Reply(render("coach_available", state=render("home_available" if state == "on" else "home_not_available")))]


def clients(ctx: Ctx, args: str = "") -> list[Reply]:
    _require_coach(ctx)
    rows = ctx.store.coaching.coach_clients(ctx.ws_id, ctx.member.id)
    if not rows:
        return [Reply(render("coach_clients_none"))]
    zone = ctx.zone()
    lines = [
        render(
            "coach_client_line",
            id=req.id,
            name=m.display_name or m.user_id,
            role=coach_offers.role_name(m.role) or render("role_clinician"),
            since=dates.day(req.matched_at.astimezone(zone)),
            format=render(f"coach_format_{req.format}"),
        )
        for req, m in rows
    ]
    return [Reply(render("coach_clients", lines=Safe("\n".join(lines))))]


def done(ctx: Ctx, args: str) -> list[Reply]:
    """Close an engagement (by @person or its number), free the seat, and ask the clinician two optional questions."""
    _require_coach(ctx)
    example = "/coach done @dr.lee"
    word = args.strip()
    if not word:
        raise CoachingError(render("err_done_who"), example)
    numbered = whole_number(word.lstrip("#")) is not None
    client = _client_by_number(ctx, word) if numbered else audience.find_person(ctx, word, example)
    closed = ctx.store.coaching.close_engagement(ctx.ws_id, ctx.member.id, client.id, ctx.now) if client else None
    if closed is None:
        raise CoachingError(render("err_done_none", who=word), example)
    profile_ = ctx.store.coaching.coach_profile(ctx.ws_id, ctx.member.id)
    free = profile_.capacity - profile_.active_count
    with speaking(member_language(client, ctx.workspace)):  # the client reads it in their own language
        ask = Reply(
            render("coach_done_client", coach=ctx.member.display_name or render("coach_your_coach")),
            to=client.user_id,
            buttons=tuple(Button(str(n), f"coach:helpful:{closed.id}:{n}") for n in range(1, 6)),
        )
    return [
        Reply(render("coach_done_coach", client=client.display_name or render("coach_your_client"), free=free)),
        ask,
    ]


def _client_by_number(ctx: Ctx, word: str) -> Member | None:
    request = ctx.store.coaching.coach_request(int(word.lstrip("#")))
    if request is None or request.workspace_id != ctx.ws_id or request.coach_member_id != ctx.member.id:
        return None
    return ctx.store.members.member(ctx.ws_id, request.requester_id)


def feedback_helpful(ctx: Ctx, arg: str) -> list[Reply]:
    """How helpful the coaching was, 1-5: only for the program's totals, only from the client, once."""
    request, score = _feedback_target(ctx, arg, "helpful")
    if request is None:
        return [Reply(render("already_handled"))]
    ctx.store.checkins.add_pulse(ctx.ws_id, ctx.member.id, "helpful", score, ctx.now)
    buttons = tuple(Button(render(f"burnout_{n}"), f"coach:burnout:{request.id}:{n}", row=n) for n in range(1, 6))
    return [Reply(render("coach_done_burnout"), buttons=buttons)]


def feedback_burnout(ctx: Ctx, arg: str) -> list[Reply]:
    request, score = _feedback_target(ctx, arg, "burnout")
    if request is None:
        return [Reply(render("already_handled"))]
    ctx.store.checkins.add_pulse(ctx.ws_id, ctx.member.id, "burnout", score, ctx.now)
    return [Reply(render("burnout_high") if score >= 4 else render("coach_feedback_thanks"))]


def _feedback_target(ctx: Ctx, arg: str, kind: str):
    """The closed engagement this answer is about, if it is the asker's own and not answered yet (else None)."""
    request_id, _, score = arg.partition(":")
    number = whole_number(request_id)
    request = ctx.store.coaching.coach_request(number) if number is not None else None
    valid = request is not None and request.requester_id == ctx.member.id and request.status == "closed"
    points = whole_number(score)
    if not valid or points is None or not 1 <= points <= 5:
        return None, 0
    answered = ctx.store.checkins.last_pulse_at(ctx.member.id, kind)
    if answered is not None and answered >= request.closed_at:
        return None, 0  # counted once: a second press would skew the totals
    return request, points


def roster(ctx: Ctx, args: str) -> list[Reply]:
    word, _, rest = args.strip().partition(" ")
    require_admin_for_roster(ctx, word or "list")
    actions = {"add": _roster_add, "list": _roster_list, "remove": _roster_remove, "available": _roster_available}
    action = actions.get(word.lower() or "list")
    if action is None:
        raise CoachingError(render("roster_err_word", word=word), ROSTER_EXAMPLE)
    return action(ctx, rest.strip())


def require_admin_for_roster(ctx: Ctx, word: str) -> None:
    if not ctx.is_admin:
        raise CoachingError(render("admin_only", command="coach roster", word=word))


def _roster_add(ctx: Ctx, args: str) -> list[Reply]:
    plain, options = split_options(split_args(args, ROSTER_EXAMPLE))
    if len(plain) != 1:
        raise CoachingError(render("roster_err_one"), ROSTER_EXAMPLE)
    return add_coach(ctx, plain[0], options)


def add_coach(ctx: Ctx, who: str, options: dict[str, str]) -> list[Reply]:
    """Put someone (`@handle` or a mention) on the roster, or change their entry; checked before anything is saved."""
    require_admin_for_roster(ctx, "add")
    unknown = sorted(set(options) - {"role", "specialty", "department", "capacity", "languages"})
    if unknown:
        raise CoachingError(render("roster_err_option", option=unknown[0]), ROSTER_EXAMPLE)
    department = options.get("department", "").strip()
    if not options.get("role") or not department:
        raise CoachingError(render("roster_err_role_department"), ROSTER_EXAMPLE)
    try:
        role = profile.parse_role(options["role"])
    except CoachingError as bad:  # its own example is /checkin profile; show the roster one
        raise CoachingError(bad.reason, ROSTER_EXAMPLE) from None
    capacity = parse_int(options.get("capacity", "3"), "capacity", ROSTER_EXAMPLE, 1, 20)
    languages = [x.strip().lower() for x in options.get("languages", "en").split(",") if x.strip()] or ["en"]
    person = audience.find_person(ctx, who, ROSTER_EXAMPLE)
    current = ctx.store.coaching.coach_profile(ctx.ws_id, person.id)
    if current is not None and current.active_count > capacity:
        name = person.display_name or who
        raise CoachingError(render("roster_err_capacity", name=name, active=current.active_count), ROSTER_EXAMPLE)
    ctx.store.coaching.upsert_coach(
        ctx.ws_id,
        person.id,
        ctx.now,
        role=role,
        specialty=options.get("specialty", "")[:100],
        department=department[:100],
        capacity=capacity,
        languages=languages,
    )
    _audit(ctx, "roster.add", person)
    said = render(
        "roster_added",
        name=person.display_name or who,
        role=role,
        department=department,
        capacity=capacity,
        languages=", ".join(languages),
    )
    return [Reply(said)]


def _roster_list(ctx: Ctx, args: str = "") -> list[Reply]:
    rows = ctx.store.coaching.coach_roster(ctx.ws_id)
    if not rows:
        return [Reply(render("roster_none", example=ROSTER_EXAMPLE))]
    lines = [
        f"{escape(m.display_name or m.user_id)}: {p.role}, {escape(p.department)}"
        + (f", {escape(p.specialty)}" if p.specialty else "")
        + " · "
        + render("roster_line_state", active=p.active_count, capacity=p.capacity)
        + " · "
        + render("home_available" if p.available else "home_not_available")
        for p, m in rows
    ]
    return [Reply(render("roster_list", lines=Safe("\n".join(lines))))]


def _roster_remove(ctx: Ctx, args: str) -> list[Reply]:
    return remove_coach(ctx, audience.find_person(ctx, args.strip(), REMOVE_EXAMPLE))


def remove_coach(ctx: Ctx, person: Member) -> list[Reply]:
    """Take a coach off the roster (not while they have clients); their pending offers go to the next coach."""
    require_admin_for_roster(ctx, "remove")
    example = REMOVE_EXAMPLE
    coach = ctx.store.coaching.coach_profile(ctx.ws_id, person.id)
    if coach is None:
        raise CoachingError(render("roster_err_not_on", name=person.display_name or person.user_id), example)
    waiting = ctx.store.coaching.pending_offer_request_ids(person.id)
    if not ctx.store.coaching.remove_coach(ctx.ws_id, person.id):
        raise CoachingError(render("roster_err_busy", name=person.display_name, active=coach.active_count), example)
    _audit(ctx, "roster.remove", person)
    removed = [Reply(render("roster_removed", name=person.display_name or person.user_id))]
    if waiting and person.id != ctx.member.id:
        removed.append(Reply(render("coach_off_roster", count=len(waiting)), to=person.user_id))
    # Their pending offers were withdrawn: ask the next coach, or those requests would wait for ever.
    return removed + [
        r for rid in waiting for r in coach_offers.next_if_waiting(ctx, ctx.store.coaching.coach_request(rid))
    ]


def _roster_available(ctx: Ctx, args: str) -> list[Reply]:
    word, _, state = args.strip().rpartition(" ")
    if not word.strip():
        raise CoachingError(render("roster_err_name_state"), AVAILABLE_EXAMPLE)
    return set_available(ctx, audience.find_person(ctx, word.strip(), AVAILABLE_EXAMPLE), state)


def set_available(ctx: Ctx, person: Member, state: str) -> list[Reply]:
    """An admin marks a coach available for new requests (`on`) or not (`off`); current clients are unchanged."""
    require_admin_for_roster(ctx, "available")
    if state.strip().lower() not in ("on", "off"):
        raise CoachingError(render("roster_err_state"), AVAILABLE_EXAMPLE)
    name = person.display_name or person.user_id
    if ctx.store.coaching.coach_profile(ctx.ws_id, person.id) is None:
        raise CoachingError(render("roster_err_not_on", name=name), AVAILABLE_EXAMPLE)
    on = state.strip().lower() == "on"
    ctx.store.coaching.upsert_coach(ctx.ws_id, person.id, ctx.now, available=on)
    _audit(ctx, "roster.available" if on else "roster.unavailable", person)
    state_text = render("home_available" if on else "home_not_available")
    return [Reply(render("roster_available", name=name, state=state_text))]


def stats(ctx: Ctx, args: str) -> list[Reply]:
    """A complete month's coach requests for admins: never who asked or why; small counts are hidden."""
    require_admin(ctx, "stats", "coach")
    month = parse_month(args, ctx.now, "/coach stats 2026-10", began=ctx.workspace.created_at)
    coach = month_report(ctx.store, ctx.workspace, month, None, ctx.now)["coach"]
    if coach["people"] in (HIDDEN, "0"):
        return [Reply(render("coach_stats_hidden", month=month.label, people=coach["people"]))]
    median = render("report_median", hours=f"{coach['median hours']:.1f}") if coach["median hours"] is not None else ""
    return [Reply(render("coach_stats", month=month.label, people=coach["people"], matched=coach["matched"]) + median)]


def _audit(ctx: Ctx, action: str, person: Member) -> None:
    audit(ctx, action, person.display_name or person.user_id)


ACTIONS = {"coach:helpful": feedback_helpful, "coach:burnout": feedback_burnout}
