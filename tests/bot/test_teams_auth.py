"""Promise 6 for Teams: /api/messages answers only a caller it can authenticate, and is absent when Teams is not set up.

Every refusal is checked at the fake Bot Connector too: a refused activity must cause no outbound request at all
(no reply, no stored conversation reference that a later schedule would post to).
"""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import ConfigError, Settings, load_settings
from bot.metrics import Metrics
from bot.services import Services
from bot.web import build_app, run_serve
from store import Store
from tests.bot.conftest import NOW, seed_slack
from tests.bot.slack_harness import settings_for
from tests.bot.teams_harness import PEOPLE, TENANT, TeamsHarness
from tests.conftest import PG_URL, reset_postgres
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.slack_api import FakeSlackAPI


def _activity(fake: FakeBotConnector, **changes) -> dict:
    harness = TeamsHarness(fake, None, None, None)  # only its activity builder is used
    body = harness.activity("admin", text="nudge list")
    body.update(changes)
    return body


async def _served(settings: Settings, store: Store):
    app = build_app(Services(settings, store, Metrics(), clock=lambda: NOW), scheduler=False)
    client = TestClient(TestServer(app))
    await client.start_server()
    return client


def _nobody_remembered(store: Store) -> bool:
    workspace = store.members.find_workspace("teams", TENANT)
    return workspace is None or all(m.conversation_ref is None for m in store.members.all(workspace.id))


@pytest.fixture
async def connector():
    fake = FakeBotConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'web.db'}"
    if not PG_URL:
        pytest.skip("PostgreSQL tests need TEST_DATABASE_URL (CI sets it; see .ci/run)")
    reset_postgres(PG_URL)
    return PG_URL


async def test_a_slack_only_server_has_no_teams_endpoint(connector, database_url, cipher):
    slack = FakeSlackAPI()
    await slack.start()
    seed_slack(slack)
    settings = settings_for(slack, "unused.db", database_url=database_url)
    store = Store.open(database_url, cipher)
    client = await _served(settings, store)
    try:
        forged = _activity(connector, channelData={"tenant": {"id": TENANT}})
        forged["from"]["aadObjectId"] = PEOPLE["admin"][2]
        response = await client.post("/api/messages", json=forged)
        assert response.status == 404
        assert (await (await client.get("/healthz")).json())["platforms"] == ["slack"]
    finally:
        await client.close()
        await slack.stop()
        store.close()
    assert connector.requests == []
    assert store.members.find_workspace("teams", TENANT) is None or _nobody_remembered(store)


@pytest.mark.parametrize(
    "changes", [{}, {"channelId": "directline"}], ids=["no-token", "other-channel-before-authentication"]
)
async def test_a_registered_bot_refuses_an_activity_without_a_token(connector, tmp_path, cipher, changes):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'teams.db'}",
        microsoft_app_id="11111111-2222-3333-4444-555555555555",
        microsoft_app_password="secret",
        microsoft_app_tenant_id=TENANT,
    )
    store = Store.open(settings.database_url, cipher)
    client = await _served(settings, store)
    try:
        response = await client.post("/api/messages", json=_activity(connector, **changes))
        assert response.status == 401
    finally:
        await client.close()
        store.close()
    assert connector.requests == []
    assert _nobody_remembered(store)


@pytest.mark.parametrize(
    "changes",
    [
        {"channelId": "webchat"},
        {"channelId": "emulator"},
        {"serviceUrl": "http://10.0.0.5:8080/"},
        {"serviceUrl": "https://internal-ehr.hospital.example/"},
    ],
    ids=["webchat", "emulator", "private-address", "internal-host"],
)
async def test_unauthenticated_teams_refuses_other_channels_and_far_service_urls(connector, tmp_path, cipher, changes):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'teams.db'}", teams_unauthenticated=True)
    store = Store.open(settings.database_url, cipher)
    client = await _served(settings, store)
    try:
        response = await client.post("/api/messages", json=_activity(connector, **changes))
        assert response.status == 401
        assert "error" in await response.json()
        accepted = await client.post("/api/messages", json=_activity(connector))
        assert accepted.status in (200, 201)  # the same activity from a loopback Teams stand-in is served
    finally:
        await client.close()
        store.close()
    assert all(path.startswith("/v3/conversations/a:admin") for _method, path in connector.requests)


def test_unauthenticated_teams_is_an_explicit_opt_in_that_excludes_a_registration():
    assert not load_settings({}).teams_enabled
    assert load_settings({"MICROCOACH_TEAMS_UNAUTHENTICATED": "1"}).teams_enabled
    with pytest.raises(ConfigError, match="MICROCOACH_TEAMS_UNAUTHENTICATED"):
        load_settings({"MICROCOACH_TEAMS_UNAUTHENTICATED": "1", "MicrosoftAppId": "abc"})
    with pytest.raises(ConfigError, match="MICROCOACH_TEAMS_UNAUTHENTICATED must be 1 or 0"):
        load_settings({"MICROCOACH_TEAMS_UNAUTHENTICATED": "sure"})


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "coach.example.org"])
def test_serve_refuses_unauthenticated_teams_off_loopback(host, tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", teams_unauthenticated=True)
    with pytest.raises(ConfigError, match="loopback"):
        run_serve(settings, host=host, port=0, scheduler=False)
