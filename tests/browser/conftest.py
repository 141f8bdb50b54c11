"""A real browser for the dashboard: Playwright driving Debian's Chromium, or a plain skip saying what is missing."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from bot.config import Settings
from handlers.core.vocabulary import OrgSettings
from tests.bot.dashboard.world import start_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

try:
    from playwright.async_api import async_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    async_playwright = None


def _why_not() -> str | None:
    if async_playwright is None:
        return "browser tests skipped: the playwright package is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).is_file():
        return "browser tests skipped: Chromium is not installed (apt-get install -y chromium)"
    return None


@pytest.fixture
async def browser():
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        await launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
async def live(store):
    """The dashboard on a real port, its sign-in links pointing at it."""
    port = _free_port()
    settings = Settings(admins=("admin",), org=OrgSettings(public_url=f"http://127.0.0.1:{port}"))
    site = await start_site(store, settings=settings, port=port)
    site.base = f"http://127.0.0.1:{port}"
    yield site
    await site.client.close()


@pytest.fixture
def shots():
    """Save a screenshot of a page under test-artifacts/ (gitignored): `await shots(page, "name")`."""
    ARTIFACTS.mkdir(exist_ok=True)

    async def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        await page.screenshot(path=str(path), full_page=True)
        return path

    return take
