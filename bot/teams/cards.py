"""Replies as Teams messages: markdown text, Adaptive Cards with Action.Submit buttons, and forms with inputs."""

from __future__ import annotations

import base64
import re

from botbuilder.core import CardFactory, MessageFactory
from botbuilder.schema import Activity, Attachment

from bot.markup import bold_as, button_rows, unescape
from handlers.core.vocabulary import Form, FormField, Reply

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CARD_VERSION = "1.5"
CARD_KEY = "mc_card"  # a press carries the card's random key (see card_memory), never its words
MENTION = re.compile(r"<@([^>|]+)(?:\|[^>]*)?>")


def markdown(text: str) -> str:
    """The shared chat markup as Teams markdown: *bold* becomes **bold**, escaped characters come back."""
    return unescape(bold_as(text, "**"))


def message_text(text: str) -> str:
    """Teams joins single line breaks in markdown messages: blank lines keep each line its own (not in ``` blocks)."""
    out, in_code = [], False
    for line in markdown(text).splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
        out.append(line)
        if not in_code:
            out.append("")
    return "\n".join(out).strip()


def to_activity(reply: Reply, card_key: str | None = None) -> Activity:
    """One reply as a Teams activity: a card for a form or buttons (named by `card_key`), a file, or markdown text."""
    if card_key and (reply.form is not None or reply.buttons):
        card = form_card(reply.form, card_key) if reply.form is not None else reply_card(reply, card_key)
        activity = MessageFactory.attachment(CardFactory.adaptive_card(card))
        activity.summary = (reply.form.title if reply.form is not None else reply.text)[:100]  # notifications show it
    elif reply.attachment is not None:
        file = reply.attachment
        attachment = Attachment(content_type=file.mime_type, content_url=data_url(file.content, file.mime_type),
                                name=file.filename)  # fmt: skip
        activity = MessageFactory.attachment(attachment, text=message_text(reply.text))
    else:
        activity = MessageFactory.text(message_text(reply.text))
    activity.text_format = "markdown"
    return activity


def _text_block(text: str, **extra) -> dict:
    return {"type": "TextBlock", "text": markdown(text), "wrap": True, **extra}


def _text_blocks(text: str) -> list[dict]:
    """One block per line: card renderers differ on single line breaks, separate blocks never do."""
    lines = [line for line in text.splitlines() if line.strip()] or [" "]
    return [_text_block(line, spacing="Small") for line in lines]


def reply_card(reply: Reply, card_key: str) -> dict:
    """A card for a reply with buttons: one action set per button row; each press names the card by its key."""
    body: list[dict] = _text_blocks(reply.text)
    for group in button_rows(reply.buttons):
        body.append({"type": "ActionSet", "actions": [
            {"type": "Action.Submit", "title": b.label, **({"style": "positive" if b.style == "primary" else
                                                              "destructive"} if b.style else {}),
             "data": {"mc_action": b.action, CARD_KEY: card_key}}
            for b in group]})  # fmt: skip
    return _card(body)


def pressed_card(card_text: str, label: str) -> dict:
    """The card after a press: the same words, the choice shown, no buttons left to press again."""
    return _card([*_text_blocks(card_text), _text_block(f"✓ **{label}**", isSubtle=True, spacing="Medium")])


def form_card(form: Form, card_key: str) -> dict:
    body = [_text_block(f"**{form.title}**", size="Medium")]
    for field in form.fields:
        body.append(_input(field))
    submit = {"type": "Action.Submit", "title": form.submit_label, "style": "positive",
              "data": {"mc_form": form.form_id, CARD_KEY: card_key}}  # fmt: skip
    return _card(body, actions=[submit])


def submitted_card(title: str) -> dict:
    return _card([_text_block(f"**{title}**"), _text_block("✓", isSubtle=True)])


def _input(field: FormField) -> dict:
    base = {"id": field.name, "label": field.label, "isRequired": not field.optional}
    if field.hint:
        base["placeholder"] = field.hint
    initial = field.initial
    if field.kind in ("select", "multi_select", "checkboxes"):
        value = initial if isinstance(initial, str) else ",".join(initial or ())
        return {**base, "type": "Input.ChoiceSet", "isMultiSelect": field.kind != "select",
                "style": "expanded" if field.kind == "checkboxes" else "compact", "value": value,
                "choices": [{"title": o.label, "value": o.value} for o in field.options]}  # fmt: skip
    if field.kind == "time":
        return {**base, "type": "Input.Time", **({"value": initial} if initial else {})}
    return {**base, "type": "Input.Text", "isMultiline": field.kind == "long_text",
            **({"value": initial} if isinstance(initial, str) and initial else {})}  # fmt: skip


def _card(body: list[dict], actions: list[dict] | None = None) -> dict:
    card = {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "body": body}
    if actions:
        card["actions"] = actions
    return card


def data_url(content: bytes, mime_type: str) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def form_values(value: dict) -> dict[str, str]:
    """What a submitted card sent back, minus our own keys; choice sets already arrive comma-joined."""
    return {k: "" if v is None else str(v) for k, v in value.items() if not k.startswith("mc_")}
