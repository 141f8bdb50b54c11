"""Admins' nudge schedules: every command, the refusal for everyone else, and bad input that changes nothing."""

from __future__ import annotations

import pytest

from tests.dialog import Dialog, verify_dialog


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("admin", "Alex Rivera", admin=True)
    d.add("dr.lee", "Jordan Lee")
    d.add("nurse.kim", "Min-jun Kim", zone="America/Chicago")
    lee, kim = d.member("dr.lee").id, d.member("nurse.kim").id
    store.members.set_channel_members(d.ws_id, "C0ICU", "icu", [lee, kim])
    d.as_ = "admin"
    return d


def test_add_list_preview_pause_resume_delete(dialog, store):
    verify_dialog(
        dialog,
        [
            (
                '/nudge add weekdays 08:30 local to everyone theme=rest name="Morning"',
                (
                    "added schedule 1",
                    "morning",
                    "weekdays at 08:30",
                    "each member's own time",
                    "next sends",
                    "utc",
                    "audience: 3 people",
                    "!will get it",
                ),
            ),
            ("/nudge list", ("*1*", "morning", "[active]")),
            ("/nudge preview 1", ("thu, nov 26, 08:30 america/new_york · 13:30 utc",)),
            ("/nudge pause 1", "paused"),
            ("/nudge list", "[paused]"),
            ("/nudge resume 1", "resumed"),
            ("/nudge delete 1", "deleted"),
            ("/nudge list", "no schedules yet"),
        ],
    )
    actions = [e.action for e in store.audit.entries(dialog.ws_id, dialog.now.replace(year=2020))]
    assert actions == ["schedule.add", "schedule.pause", "schedule.resume", "schedule.delete"]
    verify_dialog(dialog, [("/nudge audit 30d", ("alex rivera: schedule.add", "schedule.delete"))])


@pytest.mark.parametrize(
    "said, audience, targets",
    [
        ("/nudge add daily 07:00 America/Chicago to #icu", "channel", ["C0ICU"]),
        ("/nudge add mon,wed,fri 12:00 to <#C0ICU|icu>", "channel", ["C0ICU"]),
        ("/nudge add weekends 10:00 to @dr.lee @nurse.kim", "people", "both"),
        ("/nudge add daily 09:15", "everyone", []),
    ],
)
def test_audiences(dialog, store, said, audience, targets):
    dialog.say(said)
    [schedule] = store.schedules.all(dialog.ws_id)
    expected = sorted([dialog.member("dr.lee").id, dialog.member("nurse.kim").id]) if targets == "both" else targets
    assert (schedule.audience_kind, schedule.audience) == (audience, expected)


def test_a_fixed_zone_is_kept(dialog, store):
    dialog.say("/nudge add daily 07:00 america/chicago")
    assert store.schedules.all(dialog.ws_id)[0].timezone == "America/Chicago"


@pytest.mark.parametrize(
    "said, fragment",
    [
        ("/nudge add funday 08:30", "'funday'"),
        ("/nudge add weekdays 25:99", "25:99"),
        ("/nudge add weekdays 08:30 Mars/Olympus", "mars/olympus"),
        ("/nudge add weekdays 08:30 local to", "needs an audience"),
        ("/nudge add weekdays 08:30 to #nowhere", "#nowhere"),
        ("/nudge add weekdays 08:30 to @nobody", "@nobody"),
        ("/nudge add weekdays 08:30 theme=knitting", "knitting"),
        ("/nudge add weekdays 08:30 colour=blue", "colour="),
        ("/nudge add weekdays", "days and a time"),
        ("/nudge pause 99", "no schedule '99'"),
        ("/nudge preview", "which schedule"),
        ("/nudge delete abc", "no schedule 'abc'"),
        ("/nudge audit forever", "length of time"),
    ],
)
def test_bad_input_is_explained_with_an_example_and_nothing_changes(dialog, store, said, fragment):
    text = dialog.text(dialog.say(said)).lower()
    assert fragment in text and "example" in text
    assert store.schedules.all(dialog.ws_id) == []
    assert store.audit.entries(dialog.ws_id, dialog.now.replace(year=2020)) == []


@pytest.mark.parametrize(
    "said",
    ["/nudge add daily 08:00", "/nudge list", "/nudge preview 1", "/nudge pause 1", "/nudge delete 1", "/nudge audit"],
)
def test_everyone_else_gets_a_plain_refusal(dialog, store, said):
    dialog.as_ = "admin"
    dialog.say("/nudge add daily 09:00")
    dialog.as_ = "dr.lee"
    text = dialog.text(dialog.say(said))
    assert "only program admins" in text.lower() and "MICROCOACH_ADMINS" in text
    assert [s.status for s in store.schedules.all(dialog.ws_id)] == ["active"]


def test_the_add_form_and_its_submission(dialog, store):
    replies = dialog.say("/nudge add")
    form = replies[0].form
    assert form.form_id == "nudge.add" and {f.name for f in form.fields} >= {"days", "time", "zone", "audience"}
    dialog.say(
        "form:nudge.add",
        days="mon,tue",
        time="07:45",
        zone="local",
        audience="channel",
        channel="C0ICU",
        theme="",
        name="Early",
    )
    [schedule] = store.schedules.all(dialog.ws_id)
    assert (schedule.days, schedule.local_time, schedule.audience_kind) == ("mon,tue", "07:45", "channel")
    replies = dialog.say("form:nudge.add", days="", time="07:45", zone="local", audience="everyone")
    assert replies[0].error and len(store.schedules.all(dialog.ws_id)) == 1
    replies = dialog.say("form:nudge.add", days="mon", time="07:45", zone="local", audience="people", people="")
    assert replies[0].error and "at least one person" in replies[0].text
    dialog.say(
        "form:nudge.add",
        days="fri",
        time="16:00",
        zone="America/Chicago",
        audience="people",
        people="@dr.lee @nurse.kim",
    )
    assert store.schedules.all(dialog.ws_id)[-1].audience_kind == "people"


def test_preview_never_counts_anyone_by_status(dialog, store):
    """A paused or unreachable person changes nothing an admin sees: not even in an audience of one."""
    before = dialog.text(dialog.say("/nudge add daily 09:00 to @dr.lee"))
    preview = dialog.text(dialog.say("/nudge preview 1"))
    lee = dialog.member("dr.lee")
    store.members.update_member(dialog.ws_id, lee.id, paused_until=dialog.now.replace(year=2027), status="stopped")
    store.members.update_member(dialog.ws_id, lee.id, unreachable_reason="app not installed")
    assert dialog.text(dialog.say("/nudge preview 1")) == preview
    assert "Audience: 1 person" in before
    for word in ("paused", "stopped", "unreachable", "will get it", "not installed"):
        assert f"1 {word}" not in preview and f"0 {word}" not in preview
