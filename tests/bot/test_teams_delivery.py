"""Proactive check-ins through the Teams Sender: stored references, 429 Retry-After, 403 and no reference."""

from __future__ import annotations

import io
import json
import struct
import zipfile
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest

from bot.config import ConfigError, Settings
from bot.teams.package import build_package
from scheduler.delivery import Deliverer
from scheduler.pacer import Pacer
from scheduler.tick import tick
from tests.bot.conftest import NOW
from tests.bot.teams_harness import TENANT
from tests.clocks import SimClock
from tests.worlds import due_at_nine

SCHEMA = Path(__file__).resolve().parents[1] / "fakes" / "specs" / "teams_manifest_v1.30.schema.json"


async def _due(teams, installed=("lee", "kim")):
    for who in installed:
        await teams.install(who)
    ws = teams.store.members.ensure_workspace("teams", TENANT, NOW)
    teams.store.members.ensure_member(
        ws.id, "29:never", NOW, display_name="Never Installed", timezone="America/New_York"
    )
    due_at_nine(teams.store, ws.id, NOW)
    tick(teams.store, NOW)
    return ws


def _deliverer(teams):
    clock = SimClock()
    return Deliverer(
        teams.store,
        {"teams": teams.adapter.sender},
        Pacer(clock=clock, sleep=clock.sleep),
        worker_id="w",
        clock=lambda: NOW,
    )


def _status(teams, ws, user_id):
    return teams.store.outbox.deliveries_for(teams.store.members.member_by_user(ws.id, user_id).id)[0]


async def test_check_ins_arrive_as_cards_through_the_stored_reference(teams):
    ws = await _due(teams)
    assert await _deliverer(teams).run_once() == 3
    assert _status(teams, ws, "29:lee").status == "sent"
    card = teams.fake.cards("a:lee")[-1]
    assert any("?" in b.get("text", "") for b in card["body"])
    never = _status(teams, ws, "29:never")
    assert (never.status, never.reason) == ("unreachable", "app not installed for this person")
    preview = await teams.say("nudge preview 1", "admin")
    assert preview in (200, 201)


async def test_the_schedule_preview_never_counts_who_cannot_be_reached(teams):
    await _due(teams)
    await _deliverer(teams).run_once()
    await teams.install("admin")
    await teams.say("nudge preview 1", "admin")
    shown = teams.texts("admin")[-1]
    assert "Audience:" in shown and "1 unreachable" not in shown and "not installed" not in shown


async def test_a_429_is_honoured_and_a_block_marks_the_person(teams):
    ws = await _due(teams)
    teams.fake.fail_next(429, retry_after=7, conversation_id="a:lee")
    teams.fake.block("a:kim")
    await _deliverer(teams).run_once()
    lee = _status(teams, ws, "29:lee")
    assert lee.status == "pending" and lee.due_at == NOW + timedelta(seconds=7) and lee.attempts == 0
    kim = _status(teams, ws, "29:kim")
    assert kim.status == "unreachable" and "blocked" in kim.reason


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_transient_errors_are_retried(teams, status):
    ws = await _due(teams, installed=("lee",))
    teams.fake.fail_next(status, conversation_id="a:lee")
    await _deliverer(teams).run_once()
    row = _status(teams, ws, "29:lee")
    assert row.status == "pending" and row.reason == f"Teams answered {status}"


def test_the_app_package_matches_microsofts_schema(tmp_path):
    settings = Settings(microsoft_app_id="11111111-2222-3333-4444-555555555555")
    path = build_package(settings, tmp_path / "microcoach-teams.zip")
    with zipfile.ZipFile(path) as package:
        manifest = json.loads(package.read("manifest.json"))
        sizes = {name: _png_size(package.read(name)) for name in ("color.png", "outline.png")}
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text())).validate(manifest)
    assert manifest["bots"][0]["botId"] == settings.microsoft_app_id
    titles = {c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]}
    assert titles == {"checkin", "coach", "nudge", "help"}
    assert sizes == {"color.png": (192, 192), "outline.png": (32, 32)}


def test_the_package_needs_the_bots_app_id(tmp_path):
    with pytest.raises(ConfigError, match="MicrosoftAppId"):
        build_package(Settings(), tmp_path / "x.zip")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", io.BytesIO(data[16:24]).read())
