"""The shared aiohttp server: both platforms mounted, /healthz, /metrics, and the scheduler started and stopped."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.metrics import Metrics
from bot.services import Services
from bot.web import RUNNER, build_app
from store import Store
from tests.bot.conftest import NOW, seed_slack
from tests.bot.slack_harness import settings_for
from tests.fakes.slack_api import FakeSlackAPI

pytestmark = pytest.mark.asyncio


@pytest.fixture
async def server(tmp_path, cipher):
    fake = FakeSlackAPI()
    await fake.start()
    seed_slack(fake)
    settings = settings_for(fake, tmp_path / "web.db", teams_unauthenticated=True)
    store = Store.open(settings.database_url, cipher)
    app = build_app(Services(settings, store, Metrics(store), clock=lambda: NOW), scheduler=True)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client, app
    await client.close()
    await fake.stop()


async def test_health_and_both_platforms_on_one_app(server):
    client, app = server
    response = await client.get("/healthz")
    assert response.status == 200
    assert await response.json() == {"ok": True, "database": "ok", "platforms": ["slack", "teams"]}
    routes = {r.resource.canonical for r in app.router.routes() if r.resource}
    assert {"/slack/events", "/api/messages", "/healthz", "/metrics"} <= routes
    assert app[RUNNER]._scheduler is not None and app[RUNNER]._scheduler.running


async def test_metrics_count_requests_by_route_never_by_content(server):
    client, _ = server
    await client.post("/slack/events", data="SECRET-WORDS", headers={"Content-Type": "application/json"})
    await client.post("/api/messages", json={"type": "message", "text": "SECRET-WORDS"})
    text = await (await client.get("/metrics")).text()
    assert 'microcoach_requests_total{route="/slack/events",status="401"} 1.0' in text
    assert 'route="/api/messages"' in text and "microcoach_request_seconds_bucket" in text
    assert "microcoach_deliveries" in text
    assert "SECRET" not in text
