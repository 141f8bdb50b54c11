"""What the bot says, as data: `render(name, **values)` fills a template from messages.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

MESSAGES_FILE = Path(__file__).parent / "data" / "messages.yaml"


class Safe(str):
    """Text that is already chat markup (a mention such as <@U123>): render does not escape it."""


def escape(text: object) -> str:
    """Make someone's own words inert in chat markup: &, < and > (Slack's rule), and markdown links (Teams).

    Every adapter reads message text as this escaped markup; Teams and the console unescape it.
    """
    if isinstance(text, Safe):
        return text
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Teams renders markdown: "[notes](http://...)" in someone's topic or department would become a link hiding
    # its address. An invisible space between "]" and "(" keeps the words and breaks the link.
    return escaped.replace("](", "]\u200b(")


@lru_cache(maxsize=1)
def messages() -> dict[str, str | list[str]]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def render(message: str, /, variant: int = 0, **values: object) -> Safe:
    """The message named `message` filled with escaped `values`; list messages pick variant `variant` (wrapping)."""
    try:
        template = messages()[message]
    except KeyError:
        raise KeyError(f"no message named {message!r} in {MESSAGES_FILE.name}") from None
    if isinstance(template, list):
        template = template[variant % len(template)]
    try:
        # The result is markup already, so putting it inside another message does not escape it twice.
        return Safe(template.format(**{key: escape(value) for key, value in values.items()}))
    except KeyError as exc:
        raise KeyError(f"message {message!r} needs a value for {exc.args[0]!r}") from None


def variants(name: str) -> int:
    template = messages()[name]
    return len(template) if isinstance(template, list) else 1
