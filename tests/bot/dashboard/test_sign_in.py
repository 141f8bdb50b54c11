"""Signing in from chat: a one-time, 10-minute link bound to one admin; sessions, sign-out, rights on every request."""

from __future__ import annotations

from datetime import timedelta
from http.cookies import SimpleCookie

import pytest

from bot.config import Settings
from bot.dashboard.operator import LinkRefused, admin_link
from bot.dashboard.security import HEADERS, SESSION_COOKIE
from bot.dashboard.state import DASHBOARD, settings_rights
from handlers.core.vocabulary import OrgSettings
from store.repo_dashboard import digest
from tests.bot.dashboard.world import PUBLIC, start_site

pytestmark = pytest.mark.asyncio


async def test_a_link_signs_in_once_and_the_second_time_is_refused(site):
    link = site.link()
    assert link.startswith(PUBLIC + "/admin/login/")
    first = await site.client.get(site.path(link), allow_redirects=False)
    assert first.status == 303 and first.headers["Location"] == "/admin"
    assert "Overview" in await (await site.client.get("/admin")).text()
    site.client.session.cookie_jar.clear()
    again = await site.client.get(site.path(link))
    assert again.status == 400 and "no longer works" in await again.text()
    assert (await site.client.get("/admin")).status == 401


async def test_the_link_is_stored_only_as_its_hash(site):
    token = site.link().rsplit("/", 1)[1]
    with site.services.store.engine.connect() as conn:
        stored = [row[0] for row in conn.exec_driver_sql("SELECT token_hash FROM dashboard_tokens")]
    assert stored == [digest(token)] and token not in stored


async def test_a_link_lasts_ten_minutes(site):
    link = site.link()
    site.clock.now += timedelta(minutes=10, seconds=1)
    response = await site.client.get(site.path(link))
    assert response.status == 400 and (await site.client.get("/admin")).status == 401


async def test_the_session_cookie_is_httponly_lax_and_lasts_at_most_eight_hours(site):
    response = await site.client.get(site.path(site.link()), allow_redirects=False)
    cookie = SimpleCookie(response.headers["Set-Cookie"])[SESSION_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/admin"
    assert int(cookie["max-age"]) <= 8 * 3600 and not cookie["secure"]  # plain http here
    site.clock.now += timedelta(hours=8, seconds=1)
    assert (await site.client.get("/admin")).status == 401


async def test_under_https_the_cookie_is_secure(store):
    settings = Settings(admins=("admin",), org=OrgSettings(public_url="https://coach.example.org"))
    secure = await start_site(store, settings=settings)
    try:
        link = secure.link().removeprefix("https://coach.example.org")
        response = await secure.client.get(link, allow_redirects=False)
        assert SimpleCookie(response.headers["Set-Cookie"])[SESSION_COOKIE]["secure"]
    finally:
        await secure.client.close()


async def test_every_admin_page_needs_a_session(site):
    for path in ("/admin", "/admin/schedules", "/admin/roster", "/admin/settings", "/admin/audit", "/admin/chart.png"):
        response = await site.client.get(path)
        assert response.status == 401 and "/nudge dashboard" in await response.text()
    assert (await site.client.post("/admin/schedules/1/pause", data={"csrf": "x"})).status == 401


async def test_sign_out_ends_the_session_for_good(site):
    await site.sign_in()
    cookie = site.client.session.cookie_jar.filter_cookies(site.client.make_url("/admin"))[SESSION_COOKIE].value
    response = await site.post("/admin/logout")
    assert "You are signed out" in await response.text()
    assert (await site.client.get("/admin")).status == 401
    replayed = await site.client.get("/admin", cookies={SESSION_COOKIE: cookie})  # the old cookie, kept by someone
    assert replayed.status == 401
    assert "dashboard.sign-out" in site.chat("/nudge audit")


async def test_someone_taken_off_the_admin_list_loses_access_at_their_next_click(site):
    await site.sign_in()
    assert (await site.client.get("/admin/schedules")).status == 200
    site.services.settings = Settings(admins=("someone.else",), org=site.services.settings.org)
    site.client.app[DASHBOARD].rights = settings_rights(site.services)  # as a restart with a new list would
    response = await site.client.get("/admin/schedules")
    assert response.status == 403 and "no longer" in await response.text()
    site.services.settings = Settings(admins=("admin",), org=site.services.settings.org)
    site.client.app[DASHBOARD].rights = settings_rights(site.services)
    assert (await site.client.get("/admin")).status == 401  # that session is over, even with rights back


async def test_a_link_for_one_admin_signs_in_that_admin_in_that_workspace_only(site):
    await site.sign_in()
    audit = await site.page("/admin/audit")
    assert "Alex Rivera" in audit and "dashboard.sign-in" in audit and "by a link from chat" in audit
    assert "dashboard.sign-in" in site.chat("/nudge audit")  # sign-ins show in chat's audit too


async def test_a_non_admin_gets_no_link(site):
    said = site.chat("/nudge dashboard", as_="rn.0")
    assert "Only program admins" in said and "/admin/login/" not in said
    with site.services.store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM dashboard_tokens").scalar() == 0


async def test_without_a_public_url_the_command_says_what_to_set(store):
    site = await start_site(store, settings=Settings(admins=("admin",)))
    try:
        said = site.chat("/nudge dashboard")
        assert "MICROCOACH_PUBLIC_URL" in said and "/admin/login/" not in said
    finally:
        await site.client.close()


async def test_pages_carry_strict_headers(site):
    await site.sign_in()
    for path in ("/admin", "/admin/schedules", "/admin/login/nonsense", "/admin/static/dashboard.css"):
        response = await site.client.get(path)
        for name, value in HEADERS.items():
            assert response.headers[name] == value, (path, name)
    csp = HEADERS["Content-Security-Policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert HEADERS["X-Frame-Options"] == "DENY" and HEADERS["Referrer-Policy"] == "no-referrer"


async def test_sign_in_attempts_are_rate_limited(site):
    for attempt in range(10):
        assert (await site.client.get(f"/admin/login/guess{attempt}")).status == 400
    good = site.link()
    blocked = await site.client.get(site.path(good))
    assert blocked.status == 429 and int(blocked.headers["Retry-After"]) > 0
    with site.services.store.engine.connect() as conn:  # the refused attempt did not use the link up
        assert conn.exec_driver_sql("SELECT used_at FROM dashboard_tokens").scalar() is None
    site.clock.now += timedelta(minutes=10, seconds=1)  # the window passes: a new link works
    assert (await site.client.get(site.path(site.link()), allow_redirects=False)).status == 303


async def test_a_link_preview_does_not_use_up_the_link(site):
    link = site.path(site.link())
    preview = await site.client.get(
        link, headers={"User-Agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"}
    )
    assert preview.status == 200 and SESSION_COOKIE not in preview.cookies
    assert (await site.client.head(link)).status == 405
    assert (await site.client.get(link, allow_redirects=False)).status == 303


async def test_admin_link_prints_a_link_for_an_admin_and_audits_it(site):
    settings, store = site.services.settings, site.services.store
    url = admin_link(settings, store, "T1", "admin", site.clock.now)
    assert url.startswith(PUBLIC + "/admin/login/")
    assert (await site.client.get(site.path(url), allow_redirects=False)).status == 303
    assert "dashboard.link" in site.chat("/nudge audit")
    with pytest.raises(LinkRefused, match="not a program admin"):
        admin_link(settings, store, "T1", "rn.0", site.clock.now)
    with pytest.raises(LinkRefused, match="No workspace"):
        admin_link(settings, store, "T-other", "admin", site.clock.now)
