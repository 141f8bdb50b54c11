"""Nothing is kept for ever: retention reaches uninstalled workspaces; old rows are purged on schedule."""

from __future__ import annotations

from datetime import UTC, timedelta

from sqlalchemy import text

from handlers.core.vocabulary import OrgSettings
from scheduler import jobs
from store.rows import LearnedPace
from tests.dialog import Dialog


def _words_kept(store, workspace_id: int) -> int:
    with store.engine.connect() as conn:
        return conn.execute(
            text("SELECT count(*) FROM reflections WHERE workspace_id = :w AND body IS NOT NULL"), {"w": workspace_id}
        ).scalar()


def test_retention_also_reaches_a_workspace_that_uninstalled_the_app(any_store, now):
    d = Dialog(any_store, now)
    for said in ("/checkin", "words to forget"):
        d.say(said)
    any_store.members.set_workspace_active(d.ws_id, False, now)
    assert jobs.apply_retention(any_store, now + timedelta(days=91), OrgSettings()) == 1
    assert _words_kept(any_store, d.ws_id) == 0


def test_a_crisis_leaves_no_mark_on_the_persons_check_in(any_store, now):
    d = Dialog(any_store, now)
    d.say("/checkin")
    d.say("I want to end my life")
    exported = any_store.privacy.export_member(d.ws_id, d.member().id)
    assert [c["outcome"] for c in exported["check_ins"]] == ["closed"]
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM crisis_events")).scalar() == 1  # only a count


def test_old_rows_are_purged_on_schedule(any_store, now):
    d = Dialog(any_store, now - timedelta(days=800))
    d.add("admin", "Alex Rivera", admin=True)
    d.as_ = "admin"
    d.say("/nudge add daily 09:00")
    schedule = any_store.schedules.all(d.ws_id)[0]
    row = {"workspace_id": d.ws_id, "schedule_id": schedule.id, "member_id": d.member().id, "kind": "checkin",
           "status": "sent", "attempts": 1, "outcome_unknown": False}  # fmt: skip
    any_store.outbox.enqueue([{**row, "occurrence": d.now, "due_at": d.now, "created_at": d.now}])
    any_store.outbox.enqueue([{**row, "occurrence": now, "due_at": now, "created_at": now}])
    any_store.events.first_sight("slack", "T1:Ev1", now - timedelta(days=8))
    any_store.dashboard.issue_sign_in(d.ws_id, d.member().id, now - timedelta(days=3), ttl=timedelta(minutes=10))
    any_store.reports.keep_report_snapshot(d.ws_id, "report:v1:2024-01:all", {"rows": []}, now - timedelta(days=801))
    any_store.pacing.remember_paces("w1", {"console:gone": LearnedPace(10.0, None, True)}, now - timedelta(days=31))
    any_store.pacing.remember_paces("w1", {"console:demo": LearnedPace(12.0, 14.0, False)}, now - timedelta(days=29))
    with any_store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO slack_oauth_states (state, expire_at) VALUES ('old', :t), ('fresh', :u)"),
            {
                "t": (now - timedelta(minutes=1)).replace(tzinfo=None),
                "u": (now + timedelta(minutes=9)).replace(tzinfo=None),
            },
        )
    removed = jobs.purge_old_records(any_store, now)
    assert removed == {"deliveries": 1, "audit entries": 1, "event ids": 1, "oauth states": 1, "report snapshots": 1,
                       "dashboard sign-ins": 1, "teams cards": 0, "workspaces": 0, "learned paces": 1}  # fmt: skip
    assert len(any_store.outbox.deliveries_for(d.member().id)) == 1
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT state FROM slack_oauth_states")).scalars().all() == ["fresh"]


def test_an_uninstalled_workspace_is_forgotten_after_its_grace_period(any_store, now):
    d = Dialog(any_store, now, platform="slack", workspace="T-GONE")
    d.say("/checkin")
    d.say("words")
    with any_store.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, installed_at) "
                 "VALUES ('c', 'A1', 'T-GONE', 'x', :t)"),
            {"t": now.astimezone(UTC).replace(tzinfo=None)},
        )  # fmt: skip
    any_store.members.set_workspace_active(d.ws_id, False, now)
    assert jobs.purge_old_records(any_store, now + timedelta(days=29))["workspaces"] == 0
    assert jobs.purge_old_records(any_store, now + timedelta(days=31))["workspaces"] == 1
    assert any_store.members.find_workspace("slack", "T-GONE") is None
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM members")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM slack_bots WHERE team_id = 'T-GONE'")).scalar() == 0


def test_a_workspace_that_comes_back_is_not_forgotten(any_store, now):
    d = Dialog(any_store, now, platform="slack", workspace="T-BACK")
    d.say("help")
    any_store.members.set_workspace_active(d.ws_id, False, now)
    d.now = now + timedelta(days=10)
    d.say("help")  # any event from the workspace means it is installed again
    assert jobs.purge_old_records(any_store, now + timedelta(days=60))["workspaces"] == 0
    assert any_store.members.find_workspace("slack", "T-BACK") is not None
