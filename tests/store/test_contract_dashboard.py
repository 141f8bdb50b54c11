"""Store contract, dashboard sign-in: one-time tokens, sessions with CSRF and flash, purged a day after they end."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from tests.store.contract import person, workspace

TTL = timedelta(minutes=10)


def test_a_sign_in_link_works_once_before_it_expires_and_only_for_its_kind(any_store, now):
    ws = workspace(any_store, now)
    admin = person(any_store, ws, "A1", now)
    secret = any_store.dashboard.issue_sign_in(ws.id, admin.id, now, ttl=TTL)
    with any_store.engine.connect() as conn:
        assert secret not in conn.execute(text("SELECT token_hash FROM dashboard_tokens")).scalars().all()
    assert any_store.dashboard.use_sign_in(secret, "oidc", now) is None
    used = any_store.dashboard.use_sign_in(secret, "link", now)
    assert (used.workspace_id, used.member_id, used.used_at) == (ws.id, admin.id, now)
    assert any_store.dashboard.use_sign_in(secret, "link", now) is None  # once
    late = any_store.dashboard.issue_sign_in(ws.id, admin.id, now, ttl=TTL)
    assert any_store.dashboard.use_sign_in(late, "link", now + TTL) is None  # expired
    assert any_store.dashboard.use_sign_in("forged", "link", now) is None


def test_an_oidc_state_carries_its_data_and_no_person(any_store, now):
    state = any_store.dashboard.issue_sign_in(
        None, None, now, ttl=TTL, kind="oidc", data={"nonce": "n1", "provider": "entra"}
    )
    used = any_store.dashboard.use_sign_in(state, "oidc", now)
    assert (used.workspace_id, used.member_id, used.data) == (None, None, {"nonce": "n1", "provider": "entra"})


def test_a_session_lives_until_it_ends_or_expires_and_keeps_a_flash(any_store, now):
    ws = workspace(any_store, now)
    admin = person(any_store, ws, "A1", now)
    secret, row = any_store.dashboard.start_session(ws.id, admin.id, now, ttl=timedelta(hours=8), via="slack")
    assert secret != row.token_hash and len(row.csrf) >= 32
    live = any_store.dashboard.dashboard_session(secret, now)
    assert (live.id, live.member_id, live.via, live.flash) == (row.id, admin.id, "slack", None)
    any_store.dashboard.set_flash(row.id, "Schedule paused")
    assert any_store.dashboard.dashboard_session(secret, now).flash == "Schedule paused"
    any_store.dashboard.set_flash(row.id, None)
    assert any_store.dashboard.dashboard_session(secret, now).flash is None
    assert any_store.dashboard.dashboard_session(secret, now + timedelta(hours=8)) is None  # expired
    assert any_store.dashboard.dashboard_session("forged", now) is None
    any_store.dashboard.end_session(row.id, now + timedelta(hours=1))
    assert any_store.dashboard.dashboard_session(secret, now + timedelta(hours=1)) is None


def test_ended_tokens_and_sessions_are_purged_a_day_later(any_store, now):
    ws = workspace(any_store, now)
    admin = person(any_store, ws, "A1", now)
    any_store.dashboard.issue_sign_in(ws.id, admin.id, now - timedelta(days=2), ttl=TTL)
    fresh = any_store.dashboard.issue_sign_in(ws.id, admin.id, now - timedelta(hours=1), ttl=TTL)
    any_store.dashboard.start_session(ws.id, admin.id, now - timedelta(days=3), ttl=timedelta(hours=8), via="link")
    secret, _row = any_store.dashboard.start_session(ws.id, admin.id, now, ttl=timedelta(hours=8), via="entra")
    assert any_store.dashboard.purge_sign_ins(now) == 2
    assert any_store.dashboard.purge_sign_ins(now) == 0
    assert any_store.dashboard.dashboard_session(secret, now) is not None
    assert (
        any_store.dashboard.use_sign_in(fresh, "link", now) is None
    )  # expired an hour ago, kept for the day: still refused
