"""Workspaces, members and channel memberships."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, delete, exists, func, select, update

from store.models import ChannelMember, Delivery, Member, Workspace
from store.repo_base import RepoBase

MEMBER_FIELDS = {
    "handle",
    "display_name",
    "timezone",
    "zone_chosen",
    "role",
    "department",
    "platform_admin",
    "status",
    "paused_until",
    "themes",
    "quiet_start",
    "quiet_end",
    "timing",
    "shifts",
    "conversation_ref",
    "dm_channel",
    "unreachable_reason",
    "welcomed",
    "locale",
    "language",
    "screening_since",
    "screening_reasked",
    "aad_object_id",
}


class MemberRepo(RepoBase):
    # --- workspaces -------------------------------------------------------------------------
    def ensure_workspace(self, platform: str, external_id: str, now: datetime, name: str = "") -> Workspace:
        """The workspace for (platform, external id), created on first sight."""
        with self._tx() as s:
            row = {
                "platform": platform,
                "external_id": external_id,
                "name": name,
                "active": True,
                "settings": {},
                "created_at": now,
            }
            self._insert_ignore(s, Workspace, [row], ["platform", "external_id"])
            ws = s.scalars(
                select(Workspace).where(Workspace.platform == platform, Workspace.external_id == external_id)
            ).one()
            if not ws.active:  # any event from it means the app is installed again
                ws.active, ws.inactive_since = True, None
            return ws

    def workspace(self, workspace_id: int) -> Workspace:
        with self._tx() as s:
            return s.get_one(Workspace, workspace_id)

    def find_workspace(self, platform: str, external_id: str) -> Workspace | None:
        with self._tx() as s:
            return s.scalars(
                select(Workspace).where(Workspace.platform == platform, Workspace.external_id == external_id)
            ).one_or_none()

    def active_workspaces(self) -> list[Workspace]:
        with self._tx() as s:
            return list(s.scalars(select(Workspace).where(Workspace.active.is_(True)).order_by(Workspace.id)))

    def workspaces(self) -> list[Workspace]:
        """Every workspace, installed or not (retention must reach them all)."""
        with self._tx() as s:
            return list(s.scalars(select(Workspace).order_by(Workspace.id)))

    def set_workspace_active(self, workspace_id: int, active: bool, now: datetime) -> None:
        with self._tx() as s:
            s.execute(
                update(Workspace)
                .where(Workspace.id == workspace_id)
                .values(active=active, inactive_since=None if active else now)
            )

    def update_workspace_settings(self, workspace_id: int, **changes: Any) -> dict:
        with self._tx() as s:
            ws = s.get_one(Workspace, workspace_id)
            ws.settings = {**(ws.settings or {}), **changes}
            return dict(ws.settings)

    # --- members ----------------------------------------------------------------------------
    def ensure_member(self, workspace_id: int, user_id: str, now: datetime, **known: Any) -> Member:
        """The member for this platform user, created on first sight; `known` fields refresh it.

        Only fields the platform actually told us (not None) overwrite what is stored.
        """
        known = {k: v for k, v in known.items() if v is not None}
        _check_fields(known)
        with self._tx() as s:
            self._insert_ignore(
                s, Member, [_new_member(workspace_id, user_id, now, known)], ["workspace_id", "user_id"]
            )
            member = s.scalars(
                select(Member).where(Member.workspace_id == workspace_id, Member.user_id == user_id)
            ).one()
            if member.zone_chosen:
                known.pop("timezone", None)  # the person's own choice outranks what the platform reports
            for key, value in known.items():
                if getattr(member, key) != value:
                    setattr(member, key, value)
            return member

    def member(self, workspace_id: int, member_id: int) -> Member | None:
        with self._tx() as s:
            return s.scalars(
                select(Member).where(Member.workspace_id == workspace_id, Member.id == member_id)
            ).one_or_none()

    def member_by_user(self, workspace_id: int, user_id: str) -> Member | None:
        with self._tx() as s:
            return s.scalars(
                select(Member).where(Member.workspace_id == workspace_id, Member.user_id == user_id)
            ).one_or_none()

    def member_by_handle(self, workspace_id: int, handle: str) -> Member | None:
        wanted = handle.lstrip("@").lower()
        with self._tx() as s:
            return s.scalars(
                select(Member).where(Member.workspace_id == workspace_id, func.lower(Member.handle) == wanted)
            ).first()

    def all(self, workspace_id: int, ids: Iterable[int] | None = None) -> list[Member]:
        with self._tx() as s:
            stmt = select(Member).where(Member.workspace_id == workspace_id).order_by(Member.id)
            if ids is not None:
                stmt = stmt.where(Member.id.in_(list(ids)))
            return list(s.scalars(stmt))

    def count_members(self, workspace_id: int, ids: Iterable[int] | None = None) -> int:
        """How many members `all()` would return, counted in the database."""
        with self._tx() as s:
            stmt = select(func.count(Member.id)).where(Member.workspace_id == workspace_id)
            if ids is not None:
                stmt = stmt.where(Member.id.in_(list(ids)))
            return s.scalar(stmt) or 0

    def update_member(self, workspace_id: int, member_id: int, **changes: Any) -> Member:
        _check_fields(changes)
        with self._tx() as s:
            member = s.scalars(select(Member).where(Member.workspace_id == workspace_id, Member.id == member_id)).one()
            for key, value in changes.items():
                setattr(member, key, value)
            return member

    def claim_welcome(self, workspace_id: int, member_id: int) -> bool:
        """Mark the member welcomed; True only for the one caller that changed it (two racing events greet once).

        Not while a delivery to them is claimed: a first check-in being sent right now carries the welcome
        (the deliverer folds it in and records it), so an install landing meanwhile must not greet again.
        """
        on_its_way = exists().where(Delivery.member_id == Member.id, Delivery.status == "claimed")
        with self._tx() as s:
            claimed = s.execute(
                update(Member)
                .where(
                    Member.workspace_id == workspace_id,
                    Member.id == member_id,
                    Member.welcomed.is_(False),
                    ~on_its_way,
                )
                .values(welcomed=True)
            )
            return claimed.rowcount == 1

    def bulk_upsert_members(self, workspace_id: int, people: list[dict], now: datetime) -> int:
        """Create or refresh many members at once (a paged users.list); returns how many were new.

        New people are inserted in one batch; only people who were already there are updated,
        in batches of the same shape.
        """
        with self._tx() as s:
            new_rows = [_new_member(workspace_id, p["user_id"], now, _fields(p)) for p in people]
            stmt = self._insert(Member).on_conflict_do_nothing(index_elements=["workspace_id", "user_id"])
            created = set(s.scalars(stmt.returning(Member.user_id), new_rows)) if new_rows else set()
            shapes: dict[tuple, list[dict]] = {}
            for person in people:
                if person["user_id"] in created:
                    continue
                values = {k: v for k, v in _fields(person).items() if v is not None}
                if values:
                    shapes.setdefault(tuple(sorted(values)), []).append({"uid": person["user_id"], **values})
            table = Member.__table__  # Core, not ORM: with a list of rows the ORM would update by primary key
            for keys, rows in shapes.items():
                s.execute(
                    update(table)
                    .where(table.c.workspace_id == workspace_id, table.c.user_id == bindparam("uid"))
                    .values({key: _refreshed(table, key) for key in keys}),
                    rows,
                )
            return len(created)

    # --- channels ---------------------------------------------------------------------------
    def set_channel_members(self, workspace_id: int, channel_id: str, name: str, member_ids: list[int]) -> None:
        with self._tx() as s:
            s.execute(
                delete(ChannelMember).where(
                    ChannelMember.workspace_id == workspace_id, ChannelMember.channel_id == channel_id
                )
            )
            rows = [
                {
                    "workspace_id": workspace_id,
                    "channel_id": channel_id,
                    "member_id": mid,
                    "channel_name": name,
                }
                for mid in sorted(set(member_ids))
            ]
            self._insert_ignore(s, ChannelMember, rows, ["workspace_id", "channel_id", "member_id"])

    def channel_by_name(self, workspace_id: int, name: str) -> str | None:
        with self._tx() as s:
            return s.scalars(
                select(ChannelMember.channel_id).where(
                    ChannelMember.workspace_id == workspace_id,
                    func.lower(ChannelMember.channel_name) == name.lstrip("#").lower(),
                )
            ).first()

    def channels_of(self, workspace_id: int, member_id: int) -> list[str]:
        with self._tx() as s:
            return list(
                s.scalars(
                    select(ChannelMember.channel_id).where(
                        ChannelMember.workspace_id == workspace_id, ChannelMember.member_id == member_id
                    )
                )
            )

    def channel_name(self, workspace_id: int, channel_id: str) -> str:
        with self._tx() as s:
            return (
                s.scalars(
                    select(ChannelMember.channel_name).where(
                        ChannelMember.workspace_id == workspace_id, ChannelMember.channel_id == channel_id
                    )
                ).first()
                or ""
            )

    def channel_member_ids(self, workspace_id: int, channel_id: str) -> list[int]:
        with self._tx() as s:
            return list(
                s.scalars(
                    select(ChannelMember.member_id).where(
                        ChannelMember.workspace_id == workspace_id, ChannelMember.channel_id == channel_id
                    )
                )
            )


def _refreshed(table, key: str):
    """The new value of a column in a directory refresh; a zone the person chose stays theirs."""
    if key == "timezone":
        return case((table.c.zone_chosen.is_(True), table.c.timezone), else_=bindparam(key))
    return bindparam(key)


def _new_member(workspace_id: int, user_id: str, now: datetime, known: dict) -> dict:
    row = {
        "workspace_id": workspace_id,
        "user_id": user_id,
        "display_name": "",
        "timezone": "UTC",
        "platform_admin": False,
        "status": "active",
        "themes": [],
        "timing": "clock",
        "shifts": [],
        "welcomed": False,
        "zone_chosen": False,
        "created_at": now,
    }
    row.update(known)
    return row


def _fields(person: dict) -> dict:
    return {k: v for k, v in person.items() if k in MEMBER_FIELDS}


def _check_fields(changes: dict) -> None:
    unknown = set(changes) - MEMBER_FIELDS
    if unknown:
        raise ValueError(f"not member fields: {sorted(unknown)!r}")
