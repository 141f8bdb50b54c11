"""Settings: the member's form and profile, and the workspace's own defaults (admins only, audited)."""

from __future__ import annotations

import pytest

from tests.dialog import Dialog, verify_dialog


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee")
    d.add("admin", "Alex Rivera", admin=True)
    return d


def test_the_settings_form_saves_everything_at_once(dialog):
    [reply] = dialog.say("/checkin settings")
    names = [f.name for f in reply.form.fields]
    assert names == ["time", "days", "zone", "quiet", "timing", "themes"]
    zone = next(f for f in reply.form.fields if f.name == "zone")
    assert zone.options[0].value == "America/New_York"  # their own zone first
    dialog.say(
        "form:checkin.settings",
        time="07:45",
        days="mon,thu",
        zone="Europe/London",
        quiet="22:00-06:00",
        timing="clock",
        themes="rest,meaning",
    )
    assert "Saved" in dialog.text() and "07:45 on mon,thu (Europe/London)" in dialog.text()
    member = dialog.member()
    assert (member.timezone, member.quiet_start, member.quiet_end, member.themes) == (
        "Europe/London",
        "22:00",
        "06:00",
        ["rest", "meaning"],
    )
    own = dialog.store.schedules.personal_schedule(dialog.ws_id, member.id)
    assert (own.local_time, own.days) == ("07:45", "mon,thu")
    assert member.zone_chosen  # a zone changed in the form is the person's own choice


def test_a_form_left_on_the_shown_zone_does_not_pin_it(dialog):
    dialog.say("form:checkin.settings", time="07:45", days="mon", zone="America/New_York", quiet="", timing="clock")
    assert "Saved" in dialog.text()
    assert (dialog.member().timezone, dialog.member().zone_chosen) == ("America/New_York", False)


def test_a_time_in_quiet_hours_is_refused_and_the_new_zone_is_not_saved_either(dialog):
    dialog.say("form:checkin.settings", time="22:30", days="mon", zone="Asia/Tokyo", quiet="", timing="clock")
    assert "inside your quiet hours" in dialog.text()
    assert dialog.member().timezone == "America/New_York"


@pytest.mark.parametrize(
    "values, fragment",
    [
        ({"time": "7pm-ish"}, "7pm-ish"),
        ({"days": "someday"}, "someday"),
        ({"zone": "Moon/Base"}, "moon/base"),
        ({"quiet": "late"}, "late"),
        ({"timing": "after-shift"}, "shifts first"),
        ({"themes": "knitting"}, "knitting"),
        ({"time": "06:00"}, "inside your quiet hours"),
    ],
)
def test_a_bad_form_changes_nothing(dialog, values, fragment):
    good = {"time": "07:45", "days": "mon", "zone": "UTC", "quiet": "21:00-07:00", "timing": "clock", "themes": ""}
    replies = dialog.say("form:checkin.settings", **{**good, **values})
    assert replies[0].error and fragment in replies[0].text.lower()
    assert dialog.store.schedules.personal_schedule(dialog.ws_id, dialog.member().id) is None
    assert dialog.member().timezone == "America/New_York"


def test_profile(dialog):
    verify_dialog(
        dialog,
        [
            ('/checkin profile role=NP department="Family Medicine"', ("app", "family medicine")),
            ("/checkin profile role=wizard", ("not a role", "example")),
            ("/checkin profile", ("role=", "example")),
        ],
    )
    assert (dialog.member().role, dialog.member().department) == ("app", "Family Medicine")


def test_workspace_settings_are_for_admins_and_audited(dialog):
    verify_dialog(dialog, [("/nudge settings retention=7", "only program admins")])
    dialog.as_ = "admin"
    verify_dialog(
        dialog,
        [
            ("/nudge settings", ("quiet hours (default for everyone): 21:00-07:00", "90 days", "not set")),
            (
                '/nudge settings quiet=22:00-06:00 retention=30 support-line="EAP 555-0199" offer-hours=12',
                ("saved", "22:00-06:00", "30 days", "eap 555-0199", "12 hours"),
            ),
            ("/nudge settings retention=2", ("from 7 to 3650", "example")),
            ("/nudge settings colour=blue", ("not a setting", "example")),
        ],
    )
    settings = dialog.store.members.workspace(dialog.ws_id).settings
    assert settings["retention_days"] == 30 and settings["offer_timeout_hours"] == 12
    [entry] = dialog.store.audit.entries(dialog.ws_id, dialog.now.replace(year=2020))
    assert (entry.action, entry.target) == (
        "settings.update",
        "offer_timeout_hours, quiet_end, quiet_start, retention_days, support_line",
    )
    dialog.as_ = "dr.lee"
    dialog.say("/checkin pause 1d")
    assert dialog.member().quiet_start is None  # the workspace default applies to people without their own
    assert "22:00-06:00" in dialog.text(dialog.say("/checkin quiet default"))
