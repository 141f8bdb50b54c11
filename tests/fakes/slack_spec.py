"""Checks Slack Web API calls against the October 2020 Swagger spec plus a short, reasoned allowlist."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

SPEC_PATH = Path(__file__).with_name("specs") / "slack_web_openapi_v2_without_examples.json"

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass(frozen=True)
class MethodSpec:
    """What one Web API method accepts: param name -> Swagger type, the required names, content types."""

    name: str
    params: Mapping[str, str]
    required: frozenset[str]
    consumes: frozenset[str]


# Params newer than the 2020 spec that microcoach sends on purpose. name -> (type, what it is).
EXTRA_PARAMS: dict[str, dict[str, tuple[str, str]]] = {
    "chat.postMessage": {
        # Message metadata (2022): {"event_type", "event_payload"}; microcoach puts its delivery id here.
        "metadata": ("json", "message metadata"),
    },
    "chat.update": {
        "metadata": ("json", "message metadata, kept in step with the posted message"),
    },
    "conversations.history": {
        # Without it, history omits message metadata (2022).
        "include_all_metadata": ("boolean", "return message metadata in history"),
    },
}

# Methods newer than the 2020 spec. files.upload v1 was retired in favour of this pair (2024);
# slack_sdk's files_upload_v2 calls them, with an upload POST to the returned URL in between.
EXTRA_METHODS: dict[str, MethodSpec] = {
    "files.getUploadURLExternal": MethodSpec(
        name="files.getUploadURLExternal",
        params={"filename": "string", "length": "integer", "alt_txt": "string", "snippet_type": "string"},
        required=frozenset({"filename", "length"}),
        consumes=frozenset({FORM}),
    ),
    "files.completeUploadExternal": MethodSpec(
        name="files.completeUploadExternal",
        params={
            "files": "json",
            "channel_id": "string",
            "channels": "string",
            "initial_comment": "string",
            "thread_ts": "string",
            "blocks": "json",
        },
        required=frozenset({"files"}),
        consumes=frozenset({FORM}),
    ),
}

# Accepted on every method: slack_sdk adds `team_id` to every call of a client built with one,
# and Bolt builds each request's client with the event's team_id.
GLOBAL_PARAMS: dict[str, str] = {"team_id": "string"}

# Declared as "string" in the spec but sent as JSON arrays or objects in application/json bodies.
_STRUCTURED = frozenset({"blocks", "attachments", "view", "metadata", "files"})


@cache
def load_spec(path: Path = SPEC_PATH) -> dict[str, MethodSpec]:
    """Read the Swagger file once into method specs, allowlist applied."""
    swagger = json.loads(path.read_text(encoding="utf-8"))
    methods: dict[str, MethodSpec] = {}
    for route, operations in swagger["paths"].items():
        for operation in operations.values():
            methods[route.lstrip("/")] = _method_spec(route.lstrip("/"), operation)
    for name, extras in EXTRA_PARAMS.items():
        base = methods[name]
        params = {**base.params, **{p: kind for p, (kind, _why) in extras.items()}}
        methods[name] = MethodSpec(name, params, base.required, base.consumes)
    methods.update(EXTRA_METHODS)
    return methods


def _method_spec(name: str, operation: dict[str, Any]) -> MethodSpec:
    # The token is checked by the fake's auth, wherever it was sent, so it is not a param here.
    params = {p["name"]: p.get("type", "string") for p in operation["parameters"] if p["name"] != "token"}
    required = frozenset(p["name"] for p in operation["parameters"] if p.get("required") and p["name"] != "token")
    return MethodSpec(name, params, required, frozenset(operation.get("consumes", [FORM])))


def check_call(method: str, params: Mapping[str, Any], *, as_json: bool) -> list[str]:
    """Problems with one call, as readable strings; empty when the call is well formed."""
    spec = load_spec().get(method)
    if spec is None:
        return [f"{method}: not a method of the 2020 spec nor of the allowlist"]
    problems = [f"{method}: missing required param {name!r}" for name in sorted(spec.required - params.keys())]
    if as_json and JSON not in spec.consumes:
        problems.append(f"{method}: sent as JSON but the method only accepts form fields")
    for name, value in params.items():
        kind = spec.params.get(name) or GLOBAL_PARAMS.get(name)
        if kind is None:
            problems.append(f"{method}: undeclared param {name!r}")
        elif not _type_ok(name, kind, value):
            problems.append(f"{method}: param {name!r} should be {kind}, got {value!r}")
    return problems


def _type_ok(name: str, kind: str, value: Any) -> bool:
    if isinstance(value, (list, dict)):
        return kind == "json" or name in _STRUCTURED
    if kind == "integer":
        return _parses(int, value)
    if kind == "number":
        return _parses(float, value)
    if kind == "boolean":
        return isinstance(value, bool) or str(value).lower() in {"true", "false", "1", "0"}
    return isinstance(value, (str, bool, int, float))


def _parses(kind: type, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    try:
        kind(value)
    except (TypeError, ValueError):
        return False
    return True
