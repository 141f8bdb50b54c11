"""Scheduled check-ins in each member's language: a schedule's theme reaches everyone in their own library."""

from __future__ import annotations

from datetime import timedelta

from prompts.library import find_question
from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.pacer import Pacer, PaceSettings
from scheduler.tick import tick
from tests.scheduler.test_delivery import NOW, Clock, RecordingSender
from tests.worlds import due_at_nine


async def test_a_themed_schedule_reaches_each_member_in_their_language(store):
    clock = Clock(NOW)
    ws = store.members.ensure_workspace("console", "demo", NOW - timedelta(days=2))
    people = {
        locale: store.members.ensure_member(
            ws.id, f"p-{locale}", NOW - timedelta(days=2), timezone="America/New_York", locale=locale, welcomed=False
        )
        for locale in ("es-419", "en-US")
    }
    schedule = due_at_nine(store, ws.id, NOW)
    store.schedules.update_schedule(ws.id, schedule.id, NOW - timedelta(days=1), theme="rest")
    pacer = Pacer(PaceSettings(start_rate=100), clock=lambda: clock().timestamp(), sleep=clock.sleep)
    sender = RecordingSender()
    deliverer = Deliverer(store, {"console": sender}, pacer, worker_id="w1", clock=clock, settings=DeliverySettings())
    tick(store, NOW)
    assert await deliverer.run_once() == 2
    sent = {out.recipient.user_id: out.replies for out in sender.delivered}
    [checkin_es], [checkin_en] = sent["p-es-419"], sent["p-en-US"]  # one post each: the welcome opens the check-in
    assert checkin_es.text.startswith("Hola") and checkin_en.text.startswith("Hi")
    assert {"Hoy no", "En 2 horas", "Pausa de una semana"} <= {b.label for b in checkin_es.buttons}
    assert {"Skip today", "Snooze 2h", "Pause a week"} <= {b.label for b in checkin_en.buttons}
    asked = {
        locale: store.checkins.current_conversation(ws.id, member.id).question_id for locale, member in people.items()
    }
    assert asked["es-419"].startswith("es.") and not asked["en-US"].startswith("es.")
    assert {find_question(qid).theme for qid in asked.values()} == {"rest"}
    assert find_question(asked["es-419"]).text in checkin_es.text
