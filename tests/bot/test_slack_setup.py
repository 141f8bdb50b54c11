"""Slack set-up: multi-workspace OAuth into the migrated tables, the manifest, and Socket Mode wiring."""

from __future__ import annotations

import re

import pytest
import yaml
from sqlalchemy import text

from bot.cli import main
from bot.slack.manifest import BOT_EVENTS, BOT_SCOPES
from store.crypto import Cipher, generate_key
from tests.bot.conftest import running_slack
from tests.conftest import TEST_KEY
from tests.fakes.slack_api import FakeSlackAPI


@pytest.fixture
async def oauth_slack(tmp_path, cipher, migrated_sqlite):
    fake = FakeSlackAPI(tokens=[])  # only tokens issued by oauth.v2.access are good
    async with running_slack(
        tmp_path / "oauth.db",
        cipher,
        fake,
        migrated_sqlite,
        slack_bot_token="",
        slack_client_id="111.222",
        slack_client_secret="shh",
    ) as harness:
        yield harness


async def test_install_then_use_the_installed_token(oauth_slack):
    slack = oauth_slack
    page = await slack.client.get("/slack/install")
    assert page.status == 200
    state = re.search(r"state=([\w-]+)", await page.text()).group(1)
    slack.fake.add_oauth_code("code-1", installer_user_id="UADMIN")
    cookie = page.cookies["slack-app-oauth-state"]  # Secure, so a browser would send it back over https
    done = await slack.client.get(
        f"/slack/oauth_redirect?code=code-1&state={state}", headers={"Cookie": f"{cookie.key}={cookie.value}"}
    )
    assert done.status == 200
    bot = await slack.adapter.installations.async_find_bot(enterprise_id=None, team_id="T0001")
    assert bot is not None and bot.bot_token.startswith("xoxb-T0001-")
    status, _ = await slack.command("/checkin", "help")
    assert status == 200
    client = await slack.adapter.client_for("T0001")
    assert client.token == bot.bot_token


async def test_a_forged_oauth_state_is_refused(oauth_slack):
    oauth_slack.fake.add_oauth_code("code-2")
    response = await oauth_slack.client.get("/slack/oauth_redirect?code=code-2&state=forged")
    assert response.status >= 400
    assert await oauth_slack.adapter.installations.async_find_bot(enterprise_id=None, team_id="T0001") is None


def test_the_manifest_has_what_the_app_needs(capsys):
    assert main(["slack", "manifest", "--url", "https://coach.example.org"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    assert {c["command"] for c in manifest["features"]["slash_commands"]} == {"/checkin", "/coach", "/nudge"}
    assert all(c["url"] == "https://coach.example.org/slack/events" for c in manifest["features"]["slash_commands"])
    assert manifest["oauth_config"]["scopes"]["bot"] == BOT_SCOPES
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == set(BOT_EVENTS)
    assert manifest["settings"]["interactivity"]["request_url"] == "https://coach.example.org/slack/events"
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert len(manifest["display_information"]["long_description"]) >= 175


def test_socket_mode_needs_its_tokens(monkeypatch, capsys):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["socket"]) == 2
    assert "SLACK_APP_TOKEN" in capsys.readouterr().err


async def _install(slack) -> None:
    page = await slack.client.get("/slack/install")
    state = re.search(r"state=([\w-]+)", await page.text()).group(1)
    slack.fake.add_oauth_code("code-9", installer_user_id="UADMIN")
    cookie = page.cookies["slack-app-oauth-state"]
    done = await slack.client.get(
        f"/slack/oauth_redirect?code=code-9&state={state}", headers={"Cookie": f"{cookie.key}={cookie.value}"}
    )
    assert done.status == 200


def _stored_secrets(store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT bot_token FROM slack_bots UNION ALL SELECT bot_token FROM slack_installations")
        )
        return [value for (value,) in rows]


async def test_installed_tokens_are_encrypted_at_rest(oauth_slack):
    slack = oauth_slack
    await _install(slack)
    stored = _stored_secrets(slack.store)
    assert stored and all(value and "xoxb-" not in value for value in stored)
    bot = await slack.adapter.installations.async_find_bot(enterprise_id=None, team_id="T0001")
    assert bot.bot_token.startswith("xoxb-T0001-")  # the app reads them back as they were issued
    status, _ = await slack.command("/checkin", "help")
    assert status == 200 and (await slack.adapter.client_for("T0001")).token == bot.bot_token


async def test_keys_rotate_reencrypts_slack_tokens_and_seals_old_plaintext_ones(oauth_slack, monkeypatch, capsys):
    slack = oauth_slack
    await _install(slack)
    with slack.store.engine.begin() as conn:  # a row written before tokens were encrypted
        conn.execute(text("UPDATE slack_installations SET bot_token = 'xoxb-legacy-plain'"))
    new = generate_key()
    url = str(slack.store.engine.url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("MICROCOACH_ENCRYPTION_KEY", f"{new},{TEST_KEY}")
    assert main(["keys", "rotate"]) == 0
    assert "Slack tokens" in capsys.readouterr().out
    only_new = Cipher([new])
    for value in _stored_secrets(slack.store):
        assert only_new.decrypt(value).startswith("xoxb-")
