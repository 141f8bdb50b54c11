"""Asking for a human peer coach, end to end: offers, answers, time-outs, the roster, and what nobody else may see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from handlers.coach.offers import expire_offers
from handlers.core.vocabulary import OrgSettings
from tests.dialog import Dialog, verify_dialog

CRISIS = "honestly I want to kill myself"
TOPIC = "juggling nights and my kids"
OTHER_TOPIC = "a patient death I keep replaying"
EXAMPLE = "for example"
# What identifies a requester or their reasons: it reaches their own coach and nobody else.
LEE_SECRETS = ("Jordan", "Emergency Department", TOPIC)
ORTIZ_SECRETS = ("Riley", "Surgery", OTHER_TOPIC)


def put_on_roster(d: Dialog, handle: str, role: str, department: str, capacity: int = 3, **fields) -> int:
    member_id = d.member(handle).id
    d.store.coaching.upsert_coach(
        d.ws_id, member_id, d.now, role=role, department=department, capacity=capacity, languages=["en"], **fields
    )
    return member_id


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="Emergency Department")
    d.add("admin", "Alex Rivera", admin=True)
    d.add("dr.patel", "Priya Patel", role="physician", department="Cardiology")
    d.add("dr.ng", "Sam Ng", role="physician", department="Oncology")
    d.add("nurse.kim", "Min-jun Kim", role="nurse", department="ICU")
    put_on_roster(d, "dr.patel", "physician", "Cardiology", capacity=2)
    put_on_roster(d, "dr.ng", "physician", "Oncology")
    put_on_roster(d, "nurse.kim", "nurse", "ICU")
    return d


def offered(replies, handle: str) -> int | None:
    """The offer id in the Accept button sent to `handle`, if one was."""
    for reply in replies:
        for button in reply.buttons:
            if reply.to == handle and button.action.startswith("coach:accept:"):
                return int(button.action.rsplit(":", 1)[1])
    return None


def recipients(replies) -> set[str | None]:
    return {r.to for r in replies}


def active(d: Dialog, handle: str) -> int:
    return d.store.coaching.coach_profile(d.ws_id, d.member(handle).id).active_count


def request_of(d: Dialog, handle: str = "dr.lee"):
    return d.store.coaching.active_request(d.ws_id, d.member(handle).id)


def all_requests(d: Dialog) -> list[tuple[int, str]]:
    with d.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT requester_id, status FROM coach_requests ORDER BY id"))]


def pulses(d: Dialog) -> list[tuple[int, str, int]]:
    with d.store.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT member_id, kind, score FROM pulses ORDER BY id"))]


def everything_said(replies) -> str:
    return "\n".join(r.text + " " + " ".join(b.label for b in r.buttons) for r in replies)


def ask(d: Dialog, said: str = f'/coach topic="{TOPIC}"', as_: str = "dr.lee"):
    d.as_ = as_
    return d.say(said)


# --- the happy path --------------------------------------------------------------------------------------------


def test_the_best_coach_gets_an_offer_without_the_requesters_identity(dialog):
    replies = ask(dialog, f'/coach peer=physician specialty=cardiology timing=today format=phone topic="{TOPIC}"')
    assert "I'm asking a physician peer coach from another department" in dialog.text()
    assert recipients(replies) == {None, "dr.patel"}  # one coach at a time, the best-ranked one
    offer = dialog.text(to="dr.patel")
    for shown in ("Role: physician", "Specialty: cardiology", "Timing: today", "Format: phone", TOPIC, "24 hours"):
        assert shown in offer
    for hidden in ("Jordan", "Lee", "dr.lee", "Emergency"):
        assert hidden not in offer
    assert [b.action for r in replies if r.to == "dr.patel" for b in r.buttons] == [
        "coach:accept:1",
        "coach:decline:1",
    ]
    assert request_of(dialog).status == "open"
    ask(dialog, "/coach status")
    assert "waiting: 1 coach(es) asked so far" in dialog.text()


def test_accepting_introduces_both_and_takes_a_place(dialog):
    verify_dialog(
        dialog,
        [
            ("dr.lee", f'/coach timing=today format=phone topic="{TOPIC}"', {None: ("I'm asking a physician",)}),
            (
                "dr.patel",
                "!coach:accept:1",
                {
                    None: (
                        "matched with Jordan Lee (physician, Emergency Department)",
                        "They'd like phone, today",
                        "@dr.lee",
                        TOPIC,
                    ),
                    "dr.lee": (
                        "Good news, Jordan: Priya Patel (physician, Cardiology)",
                        "reach out today",
                        "@dr.patel",
                        f"!{TOPIC}",
                    ),
                },
            ),
            ("dr.patel", "/coach clients", {None: ("*1* Jordan Lee (physician), since Wed, Nov 25, phone",)}),
            ("dr.lee", "/coach status", {None: ("You're working with Priya Patel since Wed, Nov 25",)}),
        ],
    )
    assert active(dialog, "dr.patel") == 1 and active(dialog, "dr.ng") == 0
    request = request_of(dialog)
    assert (request.status, request.coach_member_id) == ("matched", dialog.member("dr.patel").id)


def test_the_introduction_opens_a_chat_for_the_two(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    replies = dialog.say("!coach:accept:1")
    [group] = [r for r in replies if r.intro_with]
    assert group.intro_with == ("dr.lee", "dr.patel") and group.to == "dr.lee"
    assert "meet Priya Patel (@dr.patel), your peer coach" in group.text
    assert recipients(replies) == {None, "dr.lee"}
    assert "no longer open" in dialog.text(dialog.say("!coach:accept:1"))  # a second press changes nothing
    assert active(dialog, "dr.patel") == 1


def test_declining_offers_the_request_to_the_next_coach(dialog):
    verify_dialog(
        dialog,
        [
            ("dr.lee", f'/coach topic="{TOPIC}"', {"dr.patel": (TOPIC, "Will you take this on?"), "dr.ng": ()}),
            ("dr.patel", "!coach:decline:1", {None: ("I'll ask someone else",), "dr.ng": (TOPIC, "!Jordan")}),
            ("dr.patel", "!coach:accept:1", {None: ("no longer open",)}),
            ("dr.patel", "!coach:decline:1", {None: ("no longer open",)}),
            (
                "dr.ng",
                "!coach:accept:2",
                {None: ("matched with Jordan Lee",), "dr.lee": ("Sam Ng (physician, Oncology)",)},
            ),
            ("dr.ng", "/coach clients", {None: ("Jordan Lee",)}),
            ("dr.patel", "/coach clients", {None: ("no active clients", "!Jordan")}),
            ("dr.lee", "/coach status", {None: ("You're working with Sam Ng",)}),
        ],
    )
    assert (active(dialog, "dr.patel"), active(dialog, "dr.ng")) == (0, 1)


def test_the_next_offer_goes_to_the_next_coach_only(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    replies = dialog.say("!coach:decline:1")
    assert offered(replies, "dr.ng") == 2 and recipients(replies) == {None, "dr.ng"}
    assert TOPIC in dialog.text(to="dr.ng") and "Jordan" not in dialog.text(to="dr.ng")


def test_a_coach_who_declined_is_not_asked_again(dialog):
    ask(dialog)
    for handle, offer_id in (("dr.patel", 1), ("dr.ng", 2)):
        dialog.as_ = handle
        replies = dialog.say(f"!coach:decline:{offer_id}")
    assert recipients(replies) >= {"dr.lee"}  # nobody left: the clinician is told, nobody re-asked
    assert offered(replies, "dr.patel") is None and offered(replies, "dr.ng") is None


def test_no_answer_in_24_hours_offers_the_next_coach(dialog, store):
    ask(dialog)
    dialog.advance(hours=23, minutes=59)
    assert expire_offers(store, dialog.now, hours=24, support_line="") == []
    dialog.advance(minutes=1)
    out = expire_offers(store, dialog.now, hours=24, support_line="")
    assert {ws.id for ws, _ in out} == {dialog.ws_id}
    replies = [reply for _, reply in out]
    assert recipients(replies) == {"dr.patel", "dr.ng"}
    assert "didn't hear back" in dialog.text(replies, to="dr.patel")
    assert offered(replies, "dr.ng") == 2 and TOPIC in dialog.text(replies, to="dr.ng")
    assert expire_offers(store, dialog.now, hours=24, support_line="") == []  # once only
    dialog.as_ = "dr.patel"
    assert "no longer open" in dialog.text(dialog.say("!coach:accept:1"))
    assert active(dialog, "dr.patel") == 0
    dialog.as_ = "dr.ng"
    dialog.say("!coach:accept:2")
    assert request_of(dialog).coach_member_id == dialog.member("dr.ng").id


def test_the_last_time_out_tells_the_clinician_and_no_admin(dialog, store):
    """One unmatched request at a known moment is news about one person: admins see it in the month's figures."""
    store.coaching.upsert_coach(dialog.ws_id, dialog.member("dr.ng").id, dialog.now, available=False)
    ask(dialog)
    dialog.advance(hours=25)
    out = expire_offers(store, dialog.now, hours=24, support_line="Staff Peer Support 555-0100")
    replies = [reply for _, reply in out]
    assert recipients(replies) == {"dr.patel", "dr.lee"}
    told = dialog.text(replies, to="dr.lee")
    assert "no peer coach is free right now" in told and "Staff Peer Support 555-0100" in told
    assert all_requests(dialog) == [(dialog.member("dr.lee").id, "unmatched")]


