"""Who is who in a Slack workspace: profiles and time zones from users.list in pages, channel members in pages.

Nothing here calls a per-member method during a fan-out: profiles are read in pages ahead of
time (at start, daily, and on user_change), and the tick reads zones from the store.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.markup import unescape
from store import Store

logger = logging.getLogger(__name__)

PAGE = 200


def profile_fields(user: dict) -> dict:
    """A Slack user object as member fields (the platform's admin flag, zone, names)."""
    profile = user.get("profile") or {}
    name = profile.get("real_name") or profile.get("display_name") or user.get("real_name") or user.get("name", "")
    fields = {
        "user_id": user["id"],
        "handle": user.get("name"),
        "display_name": unescape(name or ""),
        "timezone": user.get("tz") or None,
        "platform_admin": bool(user.get("is_admin") or user.get("is_owner")),
        "locale": user.get("locale") or None,  # only with include_locale=true
    }
    if user.get("deleted"):
        fields["unreachable_reason"] = "deactivated in Slack"
    return fields


def is_person(user: dict) -> bool:
    return not (user.get("is_bot") or user.get("is_app_user") or user.get("id") == "USLACKBOT")


async def sync_users(client: AsyncWebClient, store: Store, workspace_id: int, now: datetime) -> int:
    """Every person in the workspace, in pages of 200; returns how many were read."""
    cursor, count = None, 0
    while True:
        page = await client.users_list(limit=PAGE, cursor=cursor, include_locale=True)
        people = [profile_fields(u) for u in page.get("members", []) if is_person(u)]
        if people:
            await asyncio.to_thread(store.members.bulk_upsert_members, workspace_id, people, now)
        count += len(people)
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return count


async def sync_channel(client: AsyncWebClient, store: Store, workspace_id: int, channel_id: str, now: datetime) -> int:
    """A channel's members (for channel audiences), in pages; returns how many."""
    user_ids, cursor = [], None
    try:
        while True:
            page = await client.conversations_members(channel=channel_id, limit=PAGE, cursor=cursor)
            user_ids += page.get("members", [])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
        info = await client.conversations_info(channel=channel_id)
        name = (info.get("channel") or {}).get("name", "")
    except SlackApiError as problem:
        logger.warning("could not read channel %s: %s", channel_id, problem.response.get("error"))
        return 0
    member_ids = await asyncio.to_thread(_member_ids, store, workspace_id, user_ids, now)
    await asyncio.to_thread(store.members.set_channel_members, workspace_id, channel_id, name, member_ids)
    return len(member_ids)


def _member_ids(store: Store, workspace_id: int, user_ids: list[str], now: datetime) -> list[int]:
    return [store.members.ensure_member(workspace_id, user_id, now).id for user_id in user_ids]


def audience_channels(store: Store, workspace_id: int) -> set[str]:
    """Channels that some schedule sends to: the ones worth keeping in sync."""
    return {c for s in store.schedules.all(workspace_id) if s.audience_kind == "channel" for c in s.audience}
