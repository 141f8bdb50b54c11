"""`microcoach admin-link`: an operator prints a one-time dashboard sign-in link for a program admin."""

from __future__ import annotations

from datetime import datetime

from bot.config import ConfigError, Settings
from handlers.program.dashboard_link import sign_in_link
from store import Store

OPERATOR = "operator (microcoach admin-link)"


class LinkRefused(Exception):
    """No link: the workspace, the person or their admin rights are not what the operator thought."""


def admin_link(settings: Settings, store: Store, workspace: str, user: str, now: datetime) -> str:
    """The link, after the same admin check as chat's; the audit log records that an operator made it."""
    if not settings.public_url:
        raise ConfigError(["MICROCOACH_PUBLIC_URL is required for dashboard links (e.g. https://coach.example.org)"])
    found = [w for w in store.members.workspaces() if w.external_id == workspace]
    if not found:
        raise LinkRefused(f"No workspace {workspace!r} here. Use the Slack team id (T...) or the Teams tenant id.")
    place = found[0]
    member = store.dashboard.member_by_any_id(place.id, user)
    if member is None:
        raise LinkRefused(f"No one with id {user!r} in workspace {workspace!r} yet: they need to talk to the bot once.")
    if not settings.program_admin((member.user_id, member.aad_object_id), member.platform_admin):
        raise LinkRefused(f"{user!r} is not a program admin: add them to MICROCOACH_ADMINS first.")
    url = sign_in_link(store, settings.public_url, place.id, member.id, now)
    store.audit.record(place.id, None, OPERATOR, "dashboard.link", member.display_name or member.user_id, now)
    return url
