"""The one routing step every adapter uses: forms, introductions, other people's chats and the actor's own."""

from __future__ import annotations

from bot.routing import plan
from handlers.messages import Form, Reply

FORM = Form("coach.request", "Ask for a peer coach", (), inline_example='/coach peer=physician topic="nights"')
INTRO = Reply("meet", to="UCLIENT", intro_with=("UCLIENT", "UCOACH"), intro_alone="you're matched")


def _kinds(steps):
    return [(s.kind, s.reply.to, s.reply.text[:40]) for s in steps]


def test_a_form_opens_where_it_can():
    [step] = plan([Reply("", form=FORM)], actor="U1", forms=True, group_chats=True)
    assert step.kind == "form" and step.reply.form is FORM


def test_a_form_that_cannot_open_is_said_in_words_with_a_button_that_opens_it():
    [step] = plan([Reply("", form=FORM)], actor="U1", forms=False, group_chats=True)
    assert step.kind == "here" and step.reply.form is None
    assert "Ask for a peer coach" in step.reply.text and FORM.inline_example in step.reply.text
    assert [b.action for b in step.reply.buttons] == ["form:open:coach.request"]


def test_an_introduction_opens_a_group_chat_where_there_are_group_chats():
    assert _kinds(plan([INTRO], actor="UCOACH", forms=True, group_chats=True)) == [("group", "UCLIENT", "meet")]


def test_without_group_chats_each_person_is_told_in_their_own_chat():
    steps = plan([INTRO], actor="UCOACH", forms=True, group_chats=False)
    assert _kinds(steps) == [("other", "UCLIENT", "you're matched"), ("here", None, "you're matched")]


def test_a_message_to_the_actor_is_a_reply_and_others_go_to_their_chats():
    steps = plan([Reply("a"), Reply("b", to="U1"), Reply("c", to="U2")], actor="U1", forms=True, group_chats=True)
    assert _kinds(steps) == [("here", None, "a"), ("here", None, "b"), ("other", "U2", "c")]
