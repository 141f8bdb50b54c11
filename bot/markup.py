"""The shared chat markup every adapter reads: escaped characters, *bold* and _italic_ spans, and button rows."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handlers.core.vocabulary import Button

# Slack-style emphasis as prompts and handlers write it: a span that is not inside a word.
BOLD = re.compile(r"(?<![\w*])\*(\S[^*\n]*?)\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(\S[^_\n]*?)_(?![\w_])")
EMPHASIS = re.compile(f"{BOLD.pattern}|{ITALIC.pattern}")


def unescape(text: str) -> str:
    """Slack's escapes of &, < and > turned back (in what people type, and in replies shown outside Slack)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def bold_as(text: str, marker: str) -> str:
    """Each *bold* span between `marker`s instead: "**" for Teams markdown, "" for plain text."""
    return BOLD.sub(lambda m: f"{marker}{m.group(1)}{marker}", text)


def emphasis_as_plain(text: str) -> str:
    """*bold* and _italic_ spans as their bare words (one pass, so a span inside another keeps its marks)."""
    return EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def button_rows(buttons: Iterable[Button]) -> list[tuple[Button, ...]]:
    """The buttons as the handler grouped them (`Button.row`), rows in order, buttons in their order."""
    rows: dict[int, list[Button]] = {}
    for button in buttons:
        rows.setdefault(button.row, []).append(button)
    return [tuple(group) for _, group in sorted(rows.items())]
