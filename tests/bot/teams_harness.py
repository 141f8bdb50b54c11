"""Realistic Teams activities posted to /api/messages (empty app id), replies landing at the fake Bot Connector."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from aiohttp.test_utils import TestClient

from bot.services import Services
from bot.teams.adapter import TeamsAdapter
from tests.fakes.bot_connector import FakeBotConnector

TENANT = "tenant-1"
BOT = {"id": "28:microcoach-bot", "name": "microcoach"}
PEOPLE = {
    "lee": ("29:lee", "Jordan Lee", "aad-lee"),
    "patel": ("29:patel", "Priya Patel", "aad-patel"),
    "kim": ("29:kim", "Min-jun Kim", "aad-kim"),
    "admin": ("29:admin", "Alex Rivera", "aad-admin"),
}


@dataclass
class TeamsHarness:
    fake: FakeBotConnector
    adapter: TeamsAdapter
    client: TestClient
    services: Services
    serial: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def store(self):
        return self.services.store

    def activity(
        self,
        who: str = "lee",
        *,
        text: str | None = None,
        value: dict | None = None,
        kind: str = "message",
        conversation: str | None = None,
        conversation_type: str = "personal",
        reply_to_id: str | None = None,
        **extra,
    ) -> dict:
        user_id, name, aad = PEOPLE[who]
        body = {
            "type": kind,
            "id": f"act-{next(self.serial)}",
            "channelId": "msteams",
            "serviceUrl": self.fake.service_url,
            "timestamp": "2026-11-25T14:00:00.000Z",
            "localTimezone": "America/New_York",
            "from": {"id": user_id, "name": name, "aadObjectId": aad},
            "recipient": BOT,
            "locale": "en-US",
            "conversation": {
                "id": conversation or f"a:{who}",
                "conversationType": conversation_type,
                "tenantId": TENANT,
            },
            "channelData": {"tenant": {"id": TENANT}},
        }
        if text is not None:
            body["text"] = text
        if value is not None:
            body["value"] = value
        if reply_to_id:
            body["replyToId"] = reply_to_id
        body.update(extra)
        return body

    async def post(self, body: dict) -> int:
        response = await self.client.post("/api/messages", json=body)
        return response.status

    async def say(self, text: str, who: str = "lee", **kwargs) -> int:
        return await self.post(self.activity(who, text=text, **kwargs))

    async def install(self, who: str = "lee") -> int:
        return await self.post(self.activity(who, kind="installationUpdate", action="add"))

    def texts(self, who: str = "lee") -> list[str]:
        """Everything shown in a person's 1:1 chat: message text and card text."""
        shown = []
        for body in self.fake.sent_to(f"a:{who}"):
            if body.get("text"):
                shown.append(body["text"])
            for attachment in body.get("attachments") or []:
                content = attachment.get("content") or {}
                shown += [b.get("text", "") for b in content.get("body", []) if b.get("type") == "TextBlock"]
        return shown

    def last_card(self, who: str = "lee") -> dict:
        return self.fake.cards(f"a:{who}")[-1]

    def last_card_id(self, who: str = "lee") -> str:
        return [
            a
            for a in self.fake.activities
            if a.conversation_id == f"a:{who}" and a.operation in ("send", "reply") and a.body.get("attachments")
        ][-1].activity_id


def submits(card: dict) -> list[dict]:
    """The Action.Submit data of every button in a card."""
    found = list(card.get("actions", []))
    for block in card.get("body", []):
        found += block.get("actions", []) if block.get("type") == "ActionSet" else []
    return [a["data"] for a in found if a.get("type") == "Action.Submit"]
