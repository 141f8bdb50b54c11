"""The fake Slack workspace: users, conversations, messages, views and files, with Slack's id rules."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo


class SlackError(Exception):
    """A Web API error answered as HTTP 200 `{"ok": false, "error": ...}`."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


@dataclass
class Conversation:
    """A public channel (C), an IM (D) or a group DM (G); history is oldest first."""

    id: str
    name: str
    members: list[str]
    kind: str  # "channel" | "im" | "mpim"
    user: str | None = None  # the other member of an IM
    created: int = field(default_factory=lambda: int(time.time()))
    history: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class UploadedFile:
    """A file shared through the files.getUploadURLExternal / completeUploadExternal flow."""

    id: str
    filename: str
    title: str
    channels: tuple[str, ...]
    content: bytes
    initial_comment: str | None = None

    @property
    def channel(self) -> str | None:
        """The first conversation it was shared to; None for an unshared file."""
        return self.channels[0] if self.channels else None


def ts_to_micros(ts: str | float | int) -> int:
    """A Slack ts ("1700000000.000123") as integer microseconds, exactly."""
    try:
        return int(Decimal(str(ts)) * 1_000_000)
    except InvalidOperation as exc:
        raise ValueError(f"not a Slack ts: {ts!r}") from exc


def encode_cursor(offset: int) -> str:
    """An opaque cursor, base64 like Slack's own (`dXNlcjpVMDYx...`)."""
    return base64.b64encode(f"next:{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The offset inside a cursor made by `encode_cursor`; `invalid_cursor` otherwise."""
    try:
        kind, _, offset = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        if kind == "next":
            return int(offset)
    except ValueError:
        pass
    raise SlackError("invalid_cursor")


class Workspace:
    """One team's state; methods raise `SlackError` exactly where Slack answers ok:false."""

    def __init__(self, team_id: str, bot_user_id: str, bot_id: str, app_id: str) -> None:
        self.team_id, self.bot_user_id, self.bot_id, self.app_id = team_id, bot_user_id, bot_id, app_id
        self.team_name = "Fake Clinic"
        self.users: dict[str, dict[str, Any]] = {}
        self.conversations: dict[str, Conversation] = {}
        self._dm_by_user: dict[str, str] = {}
        self._mpim_by_members: dict[frozenset[str], str] = {}
        self._last_ts_us = 0
        self._serial = 0
        self.views: dict[str, dict[str, Any]] = {}
        self.published: dict[str, list[dict[str, Any]]] = {}
        self.pending_uploads: dict[str, dict[str, Any]] = {}
        self.files: list[UploadedFile] = []
        self.ephemerals: list[dict[str, Any]] = []
        # Slack lists its own Slackbot (is_bot false!) and the app's bot user in users.list.
        self.add_user("USLACKBOT", "slackbot", real_name="Slackbot", tz="America/Los_Angeles")
        self.add_user(bot_user_id, "microcoach", real_name="microcoach", is_bot=True)

    def next_id(self, prefix: str) -> str:
        """A fresh Slack-looking id with this prefix (D, G, V, F, ...)."""
        self._serial += 1
        return f"{prefix}{self._serial:09d}"

    def next_ts(self) -> str:
        """A message ts that is unique and strictly increasing, as Slack's are within a channel."""
        self._last_ts_us = max(time.time_ns() // 1000, self._last_ts_us + 1)
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        real_name: str = "",
        tz: str = "America/New_York",
        is_admin: bool = False,
        is_owner: bool = False,
        is_bot: bool = False,
        deleted: bool = False,
        email: str | None = None,
        locale: str = "en-US",
    ) -> dict[str, Any]:
        """Add (or replace) a member, shaped like Slack's user object (`locale` shows with include_locale)."""
        now = datetime.now(ZoneInfo(tz))
        offset = now.utcoffset()
        profile: dict[str, Any] = {
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": name,
            "display_name_normalized": name,
            "team": self.team_id,
        }
        if email:
            profile["email"] = email
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "deleted": deleted,
            "real_name": real_name,
            "tz": tz,
            "tz_label": now.tzname(),
            "tz_offset": int(offset.total_seconds()) if offset else 0,
            "profile": profile,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": int(time.time()),
            "locale": locale,
        }
        self.users[user_id] = user
        return user

    def add_channel(self, channel_id: str, name: str, members: list[str]) -> Conversation:
        """Add a public channel with these members."""
        channel = Conversation(channel_id, name, list(members), "channel")
        self.conversations[channel_id] = channel
        return channel

    def user(self, user_id: str) -> dict[str, Any]:
        """A member by id; `user_not_found` otherwise."""
        try:
            return self.users[user_id]
        except KeyError:
            raise SlackError("user_not_found") from None

    def open_dm(self, user_id: str) -> tuple[Conversation, bool]:
        """The IM with this member, created on first use; (conversation, already_open)."""
        user = self.user(user_id)
        if user["is_bot"] and user_id != "USLACKBOT":
            raise SlackError("cannot_dm_bot")
        if user_id in self._dm_by_user:
            return self.conversations[self._dm_by_user[user_id]], True
        dm = Conversation(self.next_id("D"), user_id, [self.bot_user_id, user_id], "im", user=user_id)
        self.conversations[dm.id] = dm
        self._dm_by_user[user_id] = dm.id
        return dm, False

    def open_mpim(self, user_ids: list[str]) -> tuple[Conversation, bool]:
        """The group DM of the bot and these members; (conversation, already_open)."""
        for user_id in user_ids:
            if self.user(user_id)["deleted"]:
                raise SlackError("user_disabled")
        members = frozenset([self.bot_user_id, *user_ids])
        if members in self._mpim_by_members:
            return self.conversations[self._mpim_by_members[members]], True
        names = "--".join(self.users[u]["name"] for u in [self.bot_user_id, *user_ids])
        mpim = Conversation(self.next_id("G"), f"mpdm-{names}-1", [self.bot_user_id, *user_ids], "mpim")
        self.conversations[mpim.id] = mpim
        self._mpim_by_members[members] = mpim.id
        return mpim, False

    def conversation(self, channel: str, *, allow_user: bool = False) -> Conversation:
        """Resolve a conversation id, a `#name`, or (where Slack allows it) a member id to its IM."""
        if allow_user and channel.startswith(("U", "W")) and channel in self.users:
            return self.open_dm(channel)[0]
        if channel in self.conversations:
            return self.conversations[channel]
        name = channel.removeprefix("#")
        for conv in self.conversations.values():
            if conv.kind == "channel" and conv.name == name:
                return conv
        raise SlackError("channel_not_found")

    def dm_id(self, user_id: str) -> str | None:
        """The IM id with this member, if one was opened."""
        return self._dm_by_user.get(user_id)

    def find_message(self, conv: Conversation, ts: str) -> dict[str, Any]:
        """A message of this conversation by ts; `message_not_found` otherwise."""
        for message in conv.history:
            if message["ts"] == ts:
                return message
        raise SlackError("message_not_found")

    def bot_message(self, text: str | None, ts: str) -> dict[str, Any]:
        """The message object Slack returns for a post by this app's bot."""
        return {
            "type": "message",
            "text": text or "",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team_id,
            "ts": ts,
            "bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": "microcoach", "deleted": False},
        }
