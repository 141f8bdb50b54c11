"""Promise 1 on the web: with a canary in every reply, step and coach topic, no page, file or log line holds it.

The same for a department of one person: its name is that person's own words and appears nowhere an admin looks.
"""

from __future__ import annotations

import logging
from html import unescape

import pytest

from tests.bot.dashboard.world import CANARY

pytestmark = pytest.mark.asyncio
SECRETS = (CANARY, "CANARY-7f3a", "CANARY-DEPT", "Lonely Unit")


def _every_path(schedule_id: int) -> list[str]:
    reports = [f"/admin?month=2026-{m}{by}" for m in ("08", "09", "10") for by in ("", "&by=role", "&by=department")]
    return [
        "/admin",
        *reports,
        "/admin/report.csv?month=2026-10&by=department",
        "/admin/report.csv?month=2026-10",
        "/admin/schedules",
        f"/admin/schedules/{schedule_id}",
        "/admin/roster",
        "/admin/settings",
        "/admin/audit",
        "/admin/audit?page=2",
        "/admin/logout",
        "/admin/login/not-a-token",
    ]


async def test_no_page_holds_anything_anyone_wrote_or_a_group_under_five(site, caplog):
    caplog.set_level(logging.DEBUG)
    site.chat('/nudge add weekdays 08:30 local to @rn.solo @rn.0 name="Two people"')
    number = site.dialog.store.schedules.all(site.dialog.ws_id)[0].id
    site.chat("/coach roster add @rn.solo role=nurse department=ICU capacity=2")
    await site.sign_in()
    shown = []
    for path in _every_path(number):
        response = await site.client.get(path)
        assert response.status in (200, 400), path
        shown.append((path, unescape(await response.text())))
    chart = await site.client.get("/admin/chart.png?month=2026-10")
    shown.append(("/admin/chart.png", (await chart.read()).decode("latin-1")))
    form_results = [
        ("/admin/schedules/preview", {"days": "daily", "time": "09:00", "zone": "local", "audience": "everyone"}),
        ("/admin/schedules", {"days": "funday", "time": "09:00", "audience": "@rn.solo"}),
        ("/admin/roster", {"person": "@rn.0", "role": "nurse", "department": "", "capacity": "2"}),
        ("/admin/settings", {"quiet": "nonsense"}),
    ]
    for path, data in form_results:
        shown.append((path, unescape(await (await site.post(path, data, form_page="/admin/schedules")).text())))
    for path, html in shown:
        for secret in SECRETS:
            assert secret not in html, f"{secret!r} reached {path}"
    by_department = dict(shown)["/admin?month=2026-10&by=department"]
    assert "Emergency Department" in by_department and "smaller departments" in by_department  # named only at 5+
    for secret in SECRETS:
        assert secret not in caplog.text
    assert len(shown) >= 20
