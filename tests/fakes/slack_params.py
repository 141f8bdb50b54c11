"""Typed reads of a Slack Web API call's params, and Slack-style cursor paging."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tests.fakes.slack_state import SlackError, decode_cursor, encode_cursor


class Params:
    """Typed reads of one call's params, which arrive as form strings or as JSON values."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw

    def text(self, name: str) -> str | None:
        value = self.raw.get(name)
        return None if value is None else str(value)

    def required(self, name: str, error: str = "invalid_arguments") -> str:
        value = self.text(name)
        if not value:
            raise SlackError(error)
        return value

    def flag(self, name: str) -> bool:
        return str(self.raw.get(name, "")).lower() in {"true", "1"}

    def integer(self, name: str, default: int, *, error: str = "invalid_limit") -> int:
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SlackError(error) from None

    def structured(self, name: str, error: str) -> Any:
        """A JSON value: as sent in a JSON body, or decoded from a form field's JSON string."""
        value = self.raw.get(name)
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise SlackError(error) from None
        return value


def page(items: list[Any], params: Params, *, default: int, most: int) -> tuple[list[Any], str]:
    """One cursor page of items and the next cursor ("" at the end), the way Slack pages."""
    limit = params.integer("limit", default)
    if limit < 0:
        raise SlackError("invalid_limit")
    limit = min(limit or most, most)
    cursor = params.text("cursor")
    start = decode_cursor(cursor) if cursor else 0
    end = start + limit
    return items[start:end], encode_cursor(end) if end < len(items) else ""
