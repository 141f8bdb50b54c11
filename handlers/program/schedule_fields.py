"""A nudge schedule read from named fields (chat's form, the dashboard's form): each field checked on its own.

Chat stops at the first problem; the dashboard shows every problem beside its field. Both get the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from handlers.core.context import Ctx
from handlers.core.parsing import split_args
from handlers.core.vocabulary import CoachingError
from handlers.program import audience
from handlers.timing.recurrence import format_days, parse_days, parse_time, parse_zone
from prompts.library import load_library

ADD_EXAMPLE = '/nudge add weekdays 08:30 local to everyone theme=rest name="Morning check-in"'
FIELDS = ("name", "days", "time", "zone", "audience", "theme")
NAME_MAX = 100


@dataclass(frozen=True)
class ScheduleFields:
    """A schedule's settings, every one checked: what add and edit save."""

    name: str
    days: tuple[str, ...]
    at: time
    zone: str | None  # None: each member's own zone
    kind: str
    targets: list
    theme: str | None

    def as_columns(self) -> dict:
        """The store's columns for these settings; an empty name becomes the days and time."""
        return {
            "name": self.name[:NAME_MAX] or f"{format_days(self.days)} {self.at:%H:%M}",
            "days": ",".join(self.days),
            "local_time": f"{self.at:%H:%M}",
            "timezone": self.zone,
            "audience_kind": self.kind,
            "audience": self.targets,
            "theme": self.theme,
        }


def read(ctx: Ctx, values: dict) -> tuple[ScheduleFields | None, dict[str, CoachingError]]:
    """The fields as a schedule, or None and each field's problem (in form order)."""
    checks = {
        "days": lambda: parse_days(values.get("days") or "", example=ADD_EXAMPLE),
        "time": lambda: parse_time(values.get("time") or "", example=ADD_EXAMPLE),
        "zone": lambda: zone(values.get("zone")),
        "audience": lambda: audience.parse(ctx, audience_words(values), ADD_EXAMPLE),
        "theme": lambda: theme(values.get("theme")),
    }
    read_: dict = {}
    problems: dict[str, CoachingError] = {}
    for name, check in checks.items():
        try:
            read_[name] = check()
        except CoachingError as problem:
            problems[name] = problem
    if problems:
        return None, problems
    kind, targets = read_["audience"]
    name = (values.get("name") or "").strip()
    return ScheduleFields(name, read_["days"], read_["time"], read_["zone"], kind, targets, read_["theme"]), {}


def read_or_raise(ctx: Ctx, values: dict) -> ScheduleFields:
    """Chat's way: the first problem is the answer."""
    fields, problems = read(ctx, values)
    if problems:
        raise next(iter(problems.values()))
    return fields


def zone(value: str | None) -> str | None:
    text = (value or "local").strip()
    return None if text.lower() in ("local", "") else parse_zone(text, example=ADD_EXAMPLE).key


def theme(value: str | None) -> str | None:
    if not value:
        return None
    themes = load_library().themes
    if value.lower() not in themes:
        raise CoachingError(f"'{value}' is not a theme. Themes: {', '.join(themes)}.", ADD_EXAMPLE)
    return value.lower()


def audience_words(values: dict) -> list[str]:
    """The form's audience as the words `/nudge add ... to` takes (ids from a picker become mentions)."""
    choice = (values.get("audience") or "everyone").strip().lower()
    if choice == "channel":
        channel = (values.get("channel") or "").strip()
        if not channel:
            raise CoachingError("Choose the channel whose members get these check-ins.", ADD_EXAMPLE)
        return [channel if channel.startswith(("#", "<")) else f"<#{channel}>"]
    if choice == "people":
        people = (values.get("people") or "").replace(",", " ").split()
        if not people:
            raise CoachingError("Choose at least one person.", ADD_EXAMPLE)
        return [p if p.startswith(("@", "<")) else f"<@{p}>" for p in people]
    if choice != "everyone":
        return split_args(values.get("audience") or "", ADD_EXAMPLE)  # typed as words: "#icu", "@dr.lee"
    return ["everyone"]