# --- nobody left --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "support_line, expected, unexpected",
    [
        ("", ("Physician Support Line", "1-888-409-0141", "988"), ("organisation's peer support",)),
        ("EAP 555-0100", ("organisation's peer support:* EAP 555-0100", "1-888-409-0141", "988"), ()),
    ],
)
def test_when_no_coach_is_left_the_clinician_is_told_honestly_with_other_routes(
    dialog, support_line, expected, unexpected
):
    dialog.org = OrgSettings(support_line=support_line)
    dialog.store.coaching.upsert_coach(dialog.ws_id, dialog.member("dr.ng").id, dialog.now, available=False)
    ask(dialog)
    dialog.as_ = "dr.patel"
    replies = dialog.say("!coach:decline:1")
    told = dialog.text(to="dr.lee")
    assert "I'm sorry, Jordan: no peer coach is free right now" in told
    for fragment in expected:
        assert fragment in told
    for fragment in unexpected:
        assert fragment not in told
    assert recipients(replies) == {None, "dr.lee"}  # no admin hears of one person's unmatched request
    ask(dialog, "/coach status")
    assert "no coach request right now" in dialog.text()


@pytest.mark.parametrize(
    "role, department, physician_line",
    [("physician", "Pediatrics", True), ("resident", "Pediatrics", True), ("nurse", "Surgery", False)],
)
def test_with_no_coach_at_all_nothing_is_promised(dialog, role, department, physician_line):
    for handle in ("dr.patel", "dr.ng", "nurse.kim"):
        dialog.store.coaching.upsert_coach(dialog.ws_id, dialog.member(handle).id, dialog.now, available=False)
    dialog.add("new.person", "Casey Wu", role=role, department=department)
    replies = ask(dialog, f'/coach topic="{TOPIC}"', as_="new.person")
    told = dialog.text()
    assert "no peer coach is free right now" in told and "988" in told
    assert "I'm asking" not in told and "as soon as one says yes" not in told
    assert ("Physician Support Line" in told) is physician_line
    assert recipients(replies) == {None}


