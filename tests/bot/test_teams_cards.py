"""A Teams card press is checked against what we sent: the words, labels and message to redraw are ours."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from scheduler.jobs import purge_old_records
from store.models_cards import SentCard
from tests.bot.teams_harness import submits


def _ws(teams):
    return teams.store.members.find_workspace("teams", "tenant-1")


def _message_ids(teams, who="lee"):
    return [a.activity_id for a in teams.fake.activities if a.conversation_id == f"a:{who}" and a.operation in
            ("send", "reply")]  # fmt: skip


async def _a_card(teams):
    """lee's welcome, then a check-in card with buttons; returns (its press data, its activity id)."""
    await teams.install()
    await teams.say("checkin")
    return submits(teams.last_card())[0], teams.last_card_id()


async def test_a_press_carries_only_the_action_and_a_random_key(teams):
    data, _ = await _a_card(teams)
    assert set(data) == {"mc_action", "mc_card"} and len(data["mc_card"]) >= 40
    [card] = teams.store.engine.connect().execute(select(SentCard.body, SentCard.labels)).all()
    shown = " ".join(teams.texts())
    assert card.body not in shown and card.body.startswith("gAAAA")  # the words are stored encrypted
    assert data["mc_action"] in card.labels


async def test_a_press_redraws_its_own_card_whatever_reply_to_id_says(teams):
    data, card_id = await _a_card(teams)
    other = _message_ids(teams)[0]  # the welcome: a message the press must not be able to touch
    assert other != card_id
    await teams.post(teams.activity(value=data, reply_to_id=other))
    [update] = teams.fake.updates("a:lee")
    assert teams.fake.operations("update")[0].activity_id == card_id
    words = [b.get("text", "") for b in update["attachments"][0]["content"]["body"]]
    assert any(w.startswith("✓ **") for w in words) and not any(b.get("type") == "ActionSet" for b in
                                                             update["attachments"][0]["content"]["body"])  # fmt: skip


async def test_forged_words_and_labels_redraw_nothing(teams):
    data, card_id = await _a_card(teams)
    forged = {"mc_action": data["mc_action"], "mc_card": "Your account is locked: sign in at evil.example",
              "mc_label": "ok"}  # fmt: skip
    sent_before = len(teams.fake.sent_to("a:lee"))
    await teams.post(teams.activity(value=forged, reply_to_id=card_id))
    assert teams.fake.updates("a:lee") == []
    assert "evil.example" not in " ".join(teams.texts())
    assert len(teams.fake.sent_to("a:lee")) > sent_before  # the action itself still ran for the person who pressed


async def test_a_key_from_another_conversation_redraws_nothing(teams):
    data, card_id = await _a_card(teams)
    await teams.install("patel")
    await teams.post(teams.activity("patel", value=data, reply_to_id=card_id))
    assert teams.fake.updates("a:lee") == [] and teams.fake.updates("a:patel") == []


async def test_an_action_the_card_never_had_redraws_nothing(teams):
    data, card_id = await _a_card(teams)
    await teams.post(teams.activity(value=dict(data, mc_action="privacy:delete_confirmed"), reply_to_id=card_id))
    assert teams.fake.updates("a:lee") == []


async def test_a_second_press_of_the_same_card_does_nothing_more(teams):
    data, card_id = await _a_card(teams)
    await teams.post(teams.activity(value=data, reply_to_id=card_id))
    after_first = len(teams.fake.sent_to("a:lee"))
    await teams.post(teams.activity(value=data, reply_to_id=card_id))  # a double click: a new activity id
    assert len(teams.fake.sent_to("a:lee")) == after_first and len(teams.fake.updates("a:lee")) == 1


async def test_a_form_is_redrawn_with_its_own_title_not_the_submitted_one(teams):
    await teams.install("admin")
    await teams.say("nudge add", "admin")
    form_id = teams.last_card_id("admin")
    values = dict(submits(teams.last_card("admin"))[0], mc_title="Forged title", name="Mornings",
                  days="mon", time="07:30", zone="local", audience="everyone")  # fmt: skip
    await teams.post(teams.activity("admin", value=values, reply_to_id=_message_ids(teams, "admin")[0]))
    [update] = teams.fake.updates("a:admin")
    assert teams.fake.operations("update")[0].activity_id == form_id
    assert "Forged title" not in str(update)


async def test_cards_go_with_their_member_and_after_two_weeks(teams):
    await _a_card(teams)
    await teams.install("patel")
    await teams.say("checkin", "patel")
    count = lambda: len(teams.store.engine.connect().execute(select(SentCard.id)).all())  # noqa: E731
    assert count() == 2
    lee = teams.store.members.member_by_user(_ws(teams).id, "29:lee")
    teams.store.privacy.forget_member(_ws(teams).id, lee.id, teams.services.clock())
    assert count() == 1
    removed = purge_old_records(teams.store, teams.services.clock() + timedelta(days=15))
    assert removed["teams cards"] == 1 and count() == 0
