"""The shared aiohttp server: both platforms mounted, /healthz, /metrics, and the scheduler started and stopped."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.adapter import Adapter
from bot.metrics import CountingSender, Metrics
from bot.services import Services
from bot.web import ADAPTERS, RUNNER, SERVICES, build_app
from scheduler.sender import Outgoing, Recipient, SendResult
from store import Store
from tests.bot.conftest import NOW, seed_slack
from tests.bot.slack_harness import settings_for
from tests.fakes.slack_api import FakeSlackAPI

pytestmark = pytest.mark.asyncio
TOKEN = "scrape-token-0123456789"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
async def server(tmp_path, cipher):
    fake = FakeSlackAPI()
    await fake.start()
    seed_slack(fake)
    settings = settings_for(fake, tmp_path / "web.db", teams_unauthenticated=True, metrics_token=TOKEN)
    store = Store.open(settings.database_url, cipher)
    app = build_app(Services(settings, store, Metrics(), clock=lambda: NOW), scheduler=True)
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


async def test_every_platform_is_an_adapter(server):
    _, app = server
    # web.py calls warm_up and close on each without asking whether it has them.
    assert app[ADAPTERS] and all(isinstance(adapter, Adapter) for adapter in app[ADAPTERS].values())


async def test_metrics_count_requests_by_route_never_by_content(server):
    client, _ = server
    await client.post("/slack/events", data="SECRET-WORDS", headers={"Content-Type": "application/json"})
    await client.post("/api/messages", json={"type": "message", "text": "SECRET-WORDS"})
    text = await (await client.get("/metrics", headers=BEARER)).text()
    assert 'microcoach_requests_total{route="/slack/events",status="401"} 1.0' in text
    assert 'route="/api/messages"' in text and "microcoach_request_seconds_bucket" in text
    assert "microcoach_messages" in text
    assert "SECRET" not in text


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
async def test_metrics_need_the_token(server, headers):
    client, _ = server
    response = await client.get("/metrics", headers=headers)
    assert response.status == 401 and "microcoach_requests" not in await response.text()


async def test_a_scrape_reads_no_database(server, monkeypatch):
    client, app = server
    store = app[SERVICES].store
    monkeypatch.setattr(store.outbox, "outbox_counts", lambda *a, **k: pytest.fail("a scrape queried the outbox"))
    assert (await client.get("/metrics", headers=BEARER)).status == 200


async def test_without_a_token_there_are_no_metrics(tmp_path, cipher):
    fake = FakeSlackAPI()
    await fake.start()
    settings = settings_for(fake, tmp_path / "plain.db")
    store = Store.open(settings.database_url, cipher)
    client = TestClient(TestServer(build_app(Services(settings, store, Metrics(), clock=lambda: NOW), scheduler=False)))
    await client.start_server()
    try:
        response = await client.get("/metrics")
        assert response.status == 404 and "MICROCOACH_METRICS_TOKEN" in await response.text()
    finally:
        await client.close()
        await fake.stop()
        store.close()


async def test_every_send_outcome_is_counted_by_platform():
    class Flaky:
        platform = "slack"

        def __init__(self):
            self.results = iter([SendResult("throttled", retry_after=1.0), SendResult("sent")])

        async def send(self, out):
            return next(self.results)

        async def find_sent(self, out, since):
            return None

    metrics = Metrics()
    sender = CountingSender(Flaky(), metrics)
    out = Outgoing(Recipient("slack", "T1", "U1"), ())
    assert [(await sender.send(out)).status for _ in range(2)] == ["throttled", "sent"]
    text = metrics.render().decode()
    assert 'microcoach_messages_total{outcome="throttled",platform="slack"} 1.0' in text
    assert 'microcoach_messages_total{outcome="sent",platform="slack"} 1.0' in text


async def test_the_served_pacer_runs_on_a_monotonic_clock(server):
    # A wall-clock step (NTP, a VM resumed) must neither stall a lane nor let it burst.
    import time

    _, app = server
    assert app[RUNNER].pacer._clock is time.monotonic


async def test_a_process_starts_before_the_risk_rules_are_compiled():
    # A worker restarted mid-delivery must be sending within moments: importing the app compiles no rule
    # (seconds of CPU); serve, socket and the demo compile them in a thread, and the first check waits for it.
    import subprocess
    import sys

    probe = (
        "import bot.web, bot.slack.adapter; from handlers.safety import compiled, assess; "
        "print(len(compiled._built)); print(assess('i want to kill myself').level); print(len(compiled._built))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "crisis", "1"]
