"""Conversation tables for handler tests: [(said, expected), ...] against a real store at a fixed time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType

from handlers.core.vocabulary import Actor, Incoming, OrgSettings, Reply
from handlers.dispatch import as_command, dispatch
from store import Store

ZONE = "America/New_York"


@dataclass
class Person:
    handle: str
    name: str
    role: str | None = None
    department: str | None = None
    admin: bool = False


@dataclass
class Dialog:
    """A workspace with people who can say things, press buttons and submit forms."""

    store: Store
    now: datetime
    platform: str = "console"
    workspace: str = "demo"
    org: OrgSettings = field(default_factory=OrgSettings)
    as_: str = "dr.lee"
    people: dict[str, Person] = field(default_factory=dict)
    last: list[Reply] = field(default_factory=list)
    locale: str | None = None  # the chat app's locale the actor reports

    def add(self, handle: str, name: str, *, role=None, department=None, admin=False, zone=ZONE) -> int:
        self.people[handle] = Person(handle, name, role, department, admin)
        ws = self.store.members.ensure_workspace(self.platform, self.workspace, self.now)
        member = self.store.members.ensure_member(
            ws.id,
            handle,
            self.now,
            handle=handle,
            display_name=name,
            timezone=zone,
            role=role,
            department=department,
            welcomed=True,
        )
        return member.id

    @property
    def ws_id(self) -> int:
        return self.store.members.find_workspace(self.platform, self.workspace).id

    def member(self, handle: str | None = None):
        return self.store.members.member_by_user(self.ws_id, handle or self.as_)

    def actor(self) -> Actor:
        person = self.people.get(self.as_)
        return Actor(
            self.platform, self.workspace, self.as_, is_admin=bool(person and person.admin), locale=self.locale
        )

    def say(self, said: str, **values) -> list[Reply]:
        """`/cmd args` is a slash command, `!action:id` a button press, `form:ID` a form, anything else a DM."""
        if said.startswith("!"):
            incoming = Incoming(self.actor(), "action", action=said[1:])
        elif said.startswith("form:"):
            incoming = Incoming(self.actor(), "form", action=said[5:], values=MappingProxyType(values))
        elif said.startswith("/"):
            command, args = as_command(said)
            incoming = Incoming(self.actor(), "command", text=args, command=command)
        else:
            incoming = Incoming(self.actor(), "message", text=said)
        self.last = dispatch(incoming, self.store, self.now, org=self.org)
        return self.last

    def text(self, replies: list[Reply] | None = None, *, to: str | None = None) -> str:
        """The replies' text meant for `to` (None: the person who acted)."""
        return "\n".join(r.text for r in (self.last if replies is None else replies) if r.to == to)

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)

    def buttons(self) -> list[str]:
        return [b.action for r in self.last for b in r.buttons]


Row = tuple[str, str | tuple[str, ...]] | tuple[str, str, dict[str | None, tuple[str, ...]]]


def verify_dialog(dialog: Dialog, table: list[Row]) -> None:
    """A conversation as a table; every row's replies must contain each expected fragment (case-insensitive).

    A row is (what is said, fragments) for the current person, or (who acts, what they say or press,
    {reader: fragments}) when several people take part; reader None is the actor themself. A fragment starting
    with `!` must not appear.
    """
    for row in table:
        if len(row) == 3:
            who, said, expected = row
            dialog.as_ = who
        else:
            (said, fragments), who = row, dialog.as_
            expected = {None: (fragments,) if isinstance(fragments, str) else fragments}
        replies = dialog.say(said)
        for reader, wanted in expected.items():
            seen = dialog.text(replies, to=reader).lower()
            for fragment in wanted:
                where = f"{who} {said!r} -> {reader or who}"
                if fragment.startswith("!"):
                    assert fragment[1:].lower() not in seen, f"{where} should not see {fragment[1:]!r}:\n{seen}"
                else:
                    assert fragment.lower() in seen, f"{where} expected {fragment!r} in:\n{seen}"