def test_a_coach_in_the_requesters_department_is_never_asked(dialog):
    dialog.add("dr.cruz", "Dana Cruz", role="physician", department="Emergency Department")
    put_on_roster(dialog, "dr.cruz", "physician", "emergency department")
    for handle in ("dr.patel", "dr.ng"):
        dialog.store.coaching.upsert_coach(dialog.ws_id, dialog.member(handle).id, dialog.now, available=False)
    replies = ask(dialog)
    assert offered(replies, "dr.cruz") is None and "no peer coach is free" in dialog.text()


def test_a_full_coach_is_skipped_and_the_requester_is_never_their_own_coach(dialog):
    dialog.store.coaching.upsert_coach(
        dialog.ws_id, dialog.member("dr.patel").id, dialog.now, capacity=1, active_count=1
    )
    put_on_roster(dialog, "dr.lee", "physician", "Radiology")  # the requester is a coach too
    replies = ask(dialog)
    assert offered(replies, "dr.ng") == 1 and recipients(replies) == {None, "dr.ng"}


# --- cancel -------------------------------------------------------------------------------------------------------


def test_cancel_withdraws_pending_offers_and_tells_those_coaches(dialog):
    ask(dialog)
    replies = ask(dialog, "/coach cancel")
    assert "Your request is withdrawn" in dialog.text()
    assert "has been withdrawn" in dialog.text(to="dr.patel") and recipients(replies) == {None, "dr.patel"}
    assert TOPIC not in dialog.text(to="dr.patel")
    dialog.as_ = "dr.patel"
    assert "no longer open" in dialog.text(dialog.say("!coach:accept:1"))
    assert active(dialog, "dr.patel") == 0
    ask(dialog, "/coach status")
    assert "no coach request right now" in dialog.text()
    ask(dialog, "/coach cancel")
    assert "no open request to cancel" in dialog.text()
    assert all_requests(dialog) == [(dialog.member("dr.lee").id, "cancelled")]


