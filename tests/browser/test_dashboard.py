"""The dashboard in a real browser (Chromium): the flows of issue 16, by mouse and by keyboard, with screenshots."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import expect

pytestmark = pytest.mark.asyncio
MORNINGS = {"Name": "ICU mornings", "Days": "mon,wed,fri", "Time": "07:30", "Zone": "America/Chicago",
            "Audience": "everyone"}  # fmt: skip


async def signed_in(browser, live, *, viewport=None):
    context = await browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = await context.new_page()
    await page.goto(live.link())
    await expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    return page


async def fill(page, values: dict) -> None:
    for label, value in values.items():
        await page.get_by_label(label, exact=True).fill(value)


async def test_sign_in_by_link_and_the_same_link_refused_the_second_time(browser, live, shots):
    link = live.link()
    first = await (await browser.new_context()).new_page()
    await first.goto(link)
    await expect(first).to_have_url(live.base + "/admin")
    await expect(first.get_by_role("heading", name="Overview")).to_be_visible()
    second = await (await browser.new_context()).new_page()
    response = await second.goto(link)
    assert response.status == 400
    await expect(second.get_by_role("heading", name="This sign-in link no longer works")).to_be_visible()
    await shots(second, "link-used")
    signed_out = await (await browser.new_context()).new_page()
    await signed_out.goto(live.base + "/admin")
    await expect(signed_out.get_by_role("heading", name="Sign in to the program dashboard")).to_be_visible()
    await shots(signed_out, "sign-in")


async def test_a_non_admins_nudge_dashboard_is_refused(browser, live):
    said = live.chat("/nudge dashboard", as_="rn.0")
    assert "Only program admins" in said and "/admin/login/" not in said
    page = await (await browser.new_context()).new_page()
    await page.goto(live.base + "/admin/schedules")
    await expect(page.get_by_role("heading", name="Sign in to the program dashboard")).to_be_visible()


async def test_a_schedule_created_in_the_form_appears_in_nudge_list(browser, live, shots):
    page = await signed_in(browser, live)
    await page.get_by_role("link", name="Schedules").click()
    await fill(page, MORNINGS)
    await page.get_by_label("Theme", exact=True).select_option("rest")
    await page.get_by_role("button", name="Preview").click()
    await expect(page.get_by_role("heading", name="Next 5 runs")).to_be_visible()
    await page.get_by_role("button", name="Save").click()
    await expect(page.get_by_role("status")).to_contain_text('Added schedule 1 "ICU mornings"')
    await expect(page.get_by_role("row", name=re.compile("ICU mornings"))).to_be_visible()
    assert '"ICU mornings": mon,wed,fri at 07:30 (America/Chicago) to everyone, theme rest' in live.chat("/nudge list")
    await shots(page, "schedules")
    await page.get_by_role("link", name="ICU mornings").click()
    await expect(page.get_by_role("heading", name="Edit schedule 1")).to_be_visible()
    await shots(page, "schedule-edit")


async def test_bad_input_is_shown_beside_its_field(browser, live, shots):
    page = await signed_in(browser, live)
    await page.goto(live.base + "/admin/schedules")
    await fill(page, {**MORNINGS, "Days": "funday", "Time": "25:00"})
    await page.get_by_role("button", name="Save").click()
    days, time = page.get_by_label("Days", exact=True), page.get_by_label("Time", exact=True)
    await expect(days).to_have_attribute("aria-invalid", "true")
    await expect(days).to_have_accessible_description(re.compile("'funday' is not a day"))
    await expect(time).to_have_accessible_description(re.compile("'25:00' is not a time I can read"))
    await expect(days).to_have_value("funday")
    await expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    await shots(page, "schedules-error")
    assert "No schedules yet" in live.chat("/nudge list")


async def test_pause_from_the_dashboard_is_seen_in_chat(browser, live):
    live.chat('/nudge add weekdays 08:30 local to everyone name="Morning"')
    page = await signed_in(browser, live)
    await page.goto(live.base + "/admin/schedules")
    await page.get_by_role("button", name="Pause Morning").click()
    await expect(page.get_by_role("status")).to_contain_text('Schedule 1 "Morning" paused.')
    await expect(page.get_by_role("button", name="Resume Morning")).to_be_visible()
    assert "[paused]" in live.chat("/nudge list")
    await page.get_by_role("button", name="Delete Morning").click()
    await expect(page.get_by_text("No schedules yet")).to_be_visible()
    assert "schedule.pause" in live.chat("/nudge audit")


async def test_a_chart_is_shown(browser, live, shots):
    page = await signed_in(browser, live)
    await page.get_by_label("Month", exact=True).select_option("2026-10")
    await page.get_by_role("button", name="Show").click()
    chart = page.get_by_role("img", name=re.compile("Bar chart of people who replied"))
    await expect(chart).to_be_visible()
    assert await chart.evaluate("img => img.complete && img.naturalWidth") == 800
    await expect(page.get_by_text("Enrolled and active (got a check-in)")).to_be_visible()
    await shots(page, "overview")


async def test_a_post_without_a_csrf_token_is_refused(browser, live):
    live.chat('/nudge add weekdays 08:30 local to everyone name="Morning"')
    page = await signed_in(browser, live)
    answer = await page.context.request.post(live.base + "/admin/schedules/1/pause", form={"csrf": ""})
    assert answer.status == 403 and "Nothing was changed" in await answer.text()
    answer = await page.context.request.post(live.base + "/admin/schedules/1/pause")
    assert answer.status == 403
    assert "[active]" in live.chat("/nudge list")


async def test_sign_out(browser, live, shots):
    page = await signed_in(browser, live)
    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("heading", name="You are signed out")).to_be_visible()
    await shots(page, "signed-out")
    response = await page.goto(live.base + "/admin")
    assert response.status == 401


async def test_every_page_by_keyboard_and_on_a_phone(browser, live, shots):
    page = await signed_in(browser, live, viewport={"width": 390, "height": 844})
    await page.keyboard.press("Tab")
    await expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    await page.goto(live.base + "/admin/schedules")
    await page.get_by_label("Name", exact=True).focus()
    for value in ("Keyboard", "daily", "09:15", "local", "everyone"):
        await page.keyboard.press("Control+A")
        await page.keyboard.type(value)
        await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")  # past Theme, to Save
    await expect(page.get_by_role("button", name="Save")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.get_by_role("status")).to_contain_text('"Keyboard"')
    await shots(page, "phone-schedules")
    pages = {"overview": "/admin?month=2026-10", "schedules": "/admin/schedules", "roster": "/admin/roster",
             "settings": "/admin/settings", "audit": "/admin/audit"}  # fmt: skip
    for name, path in pages.items():
        await page.goto(live.base + path)
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{name} scrolls sideways on a phone"
    await page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("roster", "settings", "audit"):
        await page.goto(live.base + pages[name])
        await expect(page.locator("h1")).to_be_visible()
        await shots(page, name)
