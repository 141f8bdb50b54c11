"""Optional OpenID Connect sign-in (Slack, Microsoft Entra ID) against a local fake provider."""

from __future__ import annotations

import aiohttp
import pytest

from bot.config import OidcProvider, Settings
from handlers.core.vocabulary import OrgSettings
from tests.bot.dashboard.world import NOW, PUBLIC, Clock, start_site
from tests.fakes.oidc_provider import Breakage, FakeOidcProvider

pytestmark = pytest.mark.asyncio
SLACK_ADMIN = {"sub": "U-sub", "https://slack.com/team_id": "T1", "https://slack.com/user_id": "admin"}


@pytest.fixture
async def provider():
    clock = Clock()
    fake = FakeOidcProvider(clock=clock)
    await fake.start()
    yield fake
    await fake.stop()


async def site_with(store, fake: FakeOidcProvider, name: str):
    provider = OidcProvider(name, fake.issuer, fake.client_id, fake.client_secret)
    settings = Settings(admins=("admin", "oid-admin"), org=OrgSettings(public_url=PUBLIC), oidc=(provider,))
    return await start_site(store, settings=settings, clock=fake.clock)


async def through_provider(site, name: str, *, other_browser: bool = False):
    """Start at the dashboard, let the fake provider sign in `person`, and come back to the callback."""
    start = await site.client.get(f"/admin/oidc/{name}", allow_redirects=False)
    assert start.status == 302
    async with aiohttp.ClientSession() as http, http.get(start.headers["Location"], allow_redirects=False) as answer:
        back = answer.headers["Location"]
    if other_browser:
        site.client.session.cookie_jar.clear()
    return await site.client.get(site.path(back), allow_redirects=False), back


async def test_sign_in_with_slack_for_an_admin_of_that_workspace(store, provider):
    provider.person = SLACK_ADMIN
    site = await site_with(store, provider, "slack")
    try:
        assert "Sign in with Slack" in await (await site.client.get("/admin")).text()
        response, _ = await through_provider(site, "slack")
        assert response.status == 303 and response.headers["Location"] == "/admin"
        assert (await site.client.get("/admin/schedules")).status == 200
        assert "with Slack" in site.chat("/nudge audit")
        verifier_sent = provider.token_requests[0]["code_verifier"]
        assert verifier_sent and provider.token_requests[0]["client_secret"] == "secret-1"
    finally:
        await site.client.close()


async def test_someone_who_is_not_a_program_admin_is_refused(store, provider):
    provider.person = {**SLACK_ADMIN, "https://slack.com/user_id": "rn.0"}
    site = await site_with(store, provider, "slack")
    try:
        response, _ = await through_provider(site, "slack")
        assert response.status == 403 and (await site.client.get("/admin")).status == 401
    finally:
        await site.client.close()


async def test_sign_in_with_entra_id_finds_the_teams_admin_by_object_id(store, provider):
    provider.person = {"sub": "e-sub", "tid": "tenant-1", "oid": "oid-admin"}
    site = await site_with(store, provider, "entra")
    teams = store.members.ensure_workspace("teams", "tenant-1", NOW)
    store.members.ensure_member(teams.id, "29:teams-user", NOW, display_name="Sam Teams", aad_object_id="oid-admin")
    try:
        response, _ = await through_provider(site, "entra")
        assert response.status == 303
        page = await (await site.client.get("/admin")).text()
        assert "Sam Teams" in page and "tenant-1" in page
    finally:
        await site.client.close()


@pytest.mark.parametrize(
    "breakage",
    [Breakage(audience="someone-else"), Breakage(nonce="replayed"), Breakage(foreign_key=True), Breakage(expired=True)],
    ids=["audience", "nonce", "signature", "expired"],
)
async def test_a_token_that_fails_any_check_signs_no_one_in(store, provider, breakage):
    provider.person, provider.breakage = SLACK_ADMIN, breakage
    site = await site_with(store, provider, "slack")
    try:
        response, _ = await through_provider(site, "slack")
        assert response.status == 403 and "did not work" in await response.text()
        assert (await site.client.get("/admin")).status == 401
    finally:
        await site.client.close()


async def test_the_callback_works_once_and_only_in_the_browser_that_started(store, provider):
    provider.person = SLACK_ADMIN
    site = await site_with(store, provider, "slack")
    try:
        response, _ = await through_provider(site, "slack", other_browser=True)
        assert response.status == 403
        response, back = await through_provider(site, "slack")
        assert response.status == 303
        replay = await site.client.get(site.path(back), allow_redirects=False)
        assert replay.status == 403
    finally:
        await site.client.close()


async def test_an_unconfigured_provider_has_no_sign_in(site):
    assert (await site.client.get("/admin/oidc/entra")).status == 404
    assert "Sign in with" not in await (await site.client.get("/admin")).text()
