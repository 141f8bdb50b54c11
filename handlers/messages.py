"""The neutral vocabulary every adapter speaks: who said what, and what the bot says back."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

Platform = Literal["slack", "teams", "console"]
IncomingKind = Literal["command", "message", "action", "form", "home", "install"]
ButtonStyle = Literal["primary", "danger"] | None
FieldKind = Literal["text", "long_text", "select", "multi_select", "checkboxes", "time", "people", "channel"]


@dataclass(frozen=True)
class Actor:
    """The person behind an inbound event, as the adapter knows them."""

    platform: Platform
    workspace: str  # Slack team id, Teams tenant id, or "demo"
    user_id: str  # the platform's own user id
    display_name: str = ""
    timezone: str | None = None  # IANA zone when the platform tells us
    is_admin: bool = False  # a program admin, decided at the edge for this request (Settings.program_admin)
    locale: str | None = None  # the chat app's locale ("es-ES", "es-419", "en-US"), when it tells us
    aad_object_id: str | None = None  # Teams: the Entra ID object id (MICROCOACH_ADMINS names these)


@dataclass(frozen=True)
class Incoming:
    """One thing a person did: a slash command, a DM, a button press or a form submission.

    `command` is the slash command without its slash (`coach`, `checkin`, `nudge`) for kind
    `command`; `text` is the command's arguments or the message text; `action` is the pressed
    button's action id or the submitted form's id; `values` holds form inputs.
    `in_channel` is true when it was said in a shared channel rather than a 1:1 chat.
    """

    actor: Actor
    kind: IncomingKind
    text: str = ""
    command: str = ""
    action: str = ""
    values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    in_channel: bool = False

    def texts(self) -> list[str]:
        """Every piece of free text in this event, for the crisis check."""
        found = [self.text] if self.text else []
        for value in self.values.values():
            if isinstance(value, str) and value:
                found.append(value)
        return found


@dataclass(frozen=True)
class Button:
    """A button under a reply; pressing it comes back as an `action` Incoming with `action`."""

    label: str
    action: str
    style: ButtonStyle = None
    row: int = 0  # buttons with the same row are shown together (Slack actions block, card action set)


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One input of a form; adapters render it as a modal block or an Adaptive Card input."""

    name: str
    label: str
    kind: FieldKind = "text"
    options: tuple[Option, ...] = ()
    optional: bool = False
    initial: str | tuple[str, ...] | None = None
    hint: str = ""


@dataclass(frozen=True)
class Form:
    """A form to open (Slack modal, Teams card with inputs, console usage hint)."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str = "Submit"
    inline_example: str = ""  # the equivalent one-line command, for the console and for help


@dataclass(frozen=True)
class Attachment:
    """A file for the person: an export or a chart."""

    filename: str
    content: bytes
    mime_type: str
    title: str = ""


@dataclass(frozen=True)
class Reply:
    """Something the bot says.

    `to` is None for the person who acted; otherwise the platform user id of someone else in the
    same workspace (a coach's offer, an introduction), delivered as a DM. `intro_with` asks the
    adapter to open a group conversation with these user ids (Slack group DM) for introductions;
    where the platform has none (Teams, the console), each of them gets `intro_alone` in their own chat.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    to: str | None = None
    form: Form | None = None
    attachment: Attachment | None = None
    intro_with: tuple[str, ...] = ()
    intro_alone: str = ""
    delivery_id: int | None = None  # set on scheduled check-ins; adapters attach it as metadata
    error: bool = False  # an expected problem with what was sent (a form shows it inline)


@dataclass(frozen=True)
class OrgSettings:
    """Organisation-wide settings the edge reads from config; a workspace's own settings override them."""

    crisis_line: str = ""  # the organisation's own crisis or urgent-support line, if any
    support_line: str = ""  # peer-support or EAP line, offered when no coach is free
    offer_timeout_hours: int = 24
    retention_days: int = 90
    public_url: str = ""  # MICROCOACH_PUBLIC_URL: where the dashboard is reached (its sign-in links start with it)


class CoachingError(Exception):
    """An expected problem to show the person: what was wrong, and a correct example."""

    def __init__(self, reason: str, example: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.example = example

    def message(self) -> str:
        if not self.example:
            return self.reason
        return f"{self.reason}\nFor example: `{self.example}`"
