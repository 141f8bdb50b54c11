"""Promise 1, proven: words reach no log, no plain text on disk, no admin view; export, delete, retention."""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.cli import main
from handlers.core.vocabulary import OrgSettings
from scheduler import jobs
from scheduler.delivery import Deliverer
from scheduler.pacer import Pacer
from scheduler.sender import SendResult
from scheduler.tick import tick
from store import Store
from store.crypto import Cipher, generate_key
from tests.clocks import SimClock
from tests.dialog import Dialog, verify_dialog

MARKER = "ZQX-marker-7731"


@pytest.fixture
def dialog(store, now):
    d = Dialog(store, now)
    d.add("dr.lee", "Jordan Lee", role="physician", department="Emergency")
    d.add("dr.patel", "Priya Patel", role="physician", department="Cardiology")
    d.add("admin", "Alex Rivera", admin=True)
    store.coaching.upsert_coach(
        d.ws_id, d.member("dr.patel").id, now, role="physician", department="Cardiology", capacity=2
    )
    return d


class Sink:
    platform = "console"

    async def send(self, out):
        return SendResult("sent", {"n": 1})

    async def find_sent(self, out, since):
        return None


def _everything_a_clinician_can_write(dialog):
    """Check-in replies, a small step, a coach topic, a crisis message, a bad command, a settings form."""
    for said in ("/checkin", f"{MARKER} long night", f"{MARKER} maybe ask for help", f"{MARKER} my small step"):
        dialog.say(said)
    dialog.say(f'/coach peer=same topic="{MARKER} nights"')
    dialog.say(f"/checkin pause {MARKER}")
    dialog.say(f"{MARKER} I want to end my life")
    dialog.say("form:checkin.settings", time=MARKER, days="mon", zone="UTC", quiet="21:00-07:00")
    dialog.as_ = "dr.patel"
    dialog.say(f"/coach done {MARKER}")
    dialog.as_ = "admin"
    dialog.advance(days=10)  # into December, so November's figures exist
    for said in ("/nudge report", "/nudge report by=role", "/nudge audit", "/coach stats", "/coach roster list"):
        assert MARKER not in dialog.text(dialog.say(said)), said
    dialog.advance(days=-10)
    dialog.as_ = "dr.lee"


