"""Everything a handler needs about one inbound event, resolved once by dispatch."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from handlers.core.vocabulary import Incoming, OrgSettings
from handlers.timing.zones import zone_or_utc
from store import Store
from store.models import Member, Workspace

DEFAULT_QUIET = ("21:00", "07:00")
LANGUAGES = ("en", "es")  # a third language adds itself here, with its catalogue and library (see README)


@dataclass(frozen=True)
class Ctx:
    incoming: Incoming
    store: Store
    now: datetime
    workspace: Workspace
    member: Member
    org: OrgSettings

    @property
    def ws_id(self) -> int:
        return self.workspace.id

    @property
    def is_admin(self) -> bool:
        """Decided by the adapter for this request (bot.config's rule), never remembered from an earlier one."""
        return self.incoming.actor.is_admin

    @property
    def name(self) -> str:
        return first_name(self.member)

    def setting(self, name: str):
        """A workspace's own setting, else the organisation default from config."""
        own = (self.workspace.settings or {}).get(name)
        return own if own not in (None, "") else getattr(self.org, name)

    def zone(self) -> ZoneInfo:
        return member_zone(self.member)

    @property
    def language(self) -> str:
        """The language this person is answered in (member_language), with the locale this request carries."""
        return member_language(self.member, self.workspace, locale=self.incoming.actor.locale)

    def local_now(self) -> datetime:
        return self.now.astimezone(self.zone())

    def refreshed(self) -> Ctx:
        """The same context with the member re-read after a change."""
        return replace(self, member=self.store.members.member(self.ws_id, self.member.id))


def member_zone(member: Member) -> ZoneInfo:
    return zone_or_utc(member.timezone)


def choose_language(override: str | None, locale: str | None, workspace_default: str | None) -> str:
    """The member's own choice, else a Spanish chat locale ("es-ES", "es-419"), else the workspace's default,
    else English. Only a Spanish locale decides: Slack and Teams report "en-US" for anyone who never changed
    it, so an English locale says too little to outvote a workspace that chose Spanish."""
    if override in LANGUAGES:
        return override
    if locale and locale.casefold().startswith("es"):
        return "es"
    return workspace_default if workspace_default in LANGUAGES else "en"


def member_language(member: Member, workspace: Workspace, *, locale: str | None = None) -> str:
    """The language to speak to `member` in; `locale` is a fresher one than the stored, when a request brings it."""
    default = (workspace.settings or {}).get("language")
    return choose_language(member.language, locale or member.locale, default)


def quiet_hours(member: Member, workspace: Workspace) -> tuple[time, time]:
    """The member's quiet hours, else the workspace's, else 21:00-07:00."""
    settings = workspace.settings or {}
    start = member.quiet_start or settings.get("quiet_start") or DEFAULT_QUIET[0]
    end = member.quiet_end or settings.get("quiet_end") or DEFAULT_QUIET[1]
    return time.fromisoformat(start), time.fromisoformat(end)


def first_name(member: Member) -> str:
    name = (member.display_name or member.handle or "").strip()
    if not name:
        return "there"
    return name.split()[0] if " " in name else name
