"""The console adapter: a demo workspace in the terminal, with seeded people, a movable clock and the real scheduler."""

from __future__ import annotations

import asyncio
import re
import shlex
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.console_sender import ConsoleSender
from bot.console_view import Inbox, find_button, show_reply
from bot.routing import plan
from handlers.checkin import dialogue as checkin
from handlers.core.context import member_zone
from handlers.core.parsing import parse_duration
from handlers.core.vocabulary import Actor, CoachingError, Incoming, OrgSettings, Reply
from handlers.dispatch import as_command, dispatch
from handlers.timing import due as planning
from handlers.timing.zones import zone_or_utc
from scheduler import jobs
from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.notify import notify
from scheduler.pacer import Pacer, PaceSettings
from scheduler.tick import tick
from store import Store

WORKSPACE = "demo"
STEP = timedelta(minutes=1)
HELP = """Console commands:
  plain text            a DM to the bot          /checkin, /coach, /nudge ...  slash commands
  :as NAME              be someone else ({people})
  :join HANDLE role=nurse department=ICU [name="Full Name"]   add a person to the workspace
  :press LABEL          press a button on your last message   :submit key=value ...  fill in the last form
  :advance 1d           move the clock (also 2h, 30m); the scheduler runs as time passes
  :dashboard            a dashboard sign-in link (admin, --web)   :time  :who  :help  :quit"""


