"""Fixtures for the adapters: the Slack app behind a real aiohttp server, the fake Web API beside it."""

from __future__ import annotations

import shutil
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.metrics import Metrics
from bot.services import Services
from bot.slack.adapter import SlackAdapter
from store import Store
from tests.bot.slack_harness import Responses, SlackHarness, settings_for
from tests.fakes.slack_api import FakeSlackAPI

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)  # 09:00 in New York


def seed_slack(fake: FakeSlackAPI) -> None:
    fake.add_user("ULEE", "dr.lee", real_name="Jordan Lee", tz="America/New_York")
    fake.add_user("UPATEL", "dr.patel", real_name="Priya Patel", tz="America/New_York")
    fake.add_user("UKIM", "nurse.kim", real_name="Min-jun Kim", tz="America/Chicago")
    fake.add_user("UADMIN", "admin", real_name="Alex Rivera", tz="America/New_York", is_admin=True)
    fake.add_channel("C0ICU", "icu", ["ULEE", "UKIM"])


def copied_store(template, db_path, cipher) -> Store:
    """A store on a copy of the session's migrated database (see tests/conftest.py)."""
    shutil.copyfile(template, db_path)
    return Store.open(f"sqlite:///{db_path}", cipher, migrate=False)


@asynccontextmanager
async def running_slack(db_path, cipher, fake: FakeSlackAPI, template, **settings):
    """The real Bolt app on a test server, with the fake Web API and a recorder of response_url posts."""
    await fake.start()
    seed_slack(fake)
    settings = settings_for(fake, db_path, **settings)
    store = copied_store(template, db_path, cipher)
    services = Services(settings, store, Metrics(), clock=lambda: NOW)
    adapter = SlackAdapter(services)
    services.senders["slack"] = adapter.sender
    app = web.Application()
    adapter.routes(app)
    responses = Responses()
    app.router.add_post("/respond/{user}", responses.handle)
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        yield SlackHarness(fake, adapter, client, services, responses)
    finally:
        await client.close()
        await adapter.close()
        await fake.stop()
        store.close()
    assert fake.violations == [], fake.violations


@pytest.fixture
async def slack(tmp_path, cipher, migrated_sqlite):
    async with running_slack(tmp_path / "slack.db", cipher, FakeSlackAPI(), migrated_sqlite) as harness:
        yield harness


@pytest.fixture
async def teams(tmp_path, cipher, migrated_sqlite):
    from bot.config import Settings
    from bot.teams.adapter import TeamsAdapter
    from tests.bot.teams_harness import TeamsHarness
    from tests.fakes.bot_connector import FakeBotConnector

    fake = FakeBotConnector()
    await fake.start()
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'teams.db'}", admins=("aad-admin",), teams_unauthenticated=True
    )
    store = copied_store(migrated_sqlite, tmp_path / "teams.db", cipher)
    services = Services(settings, store, Metrics(), clock=lambda: NOW)
    adapter = TeamsAdapter(services)
    services.senders["teams"] = adapter.sender
    app = web.Application()
    adapter.routes(app)
    client = TestClient(TestServer(app))
    await client.start_server()
    yield TeamsHarness(fake, adapter, client, services)
    await client.close()
    await fake.stop()
    store.close()
    assert fake.violations == [], fake.violations