def test_a_matched_request_is_not_cancelled(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    ask(dialog, "/coach cancel")
    assert "no open request to cancel" in dialog.text()
    assert request_of(dialog).status == "matched" and active(dialog, "dr.patel") == 1


# --- done and the two questions -----------------------------------------------------------------------------------


def test_done_frees_the_place_and_asks_the_clinician_two_optional_questions(dialog):
    ask(dialog)
    verify_dialog(
        dialog,
        [
            ("dr.patel", "!coach:accept:1", {None: ("matched with Jordan Lee",)}),
            (
                "dr.patel",
                "/coach done @dr.lee",
                {
                    None: ("Closed. Thank you for coaching Jordan Lee. You now have 2 free place(s).",),
                    "dr.lee": ("Priya Patel has closed your coaching engagement", "never shown with your name"),
                },
            ),
            ("dr.patel", "/coach clients", {None: ("no active clients",)}),
            ("dr.patel", "/coach done @dr.lee", {None: ("no active engagement with @dr.lee", "For example")}),
            ("dr.lee", "!coach:helpful:1:4", {None: ("how you feel about work right now",)}),
            ("dr.lee", "!coach:burnout:1:2", {None: ("That helps the program",)}),
            ("dr.lee", "!coach:helpful:1:1", {None: ("already taken care of",)}),  # counted once, not again
            ("dr.lee", "!coach:burnout:1:5", {None: ("already taken care of",)}),
            ("dr.lee", "/coach status", {None: ("no coach request right now",)}),
        ],
    )
    assert active(dialog, "dr.patel") == 0
    assert all_requests(dialog) == [(dialog.member("dr.lee").id, "closed")]
    lee = dialog.member("dr.lee").id
    assert pulses(dialog) == [(lee, "helpful", 4), (lee, "burnout", 2)]
    ask(dialog)
    assert offered(dialog.last, "dr.patel") is not None  # free to ask again, and Patel has room again


def test_the_two_questions_are_buttons(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    replies = dialog.say("/coach done @dr.lee")
    assert [b.action for r in replies if r.to == "dr.lee" for b in r.buttons] == [
        f"coach:helpful:1:{n}" for n in range(1, 6)
    ]
    dialog.as_ = "dr.lee"
    dialog.say("!coach:helpful:1:3")
    assert dialog.buttons() == [f"coach:burnout:1:{n}" for n in range(1, 6)]
    labels = [b.label for r in dialog.last for b in r.buttons]
    assert labels[0] == "I enjoy my work, no burnout" and labels[-1] == "I feel completely burned out"


@pytest.mark.parametrize("said", ["/coach done 1", "/coach done #1"])
def test_done_by_number(dialog, said):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    dialog.say(said)
    assert "Closed" in dialog.text() and active(dialog, "dr.patel") == 0


def test_a_high_burnout_answer_points_to_support(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    dialog.say("/coach done @dr.lee")
    dialog.as_ = "dr.lee"
    dialog.say("!coach:helpful:1:5")
    dialog.say("!coach:burnout:1:4")
    assert "988" in dialog.text() and "/coach" in dialog.text()
    assert [p[1:] for p in pulses(dialog)] == [("helpful", 5), ("burnout", 4)]


@pytest.mark.parametrize(
    "said", ["!coach:helpful:1:9", "!coach:helpful:1:0", "!coach:helpful:x:3", "!coach:burnout:1:7", "!coach:burnout:4"]
)
def test_feedback_out_of_range_stores_nothing(dialog, said):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    dialog.say("/coach done @dr.lee")
    dialog.as_ = "dr.lee"
    dialog.say(said)
    assert "already taken care of" in dialog.text() and pulses(dialog) == []


# --- capacity -----------------------------------------------------------------------------------------------------


def test_accepting_past_capacity_is_refused_and_the_request_moves_on(dialog):
    dialog.store.coaching.upsert_coach(dialog.ws_id, dialog.member("dr.patel").id, dialog.now, capacity=1)
    dialog.add("dr.wu", "Casey Wu", role="physician", department="Pediatrics")
    ask(dialog)
    ask(dialog, '/coach topic="second"', as_="dr.wu")
    assert offered(dialog.last, "dr.patel") == 2  # both offered while Patel still had room
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    replies = dialog.say("!coach:accept:2")
    assert "You're at your capacity (1)" in dialog.text()
    assert offered(replies, "dr.ng") == 3 and "Casey" not in everything_said(replies)
    assert active(dialog, "dr.patel") == 1
    assert request_of(dialog, "dr.wu").status == "open"


# --- urgent -------------------------------------------------------------------------------------------------------


def test_an_urgent_request_goes_to_several_coaches_and_the_first_to_accept_wins(dialog):
    dialog.add("dr.ali", "Omar Ali", role="physician", department="Pediatrics")
    put_on_roster(dialog, "dr.ali", "physician", "Pediatrics")
    urgent_offer = ("Urgent", "Role: physician", "!Jordan", "!Emergency", "!kill")
    verify_dialog(
        dialog,
        [
            ("dr.lee", CRISIS, {None: ("988",)}),
            (
                "dr.lee",
                "!crisis:person-yes",
                {
                    None: ("I've asked for a peer coach to reach out to you today",),
                    # Three at once, best first: the physicians before the nurse.
                    "dr.patel": urgent_offer,
                    "dr.ng": urgent_offer,
                    "dr.ali": urgent_offer,
                    "nurse.kim": ("!Urgent",),
                },
            ),
            ("dr.ng", "!coach:accept:2", {None: ("matched with Jordan Lee",), "dr.lee": ("Sam Ng",)}),
            ("dr.patel", "!coach:accept:1", {None: ("Another coach has already taken this one", "!Jordan")}),
            ("dr.ali", "!coach:decline:3", {None: ("no longer open",)}),
            ("dr.ali", "!coach:accept:3", {None: ("already taken", "!Jordan")}),
        ],
    )
    request = request_of(dialog)
    assert request.urgent and request.topic is None and request.peer == "any"
    assert [o for o in range(1, 5) if dialog.store.coaching.coach_offer(o)] == [1, 2, 3]
    assert [active(dialog, h) for h in ("dr.patel", "dr.ng", "dr.ali", "nurse.kim")] == [0, 1, 0, 0]
    assert request.coach_member_id == dialog.member("dr.ng").id


def test_the_next_coach_is_asked_only_when_every_urgent_offer_is_declined(dialog):
    dialog.add("dr.ali", "Omar Ali", role="physician", department="Pediatrics")
    put_on_roster(dialog, "dr.ali", "physician", "Pediatrics")
    dialog.say(CRISIS)
    asked = dialog.say("!crisis:person-yes")
    ids = {h: offered(asked, h) for h in ("dr.patel", "dr.ng", "dr.ali")}
    for handle in ("dr.patel", "dr.ng"):
        dialog.as_ = handle
        assert recipients(dialog.say(f"!coach:decline:{ids[handle]}")) == {None}  # the others may still say yes
    dialog.as_ = "dr.ali"
    replies = dialog.say(f"!coach:decline:{ids['dr.ali']}")
    assert offered(replies, "nurse.kim") is not None and "Urgent" in dialog.text(to="nurse.kim")


def test_unanswered_urgent_offers_go_to_the_next_coaches_after_two_hours(dialog, store):
    dialog.say(CRISIS)
    dialog.say("!crisis:person-yes")
    assert recipients(dialog.last) == {None, "dr.patel", "dr.ng", "nurse.kim"}
    dialog.add("dr.ali", "Omar Ali", role="physician", department="Pediatrics")
    put_on_roster(dialog, "dr.ali", "physician", "Pediatrics")
    dialog.advance(hours=1, minutes=59)
    assert expire_offers(store, dialog.now, hours=24, support_line="") == []
    dialog.advance(minutes=1)
    replies = [reply for _, reply in expire_offers(store, dialog.now, hours=24, support_line="")]
    assert sum("didn't hear back" in r.text for r in replies) == 3
    assert offered(replies, "dr.ali") is not None
    assert recipients(replies) == {"dr.patel", "dr.ng", "nurse.kim", "dr.ali"}


def test_an_urgent_request_replaces_a_waiting_ordinary_one(dialog):
    ask(dialog)
    dialog.say(CRISIS)
    replies = dialog.say("!crisis:person-yes")
    assert "I've asked for a peer coach to reach out to you today" in dialog.text()
    assert "withdrawn" in dialog.text(to="dr.patel")
    assert "Urgent" in dialog.text(to="dr.ng") and offered(replies, "dr.ng") is not None
    assert [status for _, status in all_requests(dialog)] == ["cancelled", "open"]
    assert request_of(dialog).urgent
    dialog.say("!crisis:person-yes")
    assert "already have a request waiting" in dialog.text() and len(all_requests(dialog)) == 2


def test_an_urgent_request_while_matched_points_to_the_coach(dialog):
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    dialog.as_ = "dr.lee"
    dialog.say(CRISIS)
    replies = dialog.say("!crisis:person-yes")
    assert "already working with Priya Patel" in dialog.text()
    assert "I've asked" not in dialog.text() and recipients(replies) == {None}
    assert len(all_requests(dialog)) == 1


def test_cancelling_an_urgent_request_tells_every_coach_asked(dialog):
    dialog.say(CRISIS)
    dialog.say("!crisis:person-yes")
    replies = dialog.say("/coach cancel")
    assert recipients(replies) == {None, "dr.patel", "dr.ng", "nurse.kim"}
    assert all("withdrawn" in r.text for r in replies)


# --- the form, the inline form, and a second request --------------------------------------------------------------


def test_the_form_asks_only_what_is_needed(dialog):
    [reply] = ask(dialog, "/coach")
    form = reply.form
    assert form.form_id == "coach.request" and form.inline_example.startswith("/coach peer=")
    assert [f.name for f in form.fields] == ["topic", "peer", "specialty", "timing", "format"]
    assert all_requests(dialog) == []  # opening the form asks nobody


def test_the_form_asks_role_and_department_when_unknown_and_saves_them(dialog):
    dialog.add("dr.new", "Robin Park")
    [reply] = ask(dialog, "/coach", as_="dr.new")
    names = [f.name for f in reply.form.fields]
    assert names[:2] == ["role", "department"] and "topic" in names
    role_field = reply.form.fields[0]
    assert {o.value for o in role_field.options} >= {"physician", "resident", "nurse", "app"}

    replies = dialog.say("form:coach.request", topic="", peer="same", timing="no-rush", format="video")
    assert replies[0].error and "role and department" in replies[0].text and EXAMPLE in replies[0].text.lower()
    assert all_requests(dialog) == [] and dialog.member("dr.new").role is None

    replies = dialog.say(
        "form:coach.request", role="resident", department="Surgery", topic="", peer="same", timing="no-rush"
    )
    member = dialog.member("dr.new")
    assert (member.role, member.department) == ("resident", "Surgery")
    assert offered(replies, "dr.patel") == 1  # a resident is coached by a physician
    assert "Timing: when it suits you both · Format: chat" in dialog.text(to="dr.patel")


def test_the_inline_form_needs_role_and_department_when_unknown(dialog):
    dialog.add("dr.new", "Robin Park")
    replies = ask(dialog, '/coach topic="x"', as_="dr.new")
    assert replies[0].error and "role and department" in dialog.text() and EXAMPLE in dialog.text().lower()
    assert all_requests(dialog) == []
    ask(dialog, "/coach role=nurse department=Surgery peer=same", as_="dr.new")
    assert (dialog.member("dr.new").role, dialog.member("dr.new").department) == ("nurse", "Surgery")
    assert offered(dialog.last, "nurse.kim") == 1


@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/coach peer=surgeon", "'surgeon'"),
        ("/coach timing=tomorrow", "'tomorrow'"),
        ("/coach format=fax", "'fax'"),
        ("/coach colour=blue", "'colour' is not a request option"),
        ('/coach topic="unclosed', "quote is not closed"),
        ('/coach peer=any please topic="x"', "'please'"),
        ("/coach please", "`/coach please` is not something i know"),
        ("/coach topic=" + "x" * 501, "under 500 characters"),
        ("/coach role=wizard", "'wizard' is not a role"),
        ("/coach department=" + "x" * 101, "up to 100 characters"),
    ],
)
def test_bad_inline_input_is_explained_and_creates_nothing(dialog, said, fragment):
    replies = ask(dialog, said)
    said_back = dialog.text().lower()
    assert fragment in said_back and EXAMPLE in said_back
    assert all(r.error for r in replies) and recipients(replies) == {None}
    assert all_requests(dialog) == []
    lee = dialog.member("dr.lee")
    assert (lee.role, lee.department) == ("physician", "Emergency Department")


def test_a_second_request_while_one_is_open_or_matched_is_refused(dialog):
    ask(dialog)
    for said in ('/coach topic="again"', "/coach peer=any"):
        replies = ask(dialog, said)
        assert "already have a request waiting (from Wed, Nov 25)" in dialog.text() and recipients(replies) == {None}
    replies = dialog.say("form:coach.request", topic="", peer="same", timing="today", format="chat")
    assert "already have a request waiting" in dialog.text() and recipients(replies) == {None}
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    ask(dialog, '/coach topic="again"')
    assert "already working with Priya Patel" in dialog.text()
    assert len(all_requests(dialog)) == 1 and active(dialog, "dr.patel") == 1


# --- coaches' own commands ----------------------------------------------------------------------------------------


def test_a_coach_marked_unavailable_gets_no_offers(dialog):
    dialog.as_ = "dr.patel"
    verify_dialog(
        dialog,
        [
            ("/coach available off", "You're not available for new requests"),
            ("/coach available maybe", ("say `on` or `off`", EXAMPLE, "/coach available off")),
        ],
    )
    assert dialog.store.coaching.coach_profile(dialog.ws_id, dialog.member("dr.patel").id).available is False
    replies = ask(dialog)
    assert offered(replies, "dr.ng") == 1 and offered(replies, "dr.patel") is None
    dialog.as_ = "dr.patel"
    verify_dialog(dialog, [("/coach available on", "You're available")])
    assert dialog.store.coaching.coach_profile(dialog.ws_id, dialog.member("dr.patel").id).available is True


@pytest.mark.parametrize("said", ["/coach available on", "/coach clients", "/coach done @dr.lee", "/coach done 1"])
def test_coach_commands_are_for_coaches(dialog, said):
    ask(dialog)
    dialog.add("dr.new", "Robin Park", role="physician", department="Surgery")
    dialog.as_ = "dr.new"
    replies = dialog.say(said)
    assert "for peer coaches on the roster" in dialog.text() and recipients(replies) == {None}
    assert dialog.store.coaching.coach_profile(dialog.ws_id, dialog.member("dr.new").id) is None


def test_help_shows_each_person_their_own_commands(dialog):
    ask(dialog, "/coach help")
    assert "/coach status" in dialog.text() and "available on" not in dialog.text() and "roster" not in dialog.text()
    dialog.as_ = "dr.patel"
    dialog.say("/coach help")
    assert "available on" in dialog.text() and "roster add" not in dialog.text()
    dialog.as_ = "admin"
    dialog.say("/coach help")
    assert "roster add" in dialog.text()


# --- the roster -----------------------------------------------------------------------------------------------------


def roster_state(d: Dialog) -> list[tuple]:
    return [
        (m.handle, p.role, p.department, p.specialty, p.capacity, list(p.languages), p.available)
        for p, m in d.store.coaching.coach_roster(d.ws_id)
    ]


def audit_actions(d: Dialog) -> list[tuple[str, str, str]]:
    return [(e.actor_label, e.action, e.target) for e in d.store.audit.entries(d.ws_id, d.now - timedelta(days=1))]


def test_admins_add_list_and_remove_coaches_and_it_is_audit_logged(dialog):
    dialog.add("dr.ali", "Omar Ali", role="physician", department="Pediatrics")
    dialog.as_ = "admin"
    verify_dialog(
        dialog,
        [
            (
                '/coach roster add @dr.ali role=physician specialty="emergency medicine" department=ED capacity=4 '
                "languages=en,es",
                "Omar Ali is on the roster: physician, ED, up to 4 clients, languages en, es.",
            ),
            (
                "/coach roster list",
                ("*peer coach roster*", "omar ali: physician, ed, emergency medicine · 0/4 active · available"),
            ),
            ("/coach roster", "omar ali"),
            ("/coach roster remove @dr.ali", "Omar Ali is off the roster"),
            ("/coach roster list", ("priya patel", "!omar ali")),
        ],
    )
    assert audit_actions(dialog) == [
        ("Alex Rivera", "roster.add", "Omar Ali"),
        ("Alex Rivera", "roster.remove", "Omar Ali"),
    ]


def test_roster_add_again_updates_the_coach(dialog):
    dialog.as_ = "admin"
    dialog.say("/coach roster add @dr.patel role=physician department=Cardiology capacity=5 languages=EN,fr")
    patel = dialog.store.coaching.coach_profile(dialog.ws_id, dialog.member("dr.patel").id)
    assert (patel.capacity, patel.languages) == (5, ["en", "fr"])
    assert len(dialog.store.coaching.coach_roster(dialog.ws_id)) == 3


@pytest.mark.parametrize(
    "said",
    [
        "/coach roster add @dr.lee role=physician department=Radiology",
        "/coach roster list",
        "/coach roster",
        "/coach roster remove @nurse.kim",
        "/coach stats",
    ],
)
@pytest.mark.parametrize("who", ["dr.lee", "dr.patel"])
def test_everyone_but_admins_gets_a_plain_refusal(dialog, said, who):
    before = roster_state(dialog)
    dialog.as_ = who
    text_ = dialog.text(dialog.say(said))
    command = "/coach stats" if said == "/coach stats" else "/coach roster"
    assert "Only program admins can use" in text_ and command in text_
    assert "Priya" not in text_ and "Min-jun" not in text_
    assert roster_state(dialog) == before and audit_actions(dialog) == []


@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/coach roster add role=physician department=Peds", "name one person"),
        ("/coach roster add @dr.ali @dr.lee role=physician department=Peds", "name one person"),
        ("/coach roster add @dr.ali department=Peds", "needs a role= and a department="),
        ("/coach roster add @dr.ali role=physician", "needs a role= and a department="),
        ('/coach roster add @dr.ali role=physician department="  "', "needs a role= and a department="),
        ("/coach roster add @dr.ali role=wizard department=Peds", "'wizard' is not a role"),
        ("/coach roster add @dr.ali role=physician department=Peds capacity=0", "capacity must be"),
        ("/coach roster add @dr.ali role=physician department=Peds capacity=21", "capacity must be"),
        ("/coach roster add @dr.ali role=physician department=Peds capacity=lots", "'lots'"),
        ("/coach roster add @dr.ali role=physician department=Peds colour=blue", "'colour=' is not a roster option"),
        ("/coach roster add @nobody role=physician department=Peds", "@nobody"),
        ("/coach roster add dr.ali role=physician department=Peds", "not a person"),
        ('/coach roster add @dr.ali role=physician department="Peds', "quote is not closed"),
        ("/coach roster frobnicate", "use add, list, available or remove"),
        ("/coach roster available @dr.ali off", "not on the roster"),
        ("/coach roster available @dr.patel maybe", "say `on` or `off`"),
        ("/coach roster available off", "name the coach"),
        ("/coach roster remove @dr.ali", "not on the roster"),
        ("/coach roster remove @nobody", "@nobody"),
        ("/coach roster remove", "not a person"),
        ("/coach roster add @dr.patel role=physician department=Cardiology capacity=1", "capacity cannot go below"),
        ("/coach roster remove @dr.patel", "still has 2 active"),
    ],
)
def test_bad_roster_input_is_explained_with_an_example_and_nothing_changes(dialog, said, fragment):
    dialog.add("dr.ali", "Omar Ali", role="physician", department="Pediatrics")
    dialog.store.coaching.upsert_coach(dialog.ws_id, dialog.member("dr.ng").id, dialog.now, available=False)
    for handle in ("dr.lee", "dr.ali"):  # Patel has two clients, for the last two rows
        offer_id = offered(ask(dialog, as_=handle), "dr.patel")
        dialog.as_ = "dr.patel"
        dialog.say(f"!coach:accept:{offer_id}")
    assert active(dialog, "dr.patel") == 2
    before = roster_state(dialog)
    dialog.as_ = "admin"
    said_back = dialog.text(dialog.say(said)).lower()
    assert fragment in said_back and EXAMPLE in said_back
    assert "/checkin profile" not in said_back
    assert roster_state(dialog) == before and audit_actions(dialog) == []


