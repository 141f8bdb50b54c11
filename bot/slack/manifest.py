"""The Slack app manifest: paste it into api.slack.com/apps ("From a manifest") to create the app in one step."""

from __future__ import annotations

import yaml

BOT_SCOPES = [
    "chat:write",
    "commands",
    "im:history",
    "im:read",
    "im:write",
    "mpim:write",
    "users:read",
    "channels:read",
    "groups:read",
    "files:write",
]
BOT_EVENTS = [
    "app_home_opened",
    "message.im",
    "user_change",
    "team_join",
    "member_joined_channel",
    "member_left_channel",
    "app_uninstalled",
    "tokens_revoked",
]
COMMANDS = [
    ("/checkin", "A check-in now, and your check-in settings", "[pause 7d | resume | time 07:30 | settings | help]"),
    ("/coach", "Ask for a trained peer coach", "[status | cancel | help]"),
    ("/nudge", "Program admins: nudge schedules and reports", "[add | list | preview ID | report | help]"),
]


def manifest(url: str, *, socket_mode: bool = False) -> dict:
    base = url.rstrip("/")
    events_url = f"{base}/slack/events"
    commands = [
        {
            "command": c,
            "description": d,
            "usage_hint": h,
            "should_escape": True,
            **({} if socket_mode else {"url": events_url}),
        }
        for c, d, h in COMMANDS
    ]
    settings = {
        "event_subscriptions": {"bot_events": BOT_EVENTS, **({} if socket_mode else {"request_url": events_url})},
        "interactivity": {"is_enabled": True, **({} if socket_mode else {"request_url": events_url})},
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "microcoach",
            "description": "Peer-coaching check-ins and a human peer coach when you want one.",
            "long_description": (
                "microcoach sends clinicians one short, open coaching question at a time, at their own local time, "
                "and connects anyone who asks with a trained peer coach from another department. What people write "
                "is theirs: encrypted, never shown to admins, deleted on request. Admins see only totals over "
                "groups of five or more. If someone writes about being in crisis, microcoach answers at once with "
                "the 988 Lifeline, the Crisis Text Line and the Physician Support Line, and tells no one."
            ),
            "background_color": "#2f5d62",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "microcoach", "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"redirect_urls": [f"{base}/slack/oauth_redirect"], "scopes": {"bot": BOT_SCOPES}},
        "settings": settings,
    }


def manifest_yaml(url: str, *, socket_mode: bool = False) -> str:
    return yaml.safe_dump(manifest(url, socket_mode=socket_mode), sort_keys=False, width=100)
