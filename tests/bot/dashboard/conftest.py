"""The dashboard on a test server over a migrated SQLite store, with a chat side on the same store."""

from __future__ import annotations

import pytest

from tests.bot.dashboard.world import start_site


@pytest.fixture
async def site(store):
    made = await start_site(store)
    yield made
    await made.client.close()
