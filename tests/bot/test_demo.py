"""The console demo, driven by a script as a new user would drive it."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import UTC, datetime

from bot.demo import run_demo

START = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)  # 08:30 in New York, when the daily check-in is due


def _run(tmp_path, lines: list[str]) -> str:
    script = tmp_path / "script.txt"
    script.write_text("\n".join(lines) + "\n")
    out = io.StringIO()
    assert run_demo(str(tmp_path / "demo.db"), str(script), out=out, start=START) == 0
    return out.getvalue()


def test_a_new_user_gets_a_check_in_replies_and_uses_a_command(tmp_path):
    transcript = _run(tmp_path, ["Two codes before midnight", "/checkin pause 3d", "/frobnicate", ":nope"])
    assert "Hi Jordan" in transcript and "what is kept" in transcript.lower()
    question_part = transcript.split("dr.lee> Two codes before midnight")[0]
    assert question_part.count("?") >= 1
    after_reply = transcript.split("dr.lee> Two codes before midnight")[1].split("dr.lee> /checkin pause")[0]
    assert "?" in after_reply  # a follow-up question
    assert "Paused. No check-ins until" in transcript
    assert "I don't know `/frobnicate`" in transcript
    assert "`:nope` is not a console command" in transcript
    assert transcript.rstrip().endswith("(end of input) Bye.")
    assert "Traceback" not in transcript


def test_switching_person_shows_what_they_were_sent(tmp_path):
    transcript = _run(tmp_path, [":as nurse.kim", ":press 4", ":press Burnout that", ":as ghost"])
    assert "You are now nurse.kim. 1 new message(s):" in transcript  # the welcome folded into the check-in
    assert "Hi Min-jun" in transcript
    assert "There is no button '4' on your last message. Buttons: I enjoy my work" in transcript
    assert "(you pressed [Burnout that won't go away])" in transcript
    assert "/coach" in transcript.split("(you pressed [Burnout")[1]
    assert "There is no ghost here" in transcript


def test_piped_input_ends_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--db", str(tmp_path / "d.db")],
        input="help\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert "/checkin pause 7d" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_advancing_a_week_delivers_each_daily_check_in_once(tmp_path):
    transcript = _run(tmp_path, [":advance 7d", ":as nurse.kim"])
    stamps = [line for line in transcript.splitlines() if line.startswith("[") and "-> dr.lee" in line]
    days = [line.split()[0] for line in stamps]
    assert days == ["[Wed", "[Thu", "[Fri", "[Sat", "[Sun", "[Mon", "[Tue", "[Wed"]  # 8 mornings, welcome in the first
    assert "It is Wednesday 02 December 2026, 08:30" in transcript


def test_someone_back_after_deleting_keeps_their_name_and_local_clock(tmp_path):
    transcript = _run(tmp_path, ["/checkin delete", ":press Delete everything", "hello", ":time"])
    after = transcript.split("(you pressed [Delete everything])")[1]
    assert "Everything of yours has been deleted" in after
    assert "Hi Jordan" in after  # the profile is read again, as a platform's directory would give it
    stamps = [line.split("]")[0] for line in after.splitlines() if line.startswith("[")]
    assert stamps and all(stamp == "[Wed 08:30" for stamp in stamps)  # New York time, not UTC
    assert "It is Wednesday 25 November 2026, 08:30 EST." in after


def test_join_adds_people_so_small_group_rules_can_be_seen(tmp_path):
    lines = [f":join rn.{n} role=nurse department=ICU" for n in range(5)]
    lines += [':join dr.ortiz role=resident department="Internal Medicine" name="Rafa Ortiz"', ":who", ":as dr.ortiz"]
    lines += [":join rn.0", ":join Bad Name!", ":join rn.9 role=wizard", ":join rn.9 shoe=7"]
    transcript = _run(tmp_path, lines)
    assert "rn.4 joined: nurse, ICU" in transcript and "Rafa Ortiz" in transcript
    assert "rn.0, rn.1, rn.2, rn.3, rn.4, dr.ortiz" in transcript
    assert "You are now dr.ortiz" in transcript
    assert "rn.0 is already here" in transcript
    assert "'Bad' is not a handle" in transcript and "For example: `:join rn.lopez role=nurse" in transcript
    assert "'wizard' is not a role I know" in transcript and "'shoe=' is not something :join takes" in transcript
    assert "Traceback" not in transcript


def test_an_introduction_reaches_both_people_in_a_console_with_no_group_chats(tmp_path):
    transcript = _run(tmp_path, ['/coach peer=physician topic="nights" timing=this-week format=video',
                                 ":as dr.patel", ":press Accept", ":as dr.lee"])  # fmt: skip
    for who in ("dr.patel", "dr.lee"):
        seen = transcript.split(f"You are now {who}")[1].split("You are now")[0]
        assert "you're matched. I can't open a chat for the three of us" in seen
