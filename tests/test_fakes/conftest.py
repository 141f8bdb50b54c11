"""Fixtures: each fake started per test on an ephemeral port, and the real SDK clients aimed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace

import pytest
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes import FakeBotConnector, FakeSlackAPI


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlackAPI]:
    async with FakeSlackAPI(tokens=["xoxb-test"]) as fake:
        fake.add_user("U1", "dr.lee", real_name="Dr Lee")
        fake.add_user("U2", "dr.patel", real_name="Dr Patel", tz="Europe/London")
        yield fake


@pytest.fixture
def client(slack: FakeSlackAPI) -> AsyncWebClient:
    return AsyncWebClient(token="xoxb-test", base_url=slack.base_url)


@pytest.fixture
async def connector() -> AsyncIterator[FakeBotConnector]:
    async with FakeBotConnector() as fake:
        yield fake


@pytest.fixture
def adapter() -> CloudAdapter:
    # Empty app id and password: botbuilder's "auth disabled" mode, no Authorization header.
    config = SimpleNamespace(APP_ID="", APP_PASSWORD="")
    return CloudAdapter(ConfigurationBotFrameworkAuthentication(config))


@pytest.fixture
def reference(connector: FakeBotConnector) -> ConversationReference:
    return ConversationReference(
        channel_id="msteams",
        service_url=connector.service_url,
        bot=ChannelAccount(id="28:bot", name="microcoach"),
        user=ChannelAccount(id="29:lee", aad_object_id="aad-lee"),
        conversation=ConversationAccount(id="a:lee", conversation_type="personal", tenant_id="tenant-1"),
    )
