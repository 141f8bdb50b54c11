"""`microcoach demo --web`: the dashboard beside the console, signed in with `:dashboard` as the demo's admin."""

from __future__ import annotations

import asyncio
import io
import re
import socket
from dataclasses import replace
from pathlib import Path

import aiohttp

from bot.console import Console
from bot.demo import demo_start, run_demo, seed
from bot.demo_web import DemoWeb
from handlers.core.vocabulary import OrgSettings
from tests.bot.test_demo import START


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_dashboard_prints_a_link_for_the_admin_only(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text(":as admin\n:dashboard\n:as dr.lee\n:dashboard\n")
    out = io.StringIO()
    assert run_demo(str(tmp_path / "demo.db"), str(script), out=out, start=START, web_port=_free_port()) == 0
    transcript = out.getvalue()
    admin_part, lee_part = transcript.split("dr.lee> :dashboard")
    assert re.search(r"http://127\.0\.0\.1:\d+/admin/login/\S+", admin_part)
    assert "Only program admins" in lee_part and "/admin/login/" not in lee_part


def test_without_web_the_console_says_how_to_start_it(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text(":as admin\n:dashboard\n")
    out = io.StringIO()
    run_demo(str(tmp_path / "demo.db"), str(script), out=out, start=START)
    assert "microcoach demo --web" in out.getvalue()


def test_the_link_signs_in_and_a_schedule_paused_on_the_web_is_paused_in_the_console(store, tmp_path):
    out = io.StringIO()
    port = _free_port()
    org = replace(OrgSettings(), public_url=f"http://127.0.0.1:{port}")
    console = Console(store, demo_start(START), out, org=org, files=Path(tmp_path))
    seed(store, console, console.now)
    web = DemoWeb(console, store, "sqlite://", port, org)
    web.start()
    try:
        console.current = "admin"
        console.handle("/nudge dashboard")
        link = re.search(r"(http://127\.0\.0\.1:\d+/admin/login/\S+)", out.getvalue()).group(1)
        asyncio.run(_pause_first_schedule(link))
        console.handle("/nudge list")
        assert "[paused]" in out.getvalue()
    finally:
        web.stop()


async def _pause_first_schedule(link: str) -> None:
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with aiohttp.ClientSession(cookie_jar=jar) as browser:
        async with browser.get(link) as page:
            text = await page.text()
            assert page.status == 200 and "Overview" in text
        async with browser.get(link.split("/admin/")[0] + "/admin/schedules") as page:
            text = await page.text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', text).group(1)
        number = re.search(r'action="/admin/schedules/(\d+)/pause"', text).group(1)
        async with browser.post(
            link.split("/admin/")[0] + f"/admin/schedules/{number}/pause", data={"csrf": csrf}
        ) as done:
            assert done.status == 200 and "paused" in await done.text()
