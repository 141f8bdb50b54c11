"""What the bot says, as data: `render(name, **values)` fills a template from messages.yaml.

English is prompts/data/messages.yaml; any other language is prompts/data/<lang>/messages.yaml, and a key
that catalogue lacks falls back to English (so a partly translated language still says everything).
The language is the one named, else the one `speaking(language)` set for the request being answered (as
Django's translation.override does): every message of one reply then comes out in the member's language
without each caller passing it along.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
MESSAGES_FILE = DATA_DIR / "messages.yaml"
# A ContextVar, not a global: each thread and each asyncio task sees only the language its own request set.
_SPEAKING: ContextVar[str] = ContextVar("microcoach_language", default="en")


@contextmanager
def speaking(language: str) -> Iterator[str]:
    """Within this block, render() without a `language` speaks `language` ("en", "es")."""
    token = _SPEAKING.set(language)
    try:
        yield language
    finally:
        _SPEAKING.reset(token)


def current_language() -> str:
    """The language set by the innermost speaking() block, else English."""
    return _SPEAKING.get()


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


@lru_cache(maxsize=8)
def messages(language: str = "en") -> dict[str, str | list[str]]:
    """The catalogue of one language; empty for a language with none (every key then falls back)."""
    path = MESSAGES_FILE if language == "en" else DATA_DIR / language / "messages.yaml"
    if language != "en" and (not language.isalpha() or not path.is_file()):
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def render(message: str, /, variant: int = 0, *, language: str | None = None, **values: object) -> Safe:
    """The message named `message` filled with escaped `values`; list messages pick variant `variant` (wrapping).

    `language` picks the catalogue ("es": prompts/data/es/messages.yaml; default: current_language());
    English fills any gap.
    """
    template = _template(message, language or current_language())
    if isinstance(template, list):
        template = template[variant % len(template)]
    try:
        # The result is markup already, so putting it inside another message does not escape it twice.
        return Safe(template.format(**{key: escape(value) for key, value in values.items()}))
    except KeyError as exc:
        raise KeyError(f"message {message!r} needs a value for {exc.args[0]!r}") from None


def _template(message: str, language: str) -> str | list[str]:
    own = messages(language).get(message) if language != "en" else None
    if own is not None:
        return own
    try:
        return messages()[message]
    except KeyError:
        raise KeyError(f"no message named {message!r} in {MESSAGES_FILE.name}") from None


def variants(name: str, language: str | None = None) -> int:
    template = _template(name, language or current_language())
    return len(template) if isinstance(template, list) else 1
