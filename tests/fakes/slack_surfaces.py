"""The views.* and files.* (upload v2) Web API methods of the fake, as functions of (workspace, params)."""

from __future__ import annotations

import copy
import mimetypes
import time
from typing import Any

from tests.fakes.slack_params import Params
from tests.fakes.slack_state import Conversation, SlackError, UploadedFile, Workspace

Body = dict[str, Any]


def _view_in(p: Params, *types: str) -> Body:
    view = p.structured("view", "invalid_arguments")
    if not isinstance(view, dict) or view.get("type") not in types:
        raise SlackError("invalid_arguments", response_metadata={"messages": [f"[ERROR] view.type must be {types}"]})
    return view


def _view_out(ws: Workspace, view: Body, view_id: str, root_id: str | None = None) -> Body:
    stored = {
        "id": view_id,
        "team_id": ws.team_id,
        "app_id": ws.app_id,
        "bot_id": ws.bot_id,
        "app_installed_team_id": ws.team_id,
        "private_metadata": "",
        "callback_id": "",
        "external_id": "",
        "state": {"values": {}},
        "clear_on_close": False,
        "notify_on_close": False,
        **copy.deepcopy(view),
        "hash": f"{time.time():.6f}.{view_id}",
        "root_view_id": root_id or view_id,
        "previous_view_id": None,
    }
    ws.views[view_id] = stored
    return stored


def views_open(ws: Workspace, p: Params) -> Body:
    p.required("trigger_id", "invalid_trigger_id")
    view = _view_out(ws, _view_in(p, "modal"), ws.next_id("V"))
    return {"ok": True, "view": copy.deepcopy(view)}


def views_push(ws: Workspace, p: Params) -> Body:
    p.required("trigger_id", "invalid_trigger_id")
    view = _view_out(ws, _view_in(p, "modal"), ws.next_id("V"))
    return {"ok": True, "view": copy.deepcopy(view)}


def views_update(ws: Workspace, p: Params) -> Body:
    view_id, external_id = p.text("view_id"), p.text("external_id")
    matches = [
        v for v in ws.views.values() if v["id"] == view_id or (external_id and v.get("external_id") == external_id)
    ]
    if not matches:
        raise SlackError("not_found")
    current = matches[0]
    if p.text("hash") and p.text("hash") != current["hash"]:
        raise SlackError("hash_conflict")
    view = _view_out(ws, _view_in(p, "modal", "home"), current["id"], current["root_view_id"])
    return {"ok": True, "view": copy.deepcopy(view)}


def views_publish(ws: Workspace, p: Params) -> Body:
    user_id = p.required("user_id", "invalid_arguments")
    history = ws.published.setdefault(user_id, [])
    if p.text("hash") and history and p.text("hash") != history[-1]["hash"]:
        raise SlackError("hash_conflict")
    view_id = history[-1]["id"] if history else ws.next_id("V")
    view = _view_out(ws, _view_in(p, "home"), view_id)
    history.append(view)
    return {"ok": True, "view": copy.deepcopy(view)}


def files_get_upload_url_external(ws: Workspace, p: Params, upload_base: str) -> Body:
    filename = p.required("filename")
    length = p.integer("length", 0, error="invalid_arguments")
    if length <= 0:
        raise SlackError("invalid_arguments")
    file_id = ws.next_id("F")
    ws.pending_uploads[file_id] = {"filename": filename, "length": length, "content": None}
    return {"ok": True, "upload_url": f"{upload_base}upload/v1/{file_id}", "file_id": file_id}


def files_complete_upload_external(ws: Workspace, p: Params) -> Body:
    entries = p.structured("files", "invalid_arguments")
    if not isinstance(entries, list) or not entries:
        raise SlackError("invalid_arguments")
    targets = [c for c in [p.text("channel_id"), *(p.text("channels") or "").split(",")] if c]
    # Lenient on purpose: a member id is taken as its IM (unverified whether Slack accepts it here).
    convs = [ws.conversation(c, allow_user=True) for c in targets]
    shared = [_finish_upload(ws, entry, convs, p.text("initial_comment")) for entry in entries]
    if convs:
        for conv in convs:
            message = ws.bot_message(p.text("initial_comment"), ws.next_ts())
            message["files"] = [_file_object(ws, f) for f in shared]
            conv.history.append(message)
    return {"ok": True, "files": [_file_object(ws, f) for f in shared]}


def _finish_upload(ws: Workspace, entry: Any, convs: list[Conversation], comment: str | None) -> UploadedFile:
    pending = ws.pending_uploads.pop(entry.get("id", ""), None) if isinstance(entry, dict) else None
    if pending is None or pending["content"] is None:
        raise SlackError("file_not_found")
    uploaded = UploadedFile(
        id=entry["id"],
        filename=pending["filename"],
        title=entry.get("title") or pending["filename"],
        channels=tuple(c.id for c in convs),
        content=pending["content"],
        initial_comment=comment,
    )
    ws.files.append(uploaded)
    return uploaded


def _file_object(ws: Workspace, f: UploadedFile) -> Body:
    mimetype = mimetypes.guess_type(f.filename)[0] or "application/octet-stream"
    return {
        "id": f.id,
        "created": int(time.time()),
        "name": f.filename,
        "title": f.title,
        "mimetype": mimetype,
        "filetype": f.filename.rpartition(".")[2] if "." in f.filename else "binary",
        "user": ws.bot_user_id,
        "size": len(f.content),
        "is_external": False,
        "channels": list(f.channels),
    }