def test_removing_a_coach_who_holds_an_offer_asks_the_next_coach(dialog):
    ask(dialog)
    dialog.as_ = "admin"
    replies = dialog.say("/coach roster remove @dr.patel")
    assert "Priya Patel is off the roster" in dialog.text()
    assert offered(replies, "dr.ng") == 2 and TOPIC in dialog.text(to="dr.ng")
    assert "Jordan" not in dialog.text() and TOPIC not in dialog.text()  # the admin sees neither
    told = dialog.text(to="dr.patel")
    assert "off the peer-coach roster" in told and "withdrawn the 1 open offer" in told and TOPIC not in told
    dialog.as_ = "dr.patel"
    assert "no longer open" in dialog.text(dialog.say("!coach:accept:1"))


# --- privacy: nobody sees a request that is not theirs ----------------------------------------------------------------


@pytest.fixture
def two_requests(dialog):
    """Lee is matched with Patel (request 1); Ortiz's request waits on Kim's offer (request 2, offer 2)."""
    dialog.add("nurse.ortiz", "Riley Ortiz", role="nurse", department="Surgery")
    ask(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("!coach:accept:1")
    ask(dialog, f'/coach topic="{OTHER_TOPIC}"', as_="nurse.ortiz")
    assert offered(dialog.last, "nurse.kim") == 2
    return dialog


PRYING = [
    "/coach status",
    "/coach clients",
    "/coach done @dr.lee",
    "/coach done @nurse.ortiz",
    "/coach done 1",
    "/coach done 2",
    "/coach cancel",
    "!coach:accept:1",
    "!coach:decline:1",
    "!coach:accept:2",
    "!coach:decline:2",
    "!coach:helpful:1:5",
    "/coach stats",
    "/coach stats 7d",
    "/coach roster list",
    "/coach help",
]


@pytest.mark.parametrize("who", ["admin", "dr.ng"])
def test_an_admin_and_another_coach_see_no_one_elses_request(two_requests, who):
    d = two_requests
    lee, ortiz = d.member("dr.lee").id, d.member("nurse.ortiz").id
    d.as_ = who
    for said in PRYING:
        replies = d.say(said)
        seen = everything_said(replies)
        for secret in (*LEE_SECRETS, *ORTIZ_SECRETS, "Lee", "Ortiz"):
            assert secret not in seen, f"{who} {said!r} showed {secret!r}:\n{seen}"
        assert recipients(replies) == {None}, f"{who} {said!r} messaged someone"
    assert all_requests(d) == [(lee, "matched"), (ortiz, "open")]
    assert d.store.coaching.coach_offer(2).status == "pending" and d.store.coaching.coach_offer(1).status == "accepted"
    assert (active(d, "dr.patel"), active(d, "dr.ng"), active(d, "nurse.kim")) == (1, 0, 0)
    assert pulses(d) == []


def test_a_coach_sees_only_their_own_engagements(two_requests):
    d = two_requests
    d.as_ = "dr.patel"
    d.say("/coach clients")
    assert "Jordan Lee" in d.text() and "Riley" not in d.text()
    for said in ("/coach done @nurse.ortiz", "/coach done 2", "!coach:accept:2", "!coach:decline:2"):
        seen = everything_said(d.say(said))
        assert all(secret not in seen for secret in ORTIZ_SECRETS), (said, seen)
    assert d.store.coaching.coach_offer(2).status == "pending"


def test_stats_count_complete_months_and_hide_small_groups(dialog):
    dialog.as_ = "admin"
    dialog.say("/coach stats")
    assert "first monthly figures are ready on December 1, 2026" in dialog.text()
    for n in range(6):
        dialog.add(f"dr.{n}", f"Person Number{n}", role="physician", department=f"Dept{n}")
        ask(dialog, f'/coach topic="secret topic {n}"', as_=f"dr.{n}")
    ask(dialog, "/coach cancel", as_="dr.0")
    dialog.advance(days=10)  # into December: November is complete
    dialog.as_ = "admin"
    seen = dialog.text(dialog.say("/coach stats"))
    assert "November 2026" in seen and "6 people asked" in seen and "0 matched" in seen
    assert "Number" not in seen and "secret" not in seen and "Dept" not in seen
    ask(dialog, '/coach topic="a December request"', as_="dr.lee")
    dialog.as_ = "admin"
    assert dialog.text(dialog.say("/coach stats 2026-11")) == seen  # a second look shows the same month
    dialog.say("/coach stats 30d")
    assert "not a month I understand" in dialog.text() and "/coach stats 2026-10" in dialog.text()


@pytest.mark.parametrize(
    "who, role, said, phrase",
    [
        ("dr.lee", "physician", "/coach peer=same", "asking a physician peer coach"),
        ("res.ray", "resident", "/coach peer=same", "asking a physician peer coach"),
        ("np.ava", "app", "/coach peer=same", "asking an APP peer coach"),
        ("nurse.bo", "nurse", "/coach peer=any", "asking a trained peer coach"),
    ],
)
def test_the_acknowledgement_says_who_is_being_asked(dialog, who, role, said, phrase):
    if who != "dr.lee":
        dialog.add(who, "Someone New", role=role, department="Surgery")
    put_on_roster(dialog, "dr.ng", "physician", "Oncology")
    dialog.add("np.coach", "Pat Coach", role="app", department="Clinic")
    put_on_roster(dialog, "np.coach", "app", "Clinic")
    dialog.as_ = who
    dialog.say(said)
    assert phrase in dialog.text()


def test_a_cancel_that_loses_to_an_accept_says_so(dialog, monkeypatch):
    ask(dialog)
    monkeypatch.setattr(
        dialog.store.coaching, "set_request_status", lambda *args, **kwargs: False
    )  # a coach got there first
    dialog.as_ = "dr.lee"
    reply = dialog.say("/coach cancel")
    assert "Too late to cancel" in reply[0].text and reply[0].error
    assert dialog.store.coaching.coach_offer(1).status == "pending"  # nothing withdrawn


# --- deleting a person never strands anyone else -----------------------------------------------------------------


def _matched_with_patel(d: Dialog) -> None:
    ask(d)
    d.as_ = "dr.patel"
    d.say("!coach:accept:1")
    assert d.store.coaching.coach_request(1).status == "matched"


def test_a_coach_who_deletes_their_data_reopens_the_clients_request(dialog):
    _matched_with_patel(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("/checkin delete")
    replies = dialog.say("!privacy:delete-yes")
    told = dialog.text(replies, to="dr.lee")
    assert "no longer available" in told and "asking another" in told
    assert "Priya" not in told  # whoever has gone, the message says what happens next, not why
    request = dialog.store.coaching.coach_request(1)
    assert (request.status, request.coach_member_id) == ("open", None)
    assert offered(replies, "dr.ng") is not None  # the next physician coach is asked at once
    dialog.as_ = "dr.lee"
    assert "is waiting" in dialog.text(dialog.say("/coach status")).lower()
    assert "withdrawn" in dialog.text(dialog.say("/coach cancel")).lower()
    assert dialog.store.coaching.active_request(dialog.ws_id, dialog.member("dr.lee").id) is None


def test_after_the_coach_is_gone_the_crisis_path_still_asks_a_person(dialog):
    _matched_with_patel(dialog)
    dialog.as_ = "dr.patel"
    dialog.say("/checkin delete")
    dialog.say("!privacy:delete-yes")
    dialog.as_ = "dr.lee"
    dialog.say("/coach cancel")
    dialog.say("I want to end my life")
    replies = dialog.say("!crisis:person-yes")
    assert "already working with" not in dialog.text(replies)
    assert {r.to for r in replies if r.buttons} & {"dr.ng", "nurse.kim"}


def test_a_client_who_deletes_their_data_frees_the_coachs_seat(dialog):
    _matched_with_patel(dialog)
    assert active(dialog, "dr.patel") == 1
    dialog.as_ = "dr.lee"
    dialog.say("/checkin delete")
    replies = dialog.say("!privacy:delete-yes")
    assert active(dialog, "dr.patel") == 0
    told = dialog.text(replies, to="dr.patel")
    assert "closed" in told and "place is free" in told


def test_a_client_who_deletes_an_open_request_tells_the_coach_holding_its_offer(dialog):
    replies = ask(dialog)
    assert offered(replies, "dr.ng") or offered(replies, "dr.patel")
    holder = "dr.ng" if offered(replies, "dr.ng") else "dr.patel"
    dialog.as_ = "dr.lee"
    dialog.say("/checkin delete")
    replies = dialog.say("!privacy:delete-yes")
    assert "withdrawn" in dialog.text(replies, to=holder)
    dialog.as_ = holder
    assert "no longer open" in dialog.text(dialog.say("!coach:accept:1")).lower()


def test_a_coach_who_deletes_with_offers_pending_passes_them_on(dialog):
    replies = ask(dialog)
    holder = "dr.ng" if offered(replies, "dr.ng") else "dr.patel"
    other = "dr.patel" if holder == "dr.ng" else "dr.ng"
    dialog.as_ = holder
    dialog.say("/checkin delete")
    replies = dialog.say("!privacy:delete-yes")
    assert offered(replies, other) is not None
    assert dialog.store.coaching.coach_request(1).status == "open"


def test_a_deletion_is_not_an_event_admins_can_watch(dialog):
    dialog.say("/checkin delete")
    dialog.say("!privacy:delete-yes")
    dialog.as_ = "admin"
    assert "deleted" not in dialog.text(dialog.say("/nudge audit")).lower()
