"""Store contract, reports and the audit log: a month's facts, kept figures, and admin actions page by page."""

from __future__ import annotations

from datetime import timedelta

from tests.store.contract import outbox_row, person, schedule, workspace

DAY = timedelta(days=1)


def test_report_facts_are_ids_numbers_and_times_inside_the_window(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    since, until = now - 30 * DAY, now
    ana = person(any_store, ws, "U1", now, role="nurse", department="ICU")
    ben = person(any_store, ws, "U2", now, role="physician", status="stopped")
    person(any_store, other, "U9", now)
    weekly = schedule(any_store, ws, now, name="weekly")
    due = [(ana, now - 2 * DAY), (ana, now - 40 * DAY), (ben, now - DAY)]
    any_store.outbox.enqueue([outbox_row(ws, weekly, member, at, now) for member, at in due])
    rows = any_store.outbox.claim("w1", now, 10, timedelta(minutes=2))
    sent_at = {r.id: r.due_at for r in rows}
    for row in rows[:2]:  # Ana's two: one inside the window, one before it
        any_store.outbox.finish(row.id, "w1", "sent", sent_at[row.id])
    any_store.outbox.finish(rows[2].id, "w1", "skipped", now, reason="paused")
    inside = rows[1]  # due order: 40 days ago first, then 2 days ago
    replied = any_store.checkins.open_conversation(ws.id, ana.id, now - 2 * DAY, question_id="q", theme="t",
                                                   stage="question", delivery_id=inside.id)  # fmt: skip
    any_store.checkins.add_reflection(ws.id, ana.id, replied.id, "q", "words", now - 2 * DAY)
    any_store.checkins.open_conversation(ws.id, ben.id, now - DAY, question_id="q", theme="t", stage="question")
    any_store.checkins.add_pulse(ws.id, ana.id, "energy", 4, now - DAY)
    any_store.checkins.add_pulse(ws.id, ana.id, "energy", 1, now)  # `until` is outside
    any_store.coaching.create_request(ws.id, ben.id, None, now - 3 * DAY)
    facts = any_store.reports.report_facts(ws.id, since, until)
    assert sorted(facts.members) == sorted([(ana.id, "nurse", "ICU", "active"), (ben.id, "physician", None, "stopped")])
    assert facts.sent == [(ana.id, weekly.id, now - 2 * DAY)]
    assert sorted(facts.checkins) == [(ana.id, weekly.id, now - 2 * DAY, True), (ben.id, None, now - DAY, False)]
    assert facts.pulses == [(ana.id, "energy", 4, now - DAY)]
    assert facts.requests == [(ben.id, "open", now - 3 * DAY, None)]
    assert facts.schedules == {weekly.id: "weekly"}
    assert "words" not in repr(facts)


def test_a_month_s_figures_are_kept_as_first_computed(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    key = "report:v1:2026-10:role"
    assert any_store.reports.report_snapshot(ws.id, key) is None
    first = {"rows": [["nurse", 12]], "hidden": 1}
    assert any_store.reports.keep_report_snapshot(ws.id, key, first, now) == first
    assert any_store.reports.keep_report_snapshot(ws.id, key, {"rows": []}, now + DAY) == first  # the first one stays
    assert any_store.reports.report_snapshot(ws.id, key) == first
    assert any_store.reports.report_snapshot(other.id, key) is None


def test_audit_entries_since_a_moment_oldest_first(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    admin = person(any_store, ws, "A1", now)
    any_store.audit.record(ws.id, admin.id, "Alex", "schedule.add", "weekly", now - 2 * DAY)
    any_store.audit.record(ws.id, None, "system", "retention", "", now)
    any_store.audit.record(other.id, None, "system", "elsewhere", "", now)
    entries = any_store.audit.entries(ws.id, now - 3 * DAY)
    assert [(e.actor_member_id, e.actor_label, e.action, e.target) for e in entries] == [
        (admin.id, "Alex", "schedule.add", "weekly"),
        (None, "system", "retention", ""),
    ]
    assert [e.action for e in any_store.audit.entries(ws.id, now - DAY)] == ["retention"]


def test_the_audit_log_a_page_at_a_time_newest_first(any_store, now):
    ws = workspace(any_store, now)
    for i in range(5):
        any_store.audit.record(ws.id, None, "system", f"action.{i}", "", now + i * DAY)
    any_store.audit.record(workspace(any_store, now, "T2").id, None, "system", "elsewhere", "", now)
    page, total = any_store.dashboard.audit_page(ws.id, 1, 2)
    assert ([e.action for e in page], total) == (["action.4", "action.3"], 5)
    assert [e.action for e in any_store.dashboard.audit_page(ws.id, 3, 2)[0]] == ["action.0"]
    assert any_store.dashboard.audit_page(ws.id, 4, 2) == ([], 5)
    assert [e.action for e in any_store.dashboard.audit_page(ws.id, 0, 2)[0]] == [
        "action.4",
        "action.3",
    ]  # page 0 is page 1
