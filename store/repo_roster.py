"""The coach roster and engagements: who coaches, how many clients they have room for, and closing one."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from store.models import CoachOffer, CoachProfile, CoachRequest, Member
from store.repo_base import RepoBase
from store.rows import Client, RosterEntry


class RosterRepo(RepoBase):
    # --- roster ------------------------------------------------------------------------------
    def upsert_coach(self, workspace_id: int, member_id: int, now: datetime, **fields: Any) -> CoachProfile:
        with self._tx() as s:
            profile = s.scalars(
                select(CoachProfile).where(
                    CoachProfile.workspace_id == workspace_id, CoachProfile.member_id == member_id
                )
            ).one_or_none()
            if profile is None:
                profile = CoachProfile(
                    workspace_id=workspace_id,
                    member_id=member_id,
                    created_at=now,
                    active_count=0,
                    available=True,
                )
                s.add(profile)
            for key, value in fields.items():
                setattr(profile, key, value)
            s.flush()
            return profile

    def coach_profile(self, workspace_id: int, member_id: int) -> CoachProfile | None:
        with self._tx() as s:
            return s.scalars(
                select(CoachProfile).where(
                    CoachProfile.workspace_id == workspace_id, CoachProfile.member_id == member_id
                )
            ).one_or_none()

    def coach_roster(self, workspace_id: int) -> list[RosterEntry]:
        with self._tx() as s:
            rows = s.execute(
                select(CoachProfile, Member)
                .join(Member, Member.id == CoachProfile.member_id)
                .where(CoachProfile.workspace_id == workspace_id)
                .order_by(CoachProfile.id)
            ).all()
            return [RosterEntry(profile, member) for profile, member in rows]

    def remove_coach(self, workspace_id: int, member_id: int) -> bool:
        """Take a coach off the roster, only when they have no active engagement."""
        with self._tx() as s:
            profile = s.scalars(
                select(CoachProfile).where(
                    CoachProfile.workspace_id == workspace_id, CoachProfile.member_id == member_id
                )
            ).one_or_none()
            if profile is None or profile.active_count > 0:
                return False
            s.execute(
                update(CoachOffer)
                .where(CoachOffer.coach_member_id == member_id, CoachOffer.status == "pending")
                .values(status="withdrawn")
            )
            s.delete(profile)
            return True

    # --- engagements -------------------------------------------------------------------------
    def close_engagement(
        self, workspace_id: int, coach_member_id: int, requester_id: int, now: datetime
    ) -> CoachRequest | None:
        """Close a matched engagement and free the coach's seat, once."""
        with self._tx() as s:
            request = s.scalars(
                select(CoachRequest).where(
                    CoachRequest.workspace_id == workspace_id,
                    CoachRequest.coach_member_id == coach_member_id,
                    CoachRequest.requester_id == requester_id,
                    CoachRequest.status == "matched",
                )
            ).first()
            if request is None:
                return None
            request.status, request.closed_at = "closed", now
            s.execute(
                update(CoachProfile)
                .where(
                    CoachProfile.workspace_id == workspace_id,
                    CoachProfile.member_id == coach_member_id,
                    CoachProfile.active_count > 0,
                )
                .values(active_count=CoachProfile.active_count - 1)
            )
            return request

    def coach_clients(self, workspace_id: int, coach_member_id: int) -> list[Client]:
        with self._tx() as s:
            rows = s.execute(
                select(CoachRequest, Member)
                .join(Member, Member.id == CoachRequest.requester_id)
                .where(
                    CoachRequest.workspace_id == workspace_id,
                    CoachRequest.coach_member_id == coach_member_id,
                    CoachRequest.status == "matched",
                )
                .order_by(CoachRequest.matched_at)
            ).all()
            return [Client(request, member) for request, member in rows]
