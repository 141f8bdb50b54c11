"""Coach requests and offers; accepting one is settled by the database so races end with one match.

Accepting an offer is one transaction of conditional updates: the coach's active count goes up
only while it is below capacity (and a CHECK constraint backs that), and the request moves from
open to matched only once. Whoever loses either race changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from store.models import CoachOffer, CoachProfile, CoachRequest
from store.repo_base import RepoBase

REQUEST_FIELDS = {"peer", "specialty", "timing", "format", "urgent"}


@dataclass(frozen=True)
class AcceptResult:
    outcome: str  # matched | taken | full | gone
    request: CoachRequest | None = None


class _LostRace(Exception):
    """Raised inside the accept transaction so that everything it did is rolled back."""

    def __init__(self, outcome: str, request_id: int) -> None:
        super().__init__(outcome)
        self.outcome = outcome
        self.request_id = request_id


class CoachRepo(RepoBase):
    # --- requests ----------------------------------------------------------------------------
    def create_request(
        self, workspace_id: int, requester_id: int, topic: str | None, now: datetime, **fields: Any
    ) -> CoachRequest:
        unknown = set(fields) - REQUEST_FIELDS
        if unknown:
            raise ValueError(f"not request fields: {sorted(unknown)!r}")
        with self._tx() as s:
            request = CoachRequest(
                workspace_id=workspace_id,
                requester_id=requester_id,
                status="open",
                topic=self._cipher.encrypt(topic) if topic else None,
                created_at=now,
                **fields,
            )
            s.add(request)
            s.flush()
            return request

    def active_request(self, workspace_id: int, requester_id: int) -> CoachRequest | None:
        """The requester's open or matched request, newest first.

        A request still "matched" to a coach who no longer exists (deleted before deletions reopened their
        clients' requests) is reopened here, so nothing, least of all the crisis path, counts on that coach.
        """
        with self._tx() as s:
            request = s.scalars(
                select(CoachRequest)
                .where(
                    CoachRequest.workspace_id == workspace_id,
                    CoachRequest.requester_id == requester_id,
                    CoachRequest.status.in_(("open", "matched")),
                )
                .order_by(CoachRequest.id.desc())
            ).first()
            if request is not None and request.status == "matched" and request.coach_member_id is None:
                request.status, request.matched_at = "open", None
            return request

    def coach_request(self, request_id: int) -> CoachRequest | None:
        with self._tx() as s:
            return s.get(CoachRequest, request_id)

    def request_topic(self, request: CoachRequest) -> str | None:
        return self._cipher.decrypt(request.topic)

    def set_request_status(self, request_id: int, status: str, now: datetime, *, only_from: str = "open") -> bool:
        with self._tx() as s:
            result = s.execute(
                update(CoachRequest)
                .where(CoachRequest.id == request_id, CoachRequest.status == only_from)
                .values(status=status, closed_at=now)
            )
            return result.rowcount == 1

    # --- offers ------------------------------------------------------------------------------
    def add_offers(
        self, request_id: int, coach_ids: list[int], now: datetime, expires_at: datetime
    ) -> list[CoachOffer]:
        with self._tx() as s:
            offers = [
                CoachOffer(
                    request_id=request_id,
                    coach_member_id=cid,
                    status="pending",
                    offered_at=now,
                    expires_at=expires_at,
                )
                for cid in coach_ids
            ]
            s.add_all(offers)
            s.flush()
            return offers

    def coach_offer(self, offer_id: int) -> CoachOffer | None:
        with self._tx() as s:
            return s.get(CoachOffer, offer_id)

    def offered_coach_ids(self, request_id: int) -> set[int]:
        with self._tx() as s:
            return set(s.scalars(select(CoachOffer.coach_member_id).where(CoachOffer.request_id == request_id)))

    def pending_offers(self, request_id: int) -> list[CoachOffer]:
        with self._tx() as s:
            return list(
                s.scalars(select(CoachOffer).where(CoachOffer.request_id == request_id, CoachOffer.status == "pending"))
            )

    def answer_offer(self, offer_id: int, coach_member_id: int, status: str, now: datetime) -> bool:
        """Decline (or expire) a pending offer; False if it was no longer pending."""
        with self._tx() as s:
            result = s.execute(
                update(CoachOffer)
                .where(
                    CoachOffer.id == offer_id,
                    CoachOffer.coach_member_id == coach_member_id,
                    CoachOffer.status == "pending",
                )
                .values(status=status, answered_at=now)
            )
            return result.rowcount == 1

    def accept_offer(self, offer_id: int, coach_member_id: int, now: datetime) -> AcceptResult:
        """Match the request to this coach, exactly once, never past the coach's capacity."""
        try:
            with self._tx() as s:
                return self._accept(s, offer_id, coach_member_id, now)
        except _LostRace as lost:
            return AcceptResult(lost.outcome, self.coach_request(lost.request_id))

    def _accept(self, s, offer_id: int, coach_member_id: int, now: datetime) -> AcceptResult:
        offer = s.get(CoachOffer, offer_id)
        if offer is None or offer.coach_member_id != coach_member_id:
            return AcceptResult("gone")
        request = s.get(CoachRequest, offer.request_id)
        if offer.status != "pending":
            # Withdrawn because another coach accepted first: say so, not merely "no longer open".
            taken = offer.status == "withdrawn" and request.coach_member_id not in (None, coach_member_id)
            return AcceptResult("taken" if taken else "gone")
        seat = s.execute(
            update(CoachProfile)
            .where(
                CoachProfile.member_id == coach_member_id,
                CoachProfile.workspace_id == request.workspace_id,
                CoachProfile.active_count < CoachProfile.capacity,
            )
            .values(active_count=CoachProfile.active_count + 1)
        )
        if seat.rowcount != 1:
            raise _LostRace("full", request.id)
        won = s.execute(
            update(CoachRequest)
            .where(CoachRequest.id == request.id, CoachRequest.status == "open")
            .values(status="matched", coach_member_id=coach_member_id, matched_at=now)
        )
        if won.rowcount != 1:
            raise _LostRace("taken", request.id)  # rolls back the seat taken above
        s.execute(update(CoachOffer).where(CoachOffer.id == offer_id).values(status="accepted", answered_at=now))
        s.execute(
            update(CoachOffer)
            .where(CoachOffer.request_id == request.id, CoachOffer.status == "pending")
            .values(status="withdrawn", answered_at=now)
        )
        s.refresh(request)
        return AcceptResult("matched", request)

    def pending_offer_request_ids(self, coach_member_id: int) -> list[int]:
        """The requests this coach holds a pending offer for."""
        with self._tx() as s:
            return list(
                s.scalars(
                    select(CoachOffer.request_id).where(
                        CoachOffer.coach_member_id == coach_member_id, CoachOffer.status == "pending"
                    )
                )
            )

    def next_offer_expiry(self) -> datetime | None:
        with self._tx() as s:
            return s.scalars(select(func.min(CoachOffer.expires_at)).where(CoachOffer.status == "pending")).first()

    def expired_offers(self, now: datetime) -> list[CoachOffer]:
        with self._tx() as s:
            return list(
                s.scalars(select(CoachOffer).where(CoachOffer.status == "pending", CoachOffer.expires_at <= now))
            )

    def withdraw_offers(self, request_id: int, now: datetime) -> list[int]:
        """Withdraw pending offers of a request; returns the coaches who had one."""
        with self._tx() as s:
            coach_ids = list(
                s.scalars(
                    select(CoachOffer.coach_member_id).where(
                        CoachOffer.request_id == request_id, CoachOffer.status == "pending"
                    )
                )
            )
            s.execute(
                update(CoachOffer)
                .where(CoachOffer.request_id == request_id, CoachOffer.status == "pending")
                .values(status="withdrawn", answered_at=now)
            )
            return coach_ids

    def request_counts(self, workspace_id: int, since: datetime) -> dict:
        """Totals for admins: no names, no topics."""
        with self._tx() as s:
            rows = s.execute(
                select(CoachRequest.status, func.count())
                .where(CoachRequest.workspace_id == workspace_id, CoachRequest.created_at >= since)
                .group_by(CoachRequest.status)
            ).all()
            waits = s.execute(
                select(CoachRequest.created_at, CoachRequest.matched_at).where(
                    CoachRequest.workspace_id == workspace_id,
                    CoachRequest.created_at >= since,
                    CoachRequest.matched_at.is_not(None),
                )
            ).all()
        return {"by_status": dict(rows), "waits": [matched - created for created, matched in waits]}
