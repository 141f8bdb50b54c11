"""The pages do what chat does, through chat's own handlers: the same checks, the same audit, the same numbers."""

from __future__ import annotations

import csv
import io
from html import unescape

import pytest

from handlers.core.vocabulary import Attachment
from tests.bot.dashboard.world import CSRF

pytestmark = pytest.mark.asyncio
ICU_MORNINGS = {"name": "ICU mornings", "days": "mon,wed,fri", "time": "07:30", "zone": "America/Chicago",
                "audience": "everyone", "theme": "rest"}  # fmt: skip


async def test_a_schedule_saved_in_the_form_is_in_nudge_list_and_the_audit(site):
    await site.sign_in()
    page = await (await site.post("/admin/schedules", ICU_MORNINGS, form_page="/admin/schedules")).text()
    assert "Added schedule" in page and "ICU mornings" in page
    listed = site.chat("/nudge list")
    assert '"ICU mornings": mon,wed,fri at 07:30 (America/Chicago) to everyone, theme rest [active]' in listed
    assert "schedule.add" in site.chat("/nudge audit")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("days", "funday", "'funday' is not a day"),
        ("time", "25:00", "'25:00' is not a time I can read"),
        ("zone", "Mars/Olympus", "'Mars/Olympus' is not a time zone I know"),
        ("audience", "@nobody", "I don't know anyone called @nobody here"),
        ("theme", "chess", "'chess' is not a theme"),
    ],
)
async def test_bad_input_is_shown_beside_its_field_with_chats_words_and_nothing_is_saved(site, field, value, message):
    await site.sign_in()
    response = await site.post("/admin/schedules", {**ICU_MORNINGS, field: value}, form_page="/admin/schedules")
    page = await response.text()
    assert response.status == 400
    error = page.split(f'id="f-{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message.replace("'", "&#39;") in error
    assert f'aria-describedby="f-{field}-hint f-{field}-error"' in page or field == "theme"
    assert f'value="{value}"' in page or field == "theme"  # what was typed stays in the form
    chat_said = site.chat(f"/nudge add {value} 07:30" if field == "days" else "/nudge list")
    if field == "days":
        assert message in chat_said  # the very same words in chat
    assert "ICU mornings" not in site.chat("/nudge list")
    assert "schedule.add" not in site.chat("/nudge audit")


async def test_every_problem_is_shown_at_once(site):
    await site.sign_in()
    bad = {**ICU_MORNINGS, "days": "funday", "time": "noonish"}
    page = await (await site.post("/admin/schedules", bad, form_page="/admin/schedules")).text()
    assert 'id="f-days-error"' in page and 'id="f-time-error"' in page and "Nothing was saved" in page


async def test_preview_shows_the_next_five_runs_and_saves_nothing(site):
    await site.sign_in()
    page = await (await site.post("/admin/schedules/preview", ICU_MORNINGS, form_page="/admin/schedules")).text()
    runs = page.split('<h3 id="runs">', 1)[1].split("</ol>", 1)[0]
    assert runs.count("<li>") == 5 and "Friday 27 November 2026, 08:30 America/New_York" in runs  # 07:30 Chicago
    assert "Audience: 12 people" in page
    assert "ICU mornings" not in site.chat("/nudge list")


async def test_pause_resume_and_delete_are_chats_own_and_seen_in_chat(site):
    site.chat('/nudge add weekdays 08:30 local to everyone name="Morning"')
    number = site.dialog.store.schedules.all(site.dialog.ws_id)[0].id
    await site.sign_in()
    page = unescape(await (await site.post(f"/admin/schedules/{number}/pause", form_page="/admin/schedules")).text())
    assert f'Schedule {number} "Morning" paused.' in page and ">Resume</button>" in page
    assert "[paused]" in site.chat("/nudge list")
    await site.post(f"/admin/schedules/{number}/resume", form_page="/admin/schedules")
    assert "[active]" in site.chat("/nudge list")
    page = await (await site.post(f"/admin/schedules/{number}/delete", form_page="/admin/schedules")).text()
    assert "deleted" in page and "No schedules yet" in site.chat("/nudge list")
    audit = site.chat("/nudge audit")
    assert all(f"schedule.{word}" in audit for word in ("pause", "resume", "delete"))


async def test_editing_a_schedule_keeps_its_number_and_is_audited(site):
    site.chat('/nudge add weekdays 08:30 local to everyone name="Morning"')
    number = site.dialog.store.schedules.all(site.dialog.ws_id)[0].id
    await site.sign_in()
    form = await site.page(f"/admin/schedules/{number}")
    assert 'value="Morning"' in form and 'value="weekdays"' in form and "Next 5 runs" in form
    await site.post(
        f"/admin/schedules/{number}", {**ICU_MORNINGS, "name": "Morning, later"}, form_page="/admin/schedules"
    )
    assert f'*{number}* "Morning, later": mon,wed,fri at 07:30' in site.chat("/nudge list")
    assert "schedule.edit" in site.chat("/nudge audit")


async def test_a_post_without_the_csrf_token_changes_nothing(site):
    site.chat('/nudge add weekdays 08:30 local to everyone name="Morning"')
    number = site.dialog.store.schedules.all(site.dialog.ws_id)[0].id
    await site.sign_in()
    for data in ({}, {"csrf": "forged"}):
        response = await site.client.post(f"/admin/schedules/{number}/pause", data=data)
        assert response.status == 403 and "Nothing was changed" in await response.text()
    response = await site.client.post("/admin/schedules", data=ICU_MORNINGS)
    assert response.status == 403
    assert "[active]" in site.chat("/nudge list") and "ICU mornings" not in site.chat("/nudge list")


async def test_the_roster_shows_counts_and_changes_through_chats_commands(site):
    await site.sign_in()
    page = await site.page("/admin/roster")
    assert "Priya Patel" in page and "Min-jun Kim" in page and "<td>3</td>" in page
    patel = site.dialog.member("dr.patel").id
    await site.post(f"/admin/roster/{patel}/unavailable", form_page="/admin/roster")
    assert "not available" in site.chat("/coach roster list")
    added = {"person": "@rn.1", "role": "nurse", "department": "ICU", "capacity": "2", "languages": "en"}
    page = await (await site.post("/admin/roster", added, form_page="/admin/roster")).text()
    assert "Rn 1 is on the roster" in page
    bad = await site.post("/admin/roster", {**added, "capacity": "99"}, form_page="/admin/roster")
    assert bad.status == 400 and "capacity must be a whole number from 1 to 20" in await bad.text()
    page = await (await site.post(f"/admin/roster/{patel}/remove", form_page="/admin/roster")).text()
    assert "Priya Patel is off the roster" in page
    audit = site.chat("/nudge audit")
    assert "roster.unavailable" in audit and "roster.add" in audit and "roster.remove" in audit


async def test_settings_are_saved_checked_and_audited_like_nudge_settings(site):
    await site.sign_in()
    page = await site.page("/admin/settings")
    assert 'value="21:00-07:00"' in page and 'value="90"' in page
    chosen = {"quiet": "22:00-06:00", "retention": "90", "crisis-line": "Staff line 555-0100", "support-line": "",
              "offer-hours": "24"}  # fmt: skip
    saved = await site.post("/admin/settings", chosen, form_page="/admin/settings")
    assert "Saved." in await saved.text()
    said = site.chat("/nudge settings")
    assert "22:00-06:00" in said and "Staff line 555-0100" in said
    audit = site.chat("/nudge audit")
    assert "settings.update crisis_line, quiet_end, quiet_start" in audit  # only what changed
    bad = await site.post("/admin/settings", {"quiet": "late", "retention": "2"}, form_page="/admin/settings")
    page = await bad.text()
    assert bad.status == 400 and 'id="f-quiet-error"' in page and 'id="f-retention-error"' in page
    assert "22:00-06:00" in site.chat("/nudge settings")


async def test_the_overview_shows_nudge_reports_numbers_chart_and_csv(site):
    await site.sign_in()
    page = await site.page("/admin?month=2026-10")
    assert "October 2026" in page and "<dd>9</dd>" in page  # nine people got a check-in
    by_role = await site.page("/admin?month=2026-10&by=role")
    assert "nurse" in by_role and "physician" in by_role
    chart = await site.client.get("/admin/chart.png?month=2026-10")
    assert chart.status == 200 and (await chart.read()).startswith(b"\x89PNG")
    downloaded = await (await site.client.get("/admin/report.csv?month=2026-10&by=role")).text()
    site.dialog.as_ = "admin"
    from_chat: Attachment = site.dialog.say("/nudge report 2026-10 by=role format=csv")[0].attachment
    assert downloaded == from_chat.content.decode()  # the same file, from the same code
    rows = list(csv.reader(io.StringIO(downloaded)))
    assert rows[0][:3] == ["group", "people", "replied"]


async def test_the_overview_before_the_first_month_ends_says_when(site):
    await site.sign_in()
    page = await site.page("/admin?month=2026-11")
    assert "is not over yet" in page


async def test_the_audit_log_is_paged_newest_first(site):
    for n in range(60):
        site.chat(f'/nudge add daily 08:{n % 60:02d} local to everyone name="S{n}"')
    await site.sign_in()
    first = await site.page("/admin/audit")
    assert "Page 1 of 2" in first and "dashboard.sign-in" in first and 'schedule 1 "S0"' not in first
    second = await site.page("/admin/audit?page=2")
    assert 'schedule 1 "S0"' in unescape(second)


async def test_crisis_words_in_a_form_get_the_crisis_reply_and_nothing_is_saved(site):
    await site.sign_in()
    words = {**ICU_MORNINGS, "name": "I want to kill myself"}
    page = await (await site.post("/admin/schedules", words, form_page="/admin/schedules")).text()
    assert "988" in page and "Nothing was saved" in page
    assert "kill myself" not in site.chat("/nudge list") and "ICU mornings" not in site.chat("/nudge list")
    token = CSRF.search(page).group(1)
    pressed = await site.client.post("/admin/reply", data={"csrf": token, "action": "crisis:again"})
    assert "988" in await pressed.text()
    refused = await site.client.post("/admin/reply", data={"csrf": token, "action": "nudge:whatever"})
    assert refused.status == 400