def test_a_marker_reaches_no_log_and_no_plain_text_on_disk(dialog, store, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    _everything_a_clinician_can_write(dialog)
    store.schedules.add_schedule(
        dialog.ws_id,
        dialog.now - timedelta(days=1),
        name="daily",
        days="wed",
        local_time="09:00",
        timezone=None,
        audience_kind="everyone",
        audience=[],
        theme=None,
    )
    store.outbox.set_watermark("tick", dialog.now - timedelta(minutes=1))
    tick(store, dialog.now)
    clock = SimClock()
    deliverer = Deliverer(
        store, {"console": Sink()}, Pacer(clock=clock, sleep=clock.sleep), worker_id="w", clock=lambda: dialog.now
    )
    asyncio.run(deliverer.run_once())
    store.close()
    assert MARKER not in caplog.text
    on_disk = b"".join(path.read_bytes() for path in Path(tmp_path).glob("test.db*"))
    assert on_disk and MARKER.encode() not in on_disk


def test_admins_see_counts_never_who_or_what(dialog, store):
    _everything_a_clinician_can_write(dialog)
    dialog.as_ = "admin"
    dialog.advance(days=10)
    for said in ("/nudge report", "/nudge report by=role", "/coach stats", "/nudge audit"):
        shown = dialog.text(dialog.say(said))
        assert "Jordan" not in shown and "Emergency" not in shown and MARKER not in shown
    by_department = dialog.text(dialog.say("/nudge report by=department"))
    assert "Jordan" not in by_department and MARKER not in by_department
    assert "Emergency" not in by_department  # one person's department is never named


def test_export_is_everything_of_mine_and_nothing_of_anyone_else(dialog):
    for said in ("/checkin", "my answer", "more", "my step"):
        dialog.say(said)
    dialog.as_ = "dr.patel"
    dialog.say("/checkin")
    dialog.say("patel's own words")
    dialog.as_ = "dr.lee"
    [reply] = dialog.say("/checkin export")
    data = json.loads(reply.attachment.content)
    assert reply.attachment.mime_type == "application/json"
    assert [a["text"] for a in data["answers"]] == ["my answer", "more"]
    assert data["small_steps"][0]["text"] == "my step" and data["profile"]["name"] == "Jordan Lee"
    assert "patel's own words" not in reply.attachment.content.decode()


def test_delete_needs_a_second_yes_and_then_removes_everything(dialog, store):
    _everything_a_clinician_can_write(dialog)
    lee = dialog.member("dr.lee").id
    verify_dialog(dialog, [("/checkin delete", ("removes everything of yours", "cannot be undone", "!deleted"))])
    assert dialog.buttons() == ["privacy:delete-yes", "privacy:delete-no"]
    verify_dialog(dialog, [("!privacy:delete-no", "nothing was deleted")])
    assert dialog.member("dr.lee") is not None
    verify_dialog(dialog, [("!privacy:delete-yes", "deleted")])
    with store.engine.connect() as conn:
        for table in (
            "members",
            "reflections",
            "commitments",
            "pulses",
            "conversations",
            "coach_requests",
            "deliveries",
        ):
            column = "id" if table == "members" else ("requester_id" if table == "coach_requests" else "member_id")
            assert conn.execute(text(f"SELECT count(*) FROM {table} WHERE {column} = :m"), {"m": lee}).scalar() == 0
        audit = conn.execute(
            text("SELECT actor_label, action, target FROM audit_log WHERE action LIKE 'member%'")
        ).all()
    assert audit == []  # a deletion is not an event about one person that admins can watch


def test_privacy_explains_who_sees_what(dialog):
    verify_dialog(dialog, [
        ("/checkin privacy", ("encrypted", "deleted after 90 days", "`/checkin export`", "`/checkin delete`",
                              "Program admins", "groups of 5 or more", "Your coach", "Nobody else")),
    ])  # fmt: skip


def test_retention_removes_old_words_and_keeps_the_numbers(dialog, store):
    for said in ("/checkin", "old words", "more", "old step"):
        dialog.say(said)
    dialog.say("!checkin:burnout:2")
    store.members.update_workspace_settings(dialog.ws_id, retention_days=30)
    assert jobs.apply_retention(store, dialog.now + timedelta(days=29), OrgSettings()) == 0
    assert jobs.apply_retention(store, dialog.now + timedelta(days=31), OrgSettings()) == 3
    data = store.privacy.export_member(dialog.ws_id, dialog.member("dr.lee").id)
    assert all(a["text"] is None for a in data["answers"]) and data["pulses"][0]["score"] == 2


def test_keys_rotate_to_a_new_key(tmp_path, now, monkeypatch, capsys):
    old, new = generate_key(), generate_key()
    url = f"sqlite:///{tmp_path / 'rotate.db'}"
    store = Store.open(url, Cipher([old]))
    d = Dialog(store, now)
    d.say("/checkin")
    d.say("words under the old key")
    store.close()
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MICROCOACH_ENCRYPTION_KEY", f"{new},{old}")
    assert main(["keys", "rotate"]) == 0
    assert "re-encrypted 1 stored texts" in capsys.readouterr().out
    only_new = Store.open(url, Cipher([new]))
    answers = only_new.privacy.export_member(only_new.members.find_workspace("console", "demo").id, d.member().id)[
        "answers"
    ]
    assert answers[0]["text"] == "words under the old key"
    only_new.close()


def test_the_report_hides_small_groups_and_shows_big_ones(store, now):
    d = Dialog(store, now - timedelta(days=30))  # late October
    d.add("admin", "Alex Rivera", admin=True)
    for i in range(7):
        d.add(f"rn{i}", f"Nurse {i}", role="nurse", department="ICU")
    for i in range(6):
        d.add(f"res{i}", f"Resident {i}", role="resident", department="Medicine")
    for i in range(2):
        d.add(f"md{i}", f"Doctor {i}", role="physician", department="ED")
    for handle in [f"rn{i}" for i in range(7)] + [f"res{i}" for i in range(6)] + ["md0", "md1"]:
        d.as_ = handle
        d.say("/checkin")
        d.say("some words")
        d.say("!checkin:burnout:3")
    d.advance(days=30)
    d.as_ = "admin"
    [reply] = d.say("/nudge report 2026-10 by=role")
    table = reply.text.split("```")[1].replace("&lt;", "<")  # the table is chat markup, < escaped
    rows = {line.split()[0]: line.split()[1:] for line in table.strip().splitlines()[1:]}
    assert rows["nurse"][:3] == ["7", "7", "100%"]  # people, replied, reply rate
    assert rows["physician"][:2] == ["<5", "<5"]
    # 2 hidden physicians could be recovered from the total (15) minus the rest, so residents are hidden too:
    assert rows["resident"][0] == "<5" and rows["all"][0] == "15"
    assert "15 answered" in reply.text and "3:15" in reply.text  # the burnout item, everyone at level 3
    assert reply.attachment.content[:8] == b"\x89PNG\r\n\x1a\n"
    [csv_reply] = d.say("/nudge report 2026-10 by=role format=csv")
    assert csv_reply.attachment.mime_type == "text/csv" and b"group,people,replied" in csv_reply.attachment.content


@pytest.mark.parametrize(
    "said", ["/nudge report", "/nudge audit", "/nudge settings retention=7", "/coach stats", "/coach roster list"]
)
def test_members_cannot_see_admin_views(dialog, said):
    verify_dialog(dialog, [(said, "only program admins")])


def test_workspaces_are_isolated(store, now):
    """A member or admin in one workspace can never read or change another's data, whatever ids they try."""
    home, other = Dialog(store, now, workspace="T-HOME"), Dialog(store, now, workspace="T-OTHER")
    home.add("admin", "Home Admin", admin=True)
    home.add("dr.lee", "Jordan Lee", role="physician", department="ED")
    home.add("dr.patel", "Priya Patel", role="physician", department="Cardiology")
    other.add("admin", "Other Admin", admin=True)
    other.add("dr.lee", "Another Lee", role="nurse", department="ICU")
    home.as_ = "admin"
    home.say("/nudge add daily 09:00")
    home.say("/coach roster add @dr.patel role=physician department=Cardiology")
    home.as_ = "dr.lee"
    home.say('/coach topic="home secret"')
    offer = next(b.action for r in home.last for b in r.buttons if b.action.startswith("coach:accept:"))
    other.as_ = "admin"
    for said in ("/nudge pause 1", "/nudge preview 1", "/nudge delete 1"):
        assert "no schedule" in other.text(other.say(said)).lower()
    assert "no schedules yet" in other.text(other.say("/nudge list")).lower()
    assert "no coaches" in other.text(other.say("/coach roster list")).lower()
    other.as_ = "dr.lee"
    assert "no longer open" in other.text(other.say(f"!{offer}")).lower()
    assert "no coach request" in other.text(other.say("/coach status")).lower()
    exported = json.loads(other.say("/checkin export")[0].attachment.content)
    assert exported["coach_requests"] == [] and exported["profile"]["name"] == "Another Lee"
    assert [s.status for s in store.schedules.all(home.ws_id)] == ["active"]
