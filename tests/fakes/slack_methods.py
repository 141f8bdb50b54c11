"""The Web API methods microcoach uses, as functions of (workspace, params) -> response body."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any

from tests.fakes.slack_params import Params, page
from tests.fakes.slack_state import Conversation, SlackError, Workspace, ts_to_micros
from tests.fakes.slack_surfaces import (
    files_complete_upload_external,
    views_open,
    views_publish,
    views_push,
    views_update,
)

Body = dict[str, Any]

MAX_BLOCKS = 50


def auth_test(ws: Workspace, p: Params) -> Body:
    return {
        "ok": True,
        "url": "https://fake-clinic.slack.com/",
        "team": ws.team_name,
        "user": ws.users[ws.bot_user_id]["name"],
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def _as_read(user: dict, p: Params) -> dict:
    """A user object as Slack returns it: the locale only when include_locale is set."""
    user = copy.deepcopy(user)
    if not p.flag("include_locale"):
        user.pop("locale", None)
    return user


def users_list(ws: Workspace, p: Params) -> Body:
    # No limit means "everything" on Slack too; it caps a page at 1000 members.
    members, next_cursor = page(list(ws.users.values()), p, default=0, most=1000)
    return {
        "ok": True,
        "members": [_as_read(user, p) for user in members],
        "cache_ts": int(time.time()),
        "response_metadata": {"next_cursor": next_cursor},
    }


def users_info(ws: Workspace, p: Params) -> Body:
    return {"ok": True, "user": _as_read(ws.user(p.required("user", "user_not_found")), p)}


def conversations_members(ws: Workspace, p: Params) -> Body:
    conv = ws.conversation(p.required("channel", "channel_not_found"))
    members, next_cursor = page(conv.members, p, default=100, most=1000)
    return {"ok": True, "members": list(members), "response_metadata": {"next_cursor": next_cursor}}


def conversations_open(ws: Workspace, p: Params) -> Body:
    users = [u.strip() for u in (p.text("users") or "").split(",") if u.strip()]
    channel = p.text("channel")
    if channel:
        conv, already_open = ws.conversation(channel), True
        if conv.kind == "channel":
            raise SlackError("method_not_supported_for_channel_type")
    elif not users:
        raise SlackError("users_list_not_supplied")
    elif len(users) == 1:
        if ws.user(users[0])["deleted"]:
            raise SlackError("user_disabled")
        conv, already_open = ws.open_dm(users[0])
    elif len(users) > 8:
        raise SlackError("too_many_users")
    else:
        conv, already_open = ws.open_mpim(users)
    full = p.flag("return_im") or conv.kind == "mpim"
    body: Body = {"ok": True, "channel": _conversation_object(conv) if full else {"id": conv.id}}
    if already_open:
        body.update(no_op=True, already_open=True)
    return body


def _conversation_object(conv: Conversation) -> Body:
    body: Body = {
        "id": conv.id,
        "created": conv.created,
        "is_im": conv.kind == "im",
        "is_mpim": conv.kind == "mpim",
        "is_channel": conv.kind == "channel",
        "is_open": True,
    }
    if conv.kind == "im":
        body["user"] = conv.user
    else:
        body["name"] = conv.name
    return body


def chat_post_message(ws: Workspace, p: Params) -> Body:
    # Slack opens the IM when `channel` is a member id, and answers with the D... id.
    conv = ws.conversation(p.required("channel", "channel_not_found"), allow_user=True)
    if conv.kind == "channel" and ws.bot_user_id not in conv.members:
        raise SlackError("not_in_channel")
    message = _compose(ws, p, ws.next_ts())
    conv.history.append(message)
    return {"ok": True, "channel": conv.id, "ts": message["ts"], "message": copy.deepcopy(message)}


def _compose(ws: Workspace, p: Params, ts: str) -> Body:
    text = p.text("text")
    blocks = _blocks(p)
    attachments = p.structured("attachments", "invalid_attachments")
    if not text and not blocks and not attachments:
        raise SlackError("no_text")
    message = ws.bot_message(text, ts)
    if blocks:
        message["blocks"] = blocks
    if attachments:
        message["attachments"] = attachments
    metadata = _metadata(p)
    if metadata is not None:
        message["metadata"] = metadata
    if p.text("thread_ts"):
        message["thread_ts"] = p.text("thread_ts")
    return message


def _blocks(p: Params) -> list[Body] | None:
    blocks = p.structured("blocks", "invalid_blocks_format")
    if blocks is None:
        return None
    if not isinstance(blocks, list):
        raise SlackError("invalid_blocks_format")
    if len(blocks) > MAX_BLOCKS or not all(isinstance(b, dict) and isinstance(b.get("type"), str) for b in blocks):
        raise SlackError("invalid_blocks")
    return blocks


def _metadata(p: Params) -> Body | None:
    metadata = p.structured("metadata", "invalid_metadata_format")
    if metadata is None:
        return None
    if not (
        isinstance(metadata, dict)
        and isinstance(metadata.get("event_type"), str)
        and isinstance(metadata.get("event_payload"), dict)
    ):
        raise SlackError("invalid_metadata_format")
    return metadata


def chat_update(ws: Workspace, p: Params) -> Body:
    # No member-id shortcut here: chat.update with U... is channel_not_found on real Slack.
    conv = ws.conversation(p.required("channel", "channel_not_found"))
    message = ws.find_message(conv, p.required("ts", "message_not_found"))
    if message.get("bot_id") != ws.bot_id:
        raise SlackError("cant_update_message")
    edit = _compose(ws, p, message["ts"])
    # Fields left out of the call keep their old values, as Slack documents for blocks/attachments.
    for key in ("text", "blocks", "attachments", "metadata"):
        if key in p.raw:
            message[key] = edit.get(key, "" if key == "text" else [])
    message["edited"] = {"user": ws.bot_user_id, "ts": ws.next_ts()}
    return {
        "ok": True,
        "channel": conv.id,
        "ts": message["ts"],
        "text": message["text"],
        "message": copy.deepcopy(message),
    }


def chat_post_ephemeral(ws: Workspace, p: Params) -> Body:
    conv = ws.conversation(p.required("channel", "channel_not_found"), allow_user=True)
    user = p.required("user", "user_not_in_channel")
    if user not in conv.members:
        raise SlackError("user_not_in_channel")
    message = _compose(ws, p, ws.next_ts())
    ws.ephemerals.append({**message, "channel": conv.id, "user": user})
    return {"ok": True, "message_ts": message["ts"]}


def conversations_history(ws: Workspace, p: Params) -> Body:
    conv = ws.conversation(p.required("channel", "channel_not_found"))
    oldest = _bound(p, "oldest", 0)
    latest = _bound(p, "latest", 2**63)
    inclusive = p.flag("inclusive")
    with_metadata = p.flag("include_all_metadata")
    # Newest first; thread replies stay in their thread, as in Slack's history.
    messages = [
        m
        for m in reversed(conv.history)
        if m.get("thread_ts", m["ts"]) == m["ts"] and _within(ts_to_micros(m["ts"]), oldest, latest, inclusive)
    ]
    chunk, next_cursor = page(messages, p, default=100, most=999)
    chunk = copy.deepcopy(chunk)
    if not with_metadata:
        for message in chunk:
            message.pop("metadata", None)
    body: Body = {"ok": True, "messages": chunk, "has_more": bool(next_cursor), "pin_count": 0}
    if next_cursor:
        body["response_metadata"] = {"next_cursor": next_cursor}
    return body


def _bound(p: Params, name: str, default: int) -> int:
    value = p.text(name)
    if not value:
        return default
    try:
        return ts_to_micros(value)
    except ValueError:
        raise SlackError(f"invalid_ts_{name}") from None


def _within(ts: int, oldest: int, latest: int, inclusive: bool) -> bool:
    return oldest <= ts <= latest if inclusive else oldest < ts < latest


METHODS: dict[str, Callable[[Workspace, Params], Body]] = {
    "auth.test": auth_test,
    "users.list": users_list,
    "users.info": users_info,
    "conversations.members": conversations_members,
    "conversations.open": conversations_open,
    "conversations.history": conversations_history,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
    "views.open": views_open,
    "views.push": views_push,
    "views.update": views_update,
    "views.publish": views_publish,
    "files.completeUploadExternal": files_complete_upload_external,
}
