"""The signed Slack requests the load benchmark fires: slash commands and DM events, as Slack would sign them."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from benchmarks.harness import TEAM

SECRET = "bench-signing-secret"
KINDS = ("/checkin help", "/checkin", "dm", "/coach status")
DM_TEXTS = (
    "Long shift, but I got through it",
    "Talked with a colleague about a hard case",
    "I'd like to take a proper lunch break tomorrow",
    "Not sure yet",
)


@dataclass(frozen=True)
class Planned:
    kind: str
    body: str
    content_type: str


def planned_requests(count: int, users: list[str], dms: dict[str, str], respond: str) -> list[Planned]:
    """The mix, in order: /checkin help, /checkin (starts a check-in), a DM, /coach status; users in turn."""
    plan = []
    for i in range(count):
        kind, user = KINDS[i % len(KINDS)], users[i % len(users)]
        if kind == "dm":
            body = dm_event_body(user, dms[user], DM_TEXTS[(i // len(KINDS)) % len(DM_TEXTS)], f"EvBENCH{i:06d}")
            plan.append(Planned(kind, body, "application/json"))
        else:
            command, _, text = kind.partition(" ")
            body = command_body(command, text, user, f"{respond}{user}", f"trig-{i}")
            plan.append(Planned(kind, body, "application/x-www-form-urlencoded"))
    return plan


def command_body(command: str, text: str, user: str, response_url: str, trigger_id: str) -> str:
    return urlencode(
        {
            "token": "x",
            "team_id": TEAM,
            "team_domain": "hospital",
            "channel_id": "C0GENERAL",
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0001",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def dm_event_body(user: str, channel: str, text: str, event_id: str) -> str:
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text}
    return json.dumps(
        {
            "token": "x",
            "team_id": TEAM,
            "api_app_id": "A0001",
            "event": {**event, "ts": f"{time.time():.6f}"},
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
        }
    )


def signed_headers(body: str, content_type: str) -> dict[str, str]:
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature, "Content-Type": content_type}
