"""Store contract, housekeeping: retries seen once, and everything purged when its keeping time is over."""

from __future__ import annotations

import os
from datetime import UTC, timedelta

from sqlalchemy import text

from store import Store
from store.repo_cards import CardSent
from tests.store.contract import outbox_row, person, schedule, workspace

DAY = timedelta(days=1)


def test_an_event_id_forgotten_can_be_seen_again(any_store, now):
    assert any_store.events.first_sight("slack", "T1:view-1", now) is True
    any_store.events.forget_sight("slack", "T1:view-1")  # the form had a problem: its corrected submission must pass
    any_store.events.forget_sight("slack", "never-seen")
    assert any_store.events.first_sight("slack", "T1:view-1", now) is True
    assert any_store.events.first_sight("slack", "T1:view-1", now) is False


def test_old_event_ids_are_forgotten(any_store, now):
    any_store.events.first_sight("slack", "old", now - 8 * DAY)
    any_store.events.first_sight("teams", "new", now)
    assert any_store.events.forget_events_before(now - 7 * DAY) == 1
    assert any_store.events.first_sight("slack", "old", now) is True
    assert any_store.events.first_sight("teams", "new", now) is False


def test_only_finished_outbox_rows_past_their_time_are_purged(any_store, now):
    ws = workspace(any_store, now)
    sched = schedule(any_store, ws, now)
    people = [person(any_store, ws, f"U{i}", now) for i in range(4)]
    old, recent = now - 500 * DAY, now - DAY
    any_store.outbox.enqueue([outbox_row(ws, sched, people[0], old, now, status="sent"),
                       outbox_row(ws, sched, people[1], old, now, status="missed"),
                       outbox_row(ws, sched, people[2], old, now),  # still pending: never purged
                       outbox_row(ws, sched, people[3], recent, now, status="sent")])  # fmt: skip
    assert any_store.housekeeping.purge_deliveries(now - 400 * DAY) == 2
    assert any_store.outbox.outbox_counts() == {"pending": 1, "sent": 1}


def test_audit_entries_and_kept_figures_go_after_their_time(any_store, now):
    ws = workspace(any_store, now)
    any_store.audit.record(ws.id, None, "system", "old", "", now - 800 * DAY)
    any_store.audit.record(ws.id, None, "system", "new", "", now)
    assert any_store.housekeeping.purge_audit(now - 730 * DAY) == 1
    assert [e.action for e in any_store.audit.entries(ws.id, now - 1000 * DAY)] == ["new"]
    any_store.reports.keep_report_snapshot(ws.id, "old", {"n": 1}, now - 900 * DAY)
    any_store.reports.keep_report_snapshot(ws.id, "new", {"n": 2}, now)
    assert any_store.housekeeping.purge_report_snapshots(now - 800 * DAY) == 1
    assert (any_store.reports.report_snapshot(ws.id, "old"), any_store.reports.report_snapshot(ws.id, "new")) == (
        None,
        {"n": 2},
    )


def test_expired_oauth_states_are_purged(any_store, now):
    naive = now.astimezone(UTC).replace(tzinfo=None)  # slack_sdk keeps naive UTC
    with any_store.engine.begin() as conn:
        conn.execute(text("INSERT INTO slack_oauth_states (state, expire_at) VALUES ('gone', :a), ('kept', :b)"),
                     {"a": naive - timedelta(seconds=1), "b": naive + timedelta(minutes=5)})  # fmt: skip
    assert any_store.housekeeping.purge_oauth_states(now) == 1
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT state FROM slack_oauth_states")).scalars().all() == ["kept"]


def test_uninstalled_workspaces_are_forgotten_after_the_grace_with_their_slack_rows(any_store, now):
    gone, back, live = (workspace(any_store, now, t) for t in ("T-GONE", "T-BACK", "T-LIVE"))
    person(any_store, gone, "U1", now)
    with any_store.engine.begin() as conn:
        for team in ("T-GONE", "T-LIVE"):
            conn.execute(text("INSERT INTO slack_bots (client_id, app_id, team_id) VALUES ('c', 'A', :t)"), {"t": team})
            conn.execute(text("INSERT INTO slack_installations (client_id, app_id, user_id, team_id) "
                              "VALUES ('c', 'A', 'U', :t)"), {"t": team})  # fmt: skip
    any_store.members.set_workspace_active(gone.id, False, now - 31 * DAY)
    any_store.members.set_workspace_active(back.id, False, now - 31 * DAY)
    any_store.members.ensure_workspace("slack", "T-BACK", now)  # an event from it: installed again
    assert any_store.housekeeping.forget_uninstalled(now - 30 * DAY) == 1
    assert [w.external_id for w in any_store.members.workspaces()] == ["T-BACK", "T-LIVE"]
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM members")).scalar() == 0
        for table in ("slack_bots", "slack_installations"):
            assert conn.execute(text(f"SELECT team_id FROM {table}")).scalars().all() == ["T-LIVE"]
    assert live.id != back.id


def test_sent_cards_are_remembered_pressed_and_purged(any_store, now):
    ws = workspace(any_store, now, "t-1", platform="teams")
    person(any_store, ws, "29:lee", now)
    card = CardSent("teams", "t-1", "29:lee", "a:lee", "m-1", "How was it?", {"checkin:skip": "Skip"})
    any_store.cards.remember_card("old", card, now - 15 * DAY)
    any_store.cards.remember_card("new", card, now)
    any_store.cards.remember_card("lost", CardSent(**{**card.__dict__, "workspace": "t-other"}), now)
    assert any_store.cards.purge_cards(now - 14 * DAY) == 1
    assert any_store.cards.press_card("old", "a:lee", "checkin:skip", now) is None
    assert any_store.cards.press_card("lost", "a:lee", "checkin:skip", now) is None  # a workspace we do not know
    pressed = any_store.cards.press_card("new", "a:lee", "checkin:skip", now)
    assert (pressed.activity_id, pressed.text, pressed.label, pressed.first) == ("m-1", "How was it?", "Skip", True)


def test_one_process_at_a_time_holds_the_tick(any_store, cipher):
    """Two stores on one database, as two processes would have: the lock elects one, and moves when it is let go."""
    other = any_store if any_store.dialect == "sqlite" else Store.open(os.environ["TEST_DATABASE_URL"], cipher)
    first, second = any_store.leader_lock(), other.leader_lock()
    assert first.try_acquire() is True and first.try_acquire() is True  # the holder keeps it
    assert second.try_acquire() is False
    first.release()
    assert second.try_acquire() is True
    second.release()
    if other is not any_store:
        other.close()
