"""Sent Teams cards on every backend: remembered by platform ids, pressed once, checked, rotated and purged."""

from __future__ import annotations

from datetime import timedelta

from store.repo_cards import CardSent


def _sent(**changes):
    labels = {"checkin:energy:3": "3", "checkin:skip": "Skip"}
    base = dict(platform="teams", workspace="t-1", user_id="29:lee", conversation_id="a:lee", activity_id="m-7",
                text="How was the shift? *energy*", labels=labels)  # fmt: skip
    return CardSent(**{**base, **changes})


def _lee(store, now):
    workspace = store.members.ensure_workspace("teams", "t-1", now)
    return workspace, store.members.ensure_member(workspace.id, "29:lee", now)


def test_a_card_is_pressed_once_from_its_own_conversation_with_its_own_buttons(any_store, now):
    _lee(any_store, now)
    any_store.cards.remember_card("key-1", _sent(), now)
    assert any_store.cards.press_card("key-1", "a:other", "checkin:skip", now) is None
    assert any_store.cards.press_card("key-1", "a:lee", "privacy:delete", now) is None
    assert any_store.cards.press_card("nope", "a:lee", "checkin:skip", now) is None
    first = any_store.cards.press_card("key-1", "a:lee", "checkin:skip", now)
    assert (first.activity_id, first.text, first.label, first.first) == ("m-7", _sent().text, "Skip", True)
    assert any_store.cards.press_card("key-1", "a:lee", "checkin:skip", now).first is False


def test_a_card_to_someone_unknown_is_not_kept(any_store, now):
    _lee(any_store, now)
    any_store.cards.remember_card("key-2", _sent(user_id="29:stranger"), now)
    assert any_store.cards.press_card("key-2", "a:lee", "checkin:skip", now) is None


def test_cards_rotate_with_the_keys_and_go_after_their_time(any_store, now):
    workspace, lee = _lee(any_store, now)
    any_store.cards.remember_card("key-3", _sent(), now)
    assert any_store.privacy.rotate_keys() >= 1
    assert any_store.cards.press_card("key-3", "a:lee", "checkin:skip", now).text == _sent().text
    any_store.cards.remember_card("key-4", _sent(), now + timedelta(days=2))
    assert any_store.cards.purge_cards(now + timedelta(days=1)) == 1
    any_store.privacy.forget_member(workspace.id, lee.id, now)
    assert any_store.cards.press_card("key-4", "a:lee", "checkin:skip", now) is None
