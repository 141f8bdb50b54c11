"""Store contract, workspaces, members and channels: on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import NoResultFound

from store import Store
from tests.store.contract import outbox_row, person, schedule, workspace


def test_the_store_answers_opens_again_on_the_same_database_and_closes(any_store, now, cipher):
    assert any_store.dialect in ("sqlite", "postgresql")
    any_store.ping()  # the health check: no exception means the database answered
    ws = workspace(any_store, now)
    again = Store.open(any_store.engine.url.render_as_string(hide_password=False), cipher, migrate=False)
    try:
        assert again.members.find_workspace("slack", "T1").id == ws.id
    finally:
        again.close()
    assert again.engine.pool.checkedout() == 0


def test_a_workspace_is_found_by_platform_ids_and_comes_back_when_reinstalled(any_store, now):
    ws = any_store.members.ensure_workspace("slack", "T1", now, name="Clinic")
    teams = workspace(any_store, now, "T1", platform="teams")
    assert teams.id != ws.id
    assert any_store.members.find_workspace("slack", "T1").name == "Clinic"
    assert any_store.members.find_workspace("slack", "nope") is None
    any_store.members.set_workspace_active(ws.id, False, now)
    gone = any_store.members.workspace(ws.id)
    assert (gone.active, gone.inactive_since) == (False, now)
    assert [w.id for w in any_store.members.active_workspaces()] == [teams.id]
    assert [w.id for w in any_store.members.workspaces()] == [ws.id, teams.id]
    back = any_store.members.ensure_workspace("slack", "T1", now + timedelta(days=1))
    assert (back.id, back.active, back.inactive_since) == (ws.id, True, None)
    assert [w.id for w in any_store.members.active_workspaces()] == [ws.id, teams.id]


def test_workspace_settings_merge_and_persist(any_store, now):
    ws = workspace(any_store, now)
    assert any_store.members.update_workspace_settings(ws.id, retention_days=30) == {"retention_days": 30}
    assert any_store.members.update_workspace_settings(ws.id, language="es") == {"retention_days": 30, "language": "es"}
    assert any_store.members.workspace(ws.id).settings == {"retention_days": 30, "language": "es"}


def test_members_are_found_by_user_id_handle_and_either_teams_id(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    ana = person(any_store, ws, "U1", now, handle="Ana.Lopez", aad_object_id="aad-1")
    person(any_store, other, "U1", now, handle="ana.lopez")
    assert any_store.members.member_by_user(ws.id, "U1").id == ana.id
    assert any_store.members.member_by_user(ws.id, "U9") is None
    assert any_store.members.member_by_handle(ws.id, "@ana.lopez").id == ana.id  # case and @ do not matter
    assert any_store.members.member_by_handle(ws.id, "ben") is None
    assert any_store.dashboard.member_by_any_id(ws.id, "U1").id == ana.id
    assert any_store.dashboard.member_by_any_id(ws.id, "aad-1").id == ana.id
    assert any_store.dashboard.member_by_any_id(other.id, "aad-1") is None


def test_members_and_their_count_agree_with_or_without_ids(any_store, now):
    ws = workspace(any_store, now)
    people = [person(any_store, ws, f"U{i}", now) for i in range(4)]
    person(any_store, workspace(any_store, now, "T2"), "U9", now)
    assert any_store.members.count_members(ws.id) == 4 == len(any_store.members.all(ws.id))
    chosen = [people[3].id, people[1].id]
    assert [m.id for m in any_store.members.all(ws.id, chosen)] == sorted(chosen)
    assert any_store.members.count_members(ws.id, chosen) == 2
    assert any_store.members.count_members(ws.id, []) == 0 and any_store.members.all(ws.id, []) == []


def test_update_member_changes_only_known_fields_of_a_member_of_this_workspace(any_store, now):
    ws, other = workspace(any_store, now), workspace(any_store, now, "T2")
    ana = person(any_store, ws, "U1", now)
    changed = any_store.members.update_member(ws.id, ana.id, status="stopped", paused_until=now, themes=["sleep"])
    assert (changed.status, changed.paused_until, changed.themes) == ("stopped", now, ["sleep"])
    assert any_store.members.member(ws.id, ana.id).themes == ["sleep"]
    with pytest.raises(ValueError, match="not member fields"):
        any_store.members.update_member(ws.id, ana.id, user_id="U2")
    with pytest.raises(NoResultFound):  # another workspace's member is out of reach
        any_store.members.update_member(other.id, ana.id, status="active")


def test_the_welcome_is_claimed_once(any_store, now):
    ws = workspace(any_store, now)
    ana = person(any_store, ws, "U1", now)
    assert any_store.members.claim_welcome(ws.id, ana.id) is True
    assert any_store.members.claim_welcome(ws.id, ana.id) is False
    assert any_store.members.member(ws.id, ana.id).welcomed is True
    assert any_store.members.claim_welcome(workspace(any_store, now, "T2").id, ana.id) is False


def test_no_welcome_is_claimed_while_a_delivery_to_them_is_on_its_way(any_store, now):
    ws = workspace(any_store, now)
    ana, ben = person(any_store, ws, "U1", now), person(any_store, ws, "U2", now)
    any_store.outbox.enqueue([outbox_row(ws, schedule(any_store, ws, now), ben, now, now)])
    [row] = any_store.outbox.claim("w1", now, 5, timedelta(seconds=30))
    assert any_store.members.claim_welcome(ws.id, ben.id) is False  # the check-in being sent carries the welcome
    assert any_store.members.claim_welcome(ws.id, ana.id) is True  # nothing on its way to her
    assert any_store.outbox.finish(row.id, "w1", "failed", now, reason="gave up")
    assert any_store.members.claim_welcome(ws.id, ben.id) is True  # it never went out: the next event greets


def test_channel_members_are_replaced_per_channel_and_found_by_name(any_store, now):
    ws = workspace(any_store, now)
    ana, ben, cy = (person(any_store, ws, u, now) for u in ("U1", "U2", "U3"))
    any_store.members.set_channel_members(ws.id, "C1", "ICU-Nurses", [ana.id, ben.id, ben.id])
    any_store.members.set_channel_members(ws.id, "C2", "ed", [ana.id])
    assert sorted(any_store.members.channel_member_ids(ws.id, "C1")) == sorted([ana.id, ben.id])
    any_store.members.set_channel_members(ws.id, "C1", "icu-nurses", [cy.id])  # a fresh roster replaces the old one
    assert any_store.members.channel_member_ids(ws.id, "C1") == [cy.id]
    assert any_store.members.channel_by_name(ws.id, "#ICU-nurses") == "C1"
    assert any_store.members.channel_by_name(ws.id, "nowhere") is None
    assert any_store.members.channel_name(ws.id, "C2") == "ed"
    assert any_store.members.channel_name(ws.id, "C9") == ""
    assert sorted(any_store.members.channels_of(ws.id, ana.id)) == ["C2"]
    assert any_store.members.channels_of(workspace(any_store, now, "T2").id, ana.id) == []


def test_raw_sql_through_the_engine_sees_what_the_store_wrote(any_store, now):
    ws = workspace(any_store, now)
    person(any_store, ws, "U1", now)
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT user_id FROM members")).scalars().all() == ["U1"]


def test_a_member_is_created_with_defaults_and_refreshed_only_by_what_the_platform_says(any_store, now):
    ws = workspace(any_store, now)
    made = any_store.members.ensure_member(ws.id, "U1", now, display_name="Ana", handle=None)
    defaults = (made.timezone, made.status, made.welcomed, made.zone_chosen, made.themes, made.timing, made.handle)
    assert defaults == ("UTC", "active", False, False, [], "clock", None)
    again = any_store.members.ensure_member(
        ws.id, "U1", now + timedelta(days=1), display_name=None, timezone="Europe/Paris"
    )
    assert (again.id, again.display_name, again.timezone, again.created_at) == (made.id, "Ana", "Europe/Paris", now)


def test_a_directory_sync_creates_the_new_and_refreshes_the_known_in_bulk(any_store, now):
    ws = workspace(any_store, now)
    chose = any_store.members.ensure_member(ws.id, "U1", now, display_name="One")
    any_store.members.update_member(ws.id, chose.id, timezone="Asia/Tokyo", zone_chosen=True)
    people = [{"user_id": "U1", "timezone": "UTC", "role": "nurse"}, {"user_id": "U2", "display_name": "Two"}]
    assert any_store.members.bulk_upsert_members(ws.id, people, now) == 1
    assert any_store.members.bulk_upsert_members(ws.id, [], now) == 0
    by_user = {m.user_id: m for m in any_store.members.all(ws.id)}
    assert (by_user["U1"].timezone, by_user["U1"].role, by_user["U1"].display_name) == ("Asia/Tokyo", "nurse", "One")
    assert (by_user["U2"].display_name, by_user["U2"].timezone) == ("Two", "UTC")


def test_calls_made_together_read_their_own_writes_and_commit_as_one(any_store, now):
    ws = workspace(any_store, now)
    with any_store.together():
        ana = any_store.members.ensure_member(ws.id, "U1", now)
        any_store.schedules.add_schedule(ws.id, now, name="own", days="mon", local_time="07:00", audience_kind="member",
                               owner_member_id=ana.id)  # fmt: skip
        assert any_store.schedules.members_with_own_time(ws.id) == {ana.id}
    assert any_store.schedules.personal_schedule(ws.id, ana.id).name == "own"
    with pytest.raises(RuntimeError), any_store.together():
        any_store.members.ensure_member(ws.id, "U2", now)
        raise RuntimeError("a later step failed")
    assert any_store.members.member_by_user(ws.id, "U2") is None
