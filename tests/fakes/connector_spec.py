"""Checks Bot Connector request bodies against the v3 Swagger definitions and Teams' card rules."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("specs") / "botframework_ConnectorAPI.json"

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"

# Property names the spec lacks but botbuilder-python 4.17 sends, so they are not the bot's fault.
SDK_EXTRA_PROPERTIES: dict[str, frozenset[str]] = {
    # botbuilder-python spells the tenant key `tenantID` (its model's attribute map), the spec `tenantId`.
    "ConversationAccount": frozenset({"tenantID", "properties"}),
    "ConversationParameters": frozenset({"tenantID"}),
    # The models' catch-all bag for channel-specific fields (Teams puts aadObjectId/userRole here).
    "ChannelAccount": frozenset({"properties"}),
    # Added to the schema package after this spec file: the reference's locale, an image's alt text.
    "ConversationReference": frozenset({"locale"}),
    "CardAction": frozenset({"imageAltText"}),
}

# Definitions whose instances carry more than the spec lists by design: entities are typed by
# `type` ("mention", "clientInfo", schema.org types) and each type brings its own fields.
OPEN_DEFINITIONS = frozenset({"Entity"})

# The Connector refuses an activity without a type, though the spec marks nothing required.
REQUIRED: dict[str, tuple[str, ...]] = {"Activity": ("type",)}


@cache
def definitions(path: Path = SPEC_PATH) -> dict[str, Any]:
    """The spec's `definitions`, read once."""
    return json.loads(path.read_text(encoding="utf-8"))["definitions"]


def check(definition: str, value: Any, where: str | None = None) -> list[str]:
    """Problems with `value` as an instance of the named definition, as readable strings."""
    return _check({"$ref": f"#/definitions/{definition}"}, value, where or definition)


def check_activity(activity: Any, where: str = "activity") -> list[str]:
    """Spec problems plus the Adaptive Card rules Teams enforces when it renders."""
    problems = check("Activity", activity, where)
    if isinstance(activity, dict):
        for i, attachment in enumerate(activity.get("attachments") or []):
            problems.extend(check_attachment(attachment, f"{where}.attachments[{i}]"))
    return problems


def check_attachment(attachment: Any, where: str) -> list[str]:
    """An Adaptive Card attachment needs `content` with `type: AdaptiveCard` and a `version`."""
    if not isinstance(attachment, dict) or attachment.get("contentType") != ADAPTIVE_CARD:
        return []
    content = attachment.get("content")
    if not isinstance(content, dict):
        return [f"{where}: an Adaptive Card attachment needs its card as an object in `content`"]
    problems = []
    if content.get("type") != "AdaptiveCard":
        problems.append(f"{where}.content.type: should be 'AdaptiveCard', got {content.get('type')!r}")
    if not isinstance(content.get("version"), str):
        problems.append(f"{where}.content.version: missing (a string like '1.5')")
    if "body" in content and not isinstance(content["body"], list):
        problems.append(f"{where}.content.body: should be an array")
    return problems


def _check(schema: dict[str, Any], value: Any, where: str) -> list[str]:
    name = None
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = definitions()[name]
    if value is None:
        return []  # msrest leaves unset optionals out, and null is harmless to the Connector
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} is not one of {schema['enum']}"]
    kind = schema.get("type")
    if kind == "object" or (kind is None and "properties" in schema):
        return _check_object(name, schema, value, where)
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: should be an array, got {type(value).__name__}"]
        return [p for i, item in enumerate(value) for p in _check(schema.get("items", {}), item, f"{where}[{i}]")]
    return _check_scalar(kind, schema.get("format"), value, where)


def _check_object(name: str | None, schema: dict[str, Any], value: Any, where: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where}: should be an object, got {type(value).__name__}"]
    properties = schema.get("properties") or {}
    problems = [f"{where}.{key}: required" for key in REQUIRED.get(name or "", ()) if key not in value]
    if not properties:
        return problems  # a free-form object: channelData, value, an attachment's content
    allowed = SDK_EXTRA_PROPERTIES.get(name or "", frozenset())
    for key, item in value.items():
        if key in properties:
            problems.extend(_check(properties[key], item, f"{where}.{key}"))
        elif key not in allowed and name not in OPEN_DEFINITIONS:
            problems.append(f"{where}.{key}: not a property of {name or 'this object'}")
    return problems


def _check_scalar(kind: str | None, fmt: str | None, value: Any, where: str) -> list[str]:
    expected = {"string": str, "boolean": bool, "integer": int, "number": (int, float)}.get(kind or "")
    if expected is None:
        return []
    if not isinstance(value, expected) or (kind != "boolean" and isinstance(value, bool)):
        return [f"{where}: should be {kind}, got {value!r}"]
    if fmt == "date-time" and not _is_datetime(value):
        return [f"{where}: not an ISO-8601 date-time: {value!r}"]
    return []


def _is_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
