"""Replies and forms as Block Kit: messages, modals, the App Home view, and modal state back into form values."""

from __future__ import annotations

from bot.markup import button_rows
from handlers.core.vocabulary import Button, Form, FormField, Reply

SECTION_LIMIT = 3000  # characters of mrkdwn in one section block
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
BUTTON_TEXT = 75
ACTIONS_PER_BLOCK = 25
FORM_PREFIX = "mc:"


def text_blocks(text: str, prefix: str = "mc-text") -> list[dict]:
    """Sections of at most 3,000 characters, split at line ends where possible."""
    blocks, chunk = [], ""
    for line in text.splitlines() or [""]:
        while len(line) > SECTION_LIMIT:
            blocks.append(line[:SECTION_LIMIT])
            line = line[SECTION_LIMIT:]
        if len(chunk) + len(line) + 1 > SECTION_LIMIT:
            blocks.append(chunk)
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    blocks.append(chunk)
    return [
        {"type": "section", "block_id": f"{prefix}-{i}", "text": {"type": "mrkdwn", "text": part or " "}}
        for i, part in enumerate(blocks)
        if part.strip()
    ] or []


def button_element(button: Button) -> dict:
    element = {
        "type": "button",
        "action_id": button.action,
        "value": button.action,
        "text": {"type": "plain_text", "text": button.label[:BUTTON_TEXT], "emoji": True},
    }
    if button.style:
        element["style"] = button.style
    return element


def action_blocks(buttons: tuple[Button, ...], prefix: str = "mc-actions") -> list[dict]:
    """One actions block per button row, as the handler grouped them."""
    return [
        {
            "type": "actions",
            "block_id": f"{prefix}-{group[0].row}",
            "elements": [button_element(b) for b in group[:ACTIONS_PER_BLOCK]],
        }
        for group in button_rows(buttons)
    ]


def message_blocks(reply: Reply) -> list[dict]:
    blocks = text_blocks(reply.text) + action_blocks(reply.buttons)
    if len(blocks) > MESSAGE_BLOCKS:  # keep the buttons; trim text sections from the end
        actions = [b for b in blocks if b["type"] == "actions"]
        blocks = [b for b in blocks if b["type"] != "actions"][: MESSAGE_BLOCKS - len(actions)] + actions
    return blocks


def pressed_blocks(blocks: list[dict], label: str) -> list[dict]:
    """The message after a press: buttons gone, the choice shown, so it cannot be pressed twice."""
    kept = [b for b in blocks if b.get("type") != "actions"]
    note = {
        "type": "context",
        "block_id": "mc-pressed",
        "elements": [{"type": "mrkdwn", "text": f":white_check_mark: *{escape_label(label)}*"}],
    }
    return [*kept, note][:MESSAGE_BLOCKS]


def escape_label(label: str) -> str:
    return label.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def home_view(replies: list[Reply]) -> dict:
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": "microcoach"}}]
    for index, reply in enumerate(replies):
        if index:
            blocks.append({"type": "divider"})
        blocks += text_blocks(reply.text, f"mc-home-{index}") + action_blocks(reply.buttons, f"mc-home-actions-{index}")
    return {"type": "home", "blocks": blocks[:VIEW_BLOCKS]}


def modal_view(form: Form, metadata: str = "") -> dict:
    """A modal for the form; each input's block id and action id are the field's name."""
    return {
        "type": "modal",
        "callback_id": FORM_PREFIX + form.form_id,
        "private_metadata": metadata[:3000],
        "title": {"type": "plain_text", "text": form.title[:24]},
        "submit": {"type": "plain_text", "text": form.submit_label[:24]},
        "close": {"type": "plain_text", "text": form.cancel_label[:24]},
        "blocks": [_input_block(f) for f in form.fields][:VIEW_BLOCKS],
    }


def _input_block(field: FormField) -> dict:
    block = {
        "type": "input",
        "block_id": field.name,
        "optional": field.optional,
        "label": {"type": "plain_text", "text": field.label[:2000]},
        "element": _element(field),
    }
    if field.hint:
        block["hint"] = {"type": "plain_text", "text": field.hint[:2000]}
    return block


def _option(value: str, label: str) -> dict:
    return {"text": {"type": "plain_text", "text": label[:75] or " "}, "value": value or "-"}


def _element(field: FormField) -> dict:
    kind, base = field.kind, {"action_id": field.name}
    initial = field.initial
    if kind in ("text", "long_text"):
        element = {**base, "type": "plain_text_input", "multiline": kind == "long_text"}
        if isinstance(initial, str) and initial:
            element["initial_value"] = initial
        return element
    if kind == "time":
        return {**base, "type": "timepicker", **({"initial_time": initial} if initial else {})}
    if kind == "channel":
        return {**base, "type": "conversations_select", "filter": {"include": ["public", "private"]}}
    if kind == "people":
        return {**base, "type": "multi_users_select"}
    options = [_option(o.value, o.label) for o in field.options][:100]
    chosen = {initial} if isinstance(initial, str) else set(initial or ())
    picked = [o for o in options if o["value"] in chosen or (o["value"] == "-" and "" in chosen)]
    element = {
        **base,
        "type": {"select": "static_select", "multi_select": "multi_static_select", "checkboxes": "checkboxes"}[kind],
        "options": options,
    }
    if picked:
        key = "initial_option" if kind == "select" else "initial_options"
        element[key] = picked[0] if kind == "select" else picked
    return element


def form_values(state: dict) -> dict[str, str]:
    """Modal state back into plain strings; several choices are joined with commas."""
    values: dict[str, str] = {}
    for block_id, actions in (state.get("values") or {}).items():
        for element in actions.values():
            values[block_id] = _element_value(element)
    return values


def _element_value(element: dict) -> str:
    kind = element.get("type")
    if kind == "plain_text_input":
        return element.get("value") or ""
    if kind == "timepicker":
        return element.get("selected_time") or ""
    if kind == "static_select":
        value = (element.get("selected_option") or {}).get("value", "")
        return "" if value == "-" else value
    if kind in ("multi_static_select", "checkboxes"):
        return ",".join(o["value"] for o in element.get("selected_options") or [] if o["value"] != "-")
    if kind == "conversations_select":
        return element.get("selected_conversation") or ""
    if kind == "multi_users_select":
        return ",".join(element.get("selected_users") or [])
    return ""
