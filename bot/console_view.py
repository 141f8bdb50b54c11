"""How the console shows things: inboxes, a reply as terminal text, forms as usage hints, and finding a button."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.markup import emphasis_as_plain, unescape
from handlers.core.vocabulary import Form, Reply


@dataclass
class Inbox:
    """What one person has been sent, and what they have not looked at yet."""

    messages: list[Reply] = field(default_factory=list)
    arrived: list[datetime] = field(default_factory=list)
    unseen: int = 0
    pressed: set[int] = field(default_factory=set)


def plain(text: str) -> str:
    """Slack-style *bold*, _italic_ and ``` fences as plain terminal text; escaped characters come back."""
    lines = [line for line in text.splitlines() if line.strip() != "```"]
    return unescape(emphasis_as_plain("\n".join(lines)))


def show_reply(reply: Reply, header: str, *, saved_to: str | None, pressable: bool) -> str:
    """A reply as the terminal shows it: who and when, the words, a form, a file, the buttons to press."""
    lines = ["", header, *(f"  {line}" for line in plain(reply.text).splitlines())]
    if reply.form is not None:
        lines += show_form(reply.form)
    if saved_to is not None:
        lines.append(f"  (file saved: {saved_to})")
    if reply.buttons and pressable:
        lines += ["  " + "  ".join(f"[{b.label}]" for b in reply.buttons), "  (type :press LABEL)"]
    return "\n".join(lines) + "\n"


def show_form(form: Form) -> list[str]:
    lines = [f"  Form: {form.title}"]
    for f in form.fields:
        options = f" ({', '.join(o.value for o in f.options if o.value)})" if f.options else ""
        lines.append(f"    {f.name}{'' if f.optional else '*'}: {f.label}{options}")
    return [*lines, "  Fill it in with :submit name=value ... or in one line:", f"    {form.inline_example}"]


def find_button(reply: Reply, label: str):
    """The button whose label matches, ignoring case and punctuation; a unique prefix is enough."""
    wanted = _letters(label)
    for button in reply.buttons:
        if _letters(button.label) == wanted:
            return button
    matches = [b for b in reply.buttons if _letters(b.label).startswith(wanted)] if wanted else []
    return matches[0] if len(matches) == 1 else None


def _letters(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
