"""Driving the real Bolt app with requests signed the way Slack signs them, against the fake Web API."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web
from aiohttp.test_utils import TestClient
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.services import Services
from bot.slack.adapter import SlackAdapter
from tests.fakes.slack_api import FakeSlackAPI

SECRET = "test-signing-secret"
TEAM = "T0001"


def signed_headers(body: str, *, secret: str = SECRET, timestamp: int | None = None, content_type: str) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature, "Content-Type": content_type}


@dataclass
class SlackHarness:
    fake: FakeSlackAPI
    adapter: SlackAdapter
    client: TestClient
    services: Services
    responses: Responses | None = None
    events: int = 0

    @property
    def store(self):
        return self.services.store

    async def post(self, body: str, content_type: str, **signing) -> tuple[int, str]:
        headers = signed_headers(body, content_type=content_type, **signing)
        response = await self.client.post("/slack/events", data=body, headers=headers)
        text = await response.text()
        await asyncio.sleep(0)  # let the listener Bolt scheduled after its ack begin (no time passes)
        await self.adapter.bot.settled()
        return response.status, text

    async def command(
        self,
        command: str,
        text: str = "",
        *,
        user: str = "ULEE",
        channel: str = "C0GENERAL",
        trigger_id: str = "trig-1",
    ) -> tuple[int, str]:
        form = {
            "token": "x",
            "team_id": TEAM,
            "team_domain": "hospital",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0001",
            "is_enterprise_install": "false",
            "response_url": str(self.client.make_url(f"/respond/{user}")),
            "trigger_id": trigger_id,
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def event(self, event: dict, *, event_id: str | None = None, retry: int | None = None) -> tuple[int, str]:
        self.events += 1
        body = json.dumps(
            {
                "token": "x",
                "team_id": TEAM,
                "api_app_id": "A0001",
                "event": event,
                "type": "event_callback",
                "event_id": event_id or f"Ev{self.events:04d}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
            }
        )
        headers = signed_headers(body, content_type="application/json")
        if retry is not None:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
        response = await self.client.post("/slack/events", data=body, headers=headers)
        await asyncio.sleep(0)
        await self.adapter.bot.settled()
        return response.status, await response.text()

    def dm_channel(self, user: str = "ULEE") -> str:
        """The IM between the bot and this person, as Slack would name it."""
        return self.fake.workspace.open_dm(user)[0].id

    async def dm(self, text: str, *, user: str = "ULEE", **kwargs) -> tuple[int, str]:
        return await self.event(
            {
                "type": "message",
                "channel_type": "im",
                "channel": self.dm_channel(user),
                "user": user,
                "text": text,
                "ts": f"{time.time():.6f}",
            },
            **kwargs,
        )

    async def press(
        self,
        action_id: str,
        label: str,
        *,
        user: str = "ULEE",
        message: dict | None = None,
        channel: str | None = None,
        view: dict | None = None,
    ) -> tuple[int, str]:
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM, "domain": "hospital"},
            "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A0001",
            "trigger_id": "trig-2",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "mc-actions-0",
                    "text": {"type": "plain_text", "text": label},
                    "value": action_id,
                    "action_ts": f"{time.time():.6f}",
                }
            ],
            "response_url": str(self.client.make_url(f"/respond/{user}")),
        }
        if message is not None:
            payload.update(
                message=message,
                channel={"id": channel},
                container={"type": "message", "message_ts": message["ts"], "channel_id": channel},
            )
        if view is not None:
            payload.update(view=view, container={"type": "view", "view_id": view.get("id", "V1")})
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    async def submit(self, view: dict, values: dict, *, user: str = "ULEE") -> tuple[int, str]:
        state = {"values": {name: {name: element} for name, element in values.items()}}
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "hospital"},
            "user": {"id": user, "team_id": TEAM},
            "api_app_id": "A0001",
            "trigger_id": "trig-3",
            "view": {"id": "V1", **view, "state": state, "team_id": TEAM},
        }
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


class Responses:
    """Plays the slash command response_url: records ephemeral responses per user."""

    def __init__(self) -> None:
        self.by_user: dict[str, list[dict]] = {}

    async def handle(self, request: web.Request) -> web.Response:
        self.by_user.setdefault(request.match_info["user"], []).append(await request.json())
        return web.json_response({"ok": True})

    def texts(self, user: str = "ULEE") -> str:
        return "\n".join(r.get("text", "") for r in self.by_user.get(user, []))


def settings_for(fake: FakeSlackAPI, db_path, **overrides) -> Settings:
    values = {
        "database_url": f"sqlite:///{db_path}",
        "slack_bot_token": "xoxb-test",
        "slack_signing_secret": SECRET,
        "slack_api_url": fake.base_url,
        "admins": ("UADMIN",),
    }
    values.update(overrides)
    return Settings(**values)
