"""Nudge schedules, including a member's own check-in time (audience_kind "member")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import exists, select, update

from store.models import ChannelMember, Member, Schedule, Workspace
from store.repo_base import RepoBase
from store.rows import OwnSchedule

SCHEDULE_FIELDS = {
    "name",
    "days",
    "local_time",
    "timezone",
    "audience_kind",
    "audience",
    "theme",
    "status",
    "active_since",
}


class ScheduleRepo(RepoBase):
    def add_schedule(self, workspace_id: int, now: datetime, **fields: Any) -> Schedule:
        _check(fields, extra={"owner_member_id", "created_by"})
        with self._tx() as s:
            schedule = Schedule(workspace_id=workspace_id, created_at=now, active_since=now, **fields)
            s.add(schedule)
            s.flush()
            return schedule

    def schedule(self, workspace_id: int, schedule_id: int) -> Schedule | None:
        """A schedule of this workspace that has not been deleted."""
        with self._tx() as s:
            return s.scalars(
                select(Schedule).where(
                    Schedule.workspace_id == workspace_id,
                    Schedule.id == schedule_id,
                    Schedule.status != "deleted",
                )
            ).one_or_none()

    def all(self, workspace_id: int, *, include_personal: bool = False) -> list[Schedule]:
        with self._tx() as s:
            stmt = select(Schedule).where(Schedule.workspace_id == workspace_id, Schedule.status != "deleted")
            if not include_personal:
                stmt = stmt.where(Schedule.owner_member_id.is_(None))
            return list(s.scalars(stmt.order_by(Schedule.id)))

    def active_schedules(self) -> list[Schedule]:
        """Every active schedule in every active workspace (the tick's starting point)."""
        with self._tx() as s:
            return list(
                s.scalars(
                    select(Schedule)
                    .join(Workspace, Workspace.id == Schedule.workspace_id)
                    .where(Schedule.status == "active", Workspace.active.is_(True))
                    .order_by(Schedule.id)
                )
            )

    def personal_schedule(self, workspace_id: int, member_id: int) -> Schedule | None:
        with self._tx() as s:
            return s.scalars(
                select(Schedule).where(
                    Schedule.workspace_id == workspace_id,
                    Schedule.owner_member_id == member_id,
                    Schedule.status != "deleted",
                )
            ).first()

    def members_with_own_time(self, workspace_id: int) -> set[int]:
        """Members who set their own check-in time (they leave the program's schedules)."""
        with self._tx() as s:
            return set(
                s.scalars(
                    select(Schedule.owner_member_id).where(
                        Schedule.workspace_id == workspace_id,
                        Schedule.owner_member_id.is_not(None),
                        Schedule.status == "active",
                    )
                )
            )

    def update_schedule(self, workspace_id: int, schedule_id: int, now: datetime | None = None, **changes: Any) -> bool:
        """Change a schedule; with `now`, occurrences before it will not be sent (a change or resume)."""
        _check(changes)
        if now is not None:
            changes["active_since"] = now
        with self._tx() as s:
            result = s.execute(
                update(Schedule)
                .where(
                    Schedule.workspace_id == workspace_id,
                    Schedule.id == schedule_id,
                    Schedule.status != "deleted",
                )
                .values(**changes)
            )
            return result.rowcount == 1


def _check(fields: dict, extra: set[str] = frozenset()) -> None:
    unknown = set(fields) - SCHEDULE_FIELDS - extra
    if unknown:
        raise ValueError(f"not schedule fields: {sorted(unknown)!r}")


class AudienceRepo(RepoBase):
    """Bulk reads for the tick: zones in use, and who a schedule reaches in one query."""

    def member_zones(self, workspace_id: int) -> list[str]:
        with self._tx() as s:
            return list(
                s.scalars(
                    select(Member.timezone)
                    .where(Member.workspace_id == workspace_id, Member.status == "active")
                    .distinct()
                )
            )

    def audience_members(self, schedule: Schedule, zone: str | None = None) -> list[Member]:
        """Active members the schedule reaches (optionally only those in `zone`).

        Members who set their own time leave the program's schedules, so they are left out of
        every schedule but their own.
        """
        stmt = select(Member).where(Member.workspace_id == schedule.workspace_id, Member.status == "active")
        if zone is not None:
            stmt = stmt.where(Member.timezone == zone)
        kind = schedule.audience_kind
        if kind == "member":
            return self._all(stmt.where(Member.id == schedule.owner_member_id))
        own_time = exists().where(Schedule.owner_member_id == Member.id, Schedule.status == "active")
        stmt = stmt.where(~own_time)
        if kind == "channel":
            stmt = stmt.join(
                ChannelMember,
                (ChannelMember.member_id == Member.id) & (ChannelMember.channel_id.in_(schedule.audience)),
            )
        elif kind == "people":
            stmt = stmt.where(Member.id.in_(schedule.audience))
        return self._all(stmt.order_by(Member.id))

    def personal_schedules(self, workspace_id: int) -> list[OwnSchedule]:
        """Active own-time schedules with their owner's zone."""
        with self._tx() as s:
            rows = s.execute(
                select(Schedule, Member.timezone)
                .join(Member, Member.id == Schedule.owner_member_id)
                .where(
                    Schedule.workspace_id == workspace_id,
                    Schedule.status == "active",
                    Member.status == "active",
                )
            ).all()
            return [OwnSchedule(schedule, zone) for schedule, zone in rows]

    def _all(self, stmt) -> list[Member]:
        with self._tx() as s:
            return list(s.scalars(stmt))