class Console:
    def __init__(
        self,
        store: Store,
        now: datetime,
        out: TextIO,
        *,
        org: OrgSettings = OrgSettings(),
        files: Path = Path("microcoach-demo"),
    ) -> None:
        self.store, self.now, self.out, self.org, self.files = store, now, out, org, files
        self.people: dict[str, str] = {}  # handle -> user id
        self.admins: set[str] = set()
        self.profiles: dict[str, tuple[str, str | None]] = {}  # user id -> (name, zone), as a platform's directory
        self.current = ""
        self.inboxes: dict[str, Inbox] = defaultdict(Inbox)
        self.senders = {"console": ConsoleSender(self)}
        self.extra_commands: dict[str, Callable[[str], None]] = {}  # meta commands the demo adds (`:join`)
        self.deliverer = Deliverer(
            store,
            self.senders,
            Pacer(PaceSettings(start_rate=1000), clock=self._seconds),
            worker_id="console",
            clock=lambda: self.now,
            settings=DeliverySettings(concurrency=16),
            org=org,
        )

    def _seconds(self) -> float:
        return self.now.timestamp()

    # --- people and output ---------------------------------------------------------------------
    def add_person(
        self, handle: str, user_id: str, *, admin: bool = False, name: str = "", timezone: str | None = None
    ) -> None:
        self.people[handle] = user_id
        self.profiles[user_id] = (name, timezone)
        if admin:
            self.admins.add(user_id)
        self.current = self.current or handle

    def deliver(self, user_id: str, reply: Reply) -> None:
        inbox = self.inboxes[user_id]
        inbox.messages.append(reply)
        inbox.arrived.append(self.now)
        if user_id == self.people.get(self.current):
            self._print(reply, len(inbox.messages) - 1)
        else:
            inbox.unseen += 1

    def _print(self, reply: Reply, index: int) -> None:
        inbox = self.inboxes[self.people[self.current]]
        stamp = inbox.arrived[index].astimezone(self._zone()).strftime("%a %H:%M")
        saved = str(self._save(reply)) if reply.attachment is not None else None
        self.out.write(
            show_reply(
                reply, f"[{stamp}] microcoach -> {self.current}", saved_to=saved, pressable=index not in inbox.pressed
            )
        )

    def _save(self, reply: Reply) -> Path:
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / reply.attachment.filename
        path.write_bytes(reply.attachment.content)
        return path

    def _zone(self) -> ZoneInfo:
        member = self._member(self.current)
        if member is not None:
            return member_zone(member)
        return zone_or_utc(self.profiles.get(self.people.get(self.current, ""), ("", None))[1])

    def _member(self, handle: str):
        workspace = self.store.members.find_workspace("console", WORKSPACE)
        user_id = self.people.get(handle)
        return self.store.members.member_by_user(workspace.id, user_id) if workspace and user_id else None

    def say(self, text: str) -> None:
        self.out.write(text + "\n")

    # --- input ---------------------------------------------------------------------------------
    def handle(self, line: str) -> bool:
        """One line of input; False when the demo should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return self._meta(line)
        parsed = as_command(line) if line.startswith("/") else None
        if parsed is not None:
            self._dispatch(Incoming(self._actor(), "command", text=parsed[1], command=parsed[0]))
        else:
            self._dispatch(Incoming(self._actor(), "message", text=line))
        return True

    def _actor(self) -> Actor:
        user_id = self.people[self.current]
        if self._member(self.current) is not None:
            return Actor("console", WORKSPACE, user_id, is_admin=user_id in self.admins)
        # Someone new (or back after deleting their data): read their profile once, as Slack's users.info would.
        name, zone = self.profiles.get(user_id, ("", None))
        return Actor("console", WORKSPACE, user_id, display_name=name, timezone=zone, is_admin=user_id in self.admins)

    def _dispatch(self, incoming: Incoming) -> None:
        replies = dispatch(incoming, self.store, self.now, org=self.org)
        self._route(replies)

    def _route(self, replies: list[Reply]) -> None:
        workspace = self.store.members.find_workspace("console", WORKSPACE)
        actor = self.people[self.current]
        # The console has no group chats: an introduction is said to each person in their own chat.
        for step in plan(replies, actor=actor, forms=True, group_chats=False):
            if step.kind == "other":
                asyncio.run(notify(self.store, self.senders, workspace, step.reply))
            else:
                self.deliver(actor, step.reply)

    def _meta(self, line: str) -> bool:
        word, _, rest = line[1:].partition(" ")
        word, rest = word.lower(), rest.strip()
        if word in ("quit", "q", "exit"):
            return False
        handlers = {
            "as": self._switch,
            "press": self._press,
            "advance": self._advance,
            "submit": self._submit,
            "time": lambda _: self._show_time(),
            "who": lambda _: self._who(),
            "help": lambda _: self._help(),
            **self.extra_commands,
        }
        handler = handlers.get(word)
        if handler is None:
            self.say(f"`:{word}` is not a console command.\n{self._help_text()}")
            return True
        try:
            handler(rest)
        except CoachingError as problem:
            self.say(problem.message())
        return True

    def _help_text(self) -> str:
        return HELP.format(people=", ".join(self.people))

    def _help(self) -> None:
        self.say(self._help_text())

    def _who(self) -> None:
        self.say("People: " + ", ".join(f"{h}{' (you)' if h == self.current else ''}" for h in self.people))

    def _show_time(self) -> None:
        self.say(f"It is {self.now.astimezone(self._zone()):%A %d %B %Y, %H:%M %Z}.")

    def _switch(self, name: str) -> None:
        handle = name.lstrip("@").lower()
        if handle not in self.people:
            raise CoachingError(f"There is no {name or 'one'} here. People: {', '.join(self.people)}.", ":as dr.patel")
        self.current = handle
        inbox = self.inboxes[self.people[handle]]
        self.say(f"You are now {handle}." + (f" {inbox.unseen} new message(s):" if inbox.unseen else ""))
        start = len(inbox.messages) - inbox.unseen
        for index in range(start, len(inbox.messages)):
            self._print(inbox.messages[index], index)
        inbox.unseen = 0

    def _press(self, label: str) -> None:
        inbox = self.inboxes[self.people[self.current]]
        for index in range(len(inbox.messages) - 1, -1, -1):
            reply = inbox.messages[index]
            if not reply.buttons or index in inbox.pressed:
                continue
            button = find_button(reply, label)
            if button is None:
                labels = ", ".join(b.label for b in reply.buttons)
                raise CoachingError(
                    f"There is no button '{label}' on your last message. Buttons: {labels}.",
                    f":press {reply.buttons[0].label}",
                )
            inbox.pressed.add(index)  # the same message cannot be pressed twice, as in Slack and Teams
            self.say(f"  (you pressed [{button.label}])")
            self._dispatch(Incoming(self._actor(), "action", action=button.action))
            return
        raise CoachingError("None of your messages has buttons to press right now.", ":press Accept")

    def _submit(self, rest: str) -> None:
        inbox = self.inboxes[self.people[self.current]]
        form = next((r.form for r in reversed(inbox.messages) if r.form is not None), None)
        if form is None:
            raise CoachingError("There is no form to fill in. `/checkin settings` opens one.", ":submit time=07:30")
        try:
            pairs = [w.partition("=") for w in shlex.split(rest)]
        except ValueError:
            raise CoachingError("A quote is not closed.", ':submit topic="nights"') from None
        values = {k: v for k, sep, v in pairs if sep}
        self._dispatch(Incoming(self._actor(), "form", action=form.form_id, values=MappingProxyType(values)))

    def _advance(self, text: str) -> None:
        span = (
            parse_duration(text or "1d", ":advance 1d", most=timedelta(days=60))
            if not _is_minutes(text)
            else timedelta(minutes=int(text.rstrip("m")))
        )
        target = self.now + span
        while self.now < target:
            self.now = min(target, max(self.now + STEP, self._next_moment()))
            self.run_scheduler()
        self._show_time()

    def _next_moment(self) -> datetime:
        """The next time anything can happen (a check-in, a due row, a quiet close, an offer running out).

        The clock jumps there instead of stepping minute by minute, so a week passes in moments.
        """
        moments = [
            self.store.outbox.next_due_at(),
            self.store.checkins.next_quiet_close(checkin.IDLE_CLOSE),
            self.store.coaching.next_offer_expiry(),
        ]
        workspace = self.store.members.find_workspace("console", WORKSPACE)
        for member in self.store.members.all(workspace.id):
            moments.append(planning.next_checkin(self.store, workspace, member, self.now))
        upcoming = [m for m in moments if m is not None and m > self.now]
        return min(upcoming, default=self.now + timedelta(days=365))

    def run_scheduler(self) -> None:
        """What the worker does in production, run at the demo clock's time."""
        jobs.close_idle_checkins(self.store, self.now)
        if tick(self.store, self.now).created or self.store.outbox.next_due_at() is not None:
            asyncio.run(self._deliver_due())
        for workspace, reply in jobs.expire_coach_offers(self.store, self.now, self.org):
            asyncio.run(notify(self.store, self.senders, workspace, reply))

    async def _deliver_due(self) -> None:
        while await self.deliverer.run_once():
            pass


def _is_minutes(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9]{1,4}m", text.strip()))
