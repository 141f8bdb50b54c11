"""The buttons under a scheduled check-in: skip today, snooze two hours (once, never into quiet hours), pause a week."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduler.tick import tick
from tests.dialog import Dialog
from tests.worlds import due_at_nine


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    return d


def _scheduled_checkin(dialog, local_time="09:00"):
    """A scheduled check-in as the deliverer leaves it: the outbox row and its open conversation."""
    at = dialog.now
    schedule = due_at_nine(dialog.store, dialog.ws_id, at)
    dialog.store.schedules.update_schedule(dialog.ws_id, schedule.id, local_time=local_time)
    tick(dialog.store, at)
    member = dialog.member()
    [row] = dialog.store.outbox.deliveries_for(member.id)
    dialog.store.checkins.open_conversation(
        dialog.ws_id, member.id, at, delivery_id=row.id, question_id="rest.q01", theme="rest", stage="question"
    )
    return row


def test_snooze_asks_again_in_two_hours_and_only_once(dialog):
    row = _scheduled_checkin(dialog)
    assert "ask again around 11:00" in dialog.text(dialog.say("!checkin:snooze"))
    snoozes = [d for d in dialog.store.outbox.deliveries_for(dialog.member().id) if d.kind == "snooze"]
    assert len(snoozes) == 1 and snoozes[0].due_at == dialog.now + timedelta(hours=2)
    assert snoozes[0].occurrence == row.occurrence
    assert "no check-in open" in dialog.text(dialog.say("!checkin:snooze")).lower()


def test_a_snooze_that_would_land_in_quiet_hours_is_left_for_today(dialog):
    dialog.now = dialog.now.replace(hour=0, minute=0) + timedelta(days=1)  # 19:00 in New York
    dialog.store.members.update_member(dialog.ws_id, dialog.member().id, quiet_start="20:00", quiet_end="07:00")
    _scheduled_checkin(dialog, local_time="19:00")
    assert "quiet hours" in dialog.text(dialog.say("!checkin:snooze"))
    assert [d.kind for d in dialog.store.outbox.deliveries_for(dialog.member().id)] == ["checkin"]


def test_skip_today_closes_the_check_in_without_guilt(dialog):
    _scheduled_checkin(dialog)
    assert "leave you be today" in dialog.text(dialog.say("!checkin:skip"))
    assert dialog.store.checkins.latest_conversation(dialog.ws_id, dialog.member().id).outcome == "skipped"


def test_pause_a_week(dialog):
    _scheduled_checkin(dialog)
    assert "Paused until" in dialog.text(dialog.say("!checkin:pause"))
    assert dialog.member().paused_until == dialog.now + timedelta(days=7)


def test_an_unknown_or_stale_button_is_harmless(dialog):
    assert "already taken care of" in dialog.text(dialog.say("!nothing:like:this"))
    assert "no check-in open" in dialog.text(dialog.say("!checkin:energy:3")).lower()
