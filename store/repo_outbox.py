"""The delivery outbox: idempotent fan-out, leased claims, and the outcome of every row.

Claim rule: a row is claimable when it is `pending` and due, or `claimed` with an expired lease
(its worker died). Claiming sets `claimed`, the worker id, a new lease and attempts + 1, in one
UPDATE ... RETURNING. On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED so workers
never wait for or double-claim each other; SQLite serialises writers, so the same statement is
atomic there too (one worker process). A reclaimed expired claim is flagged `outcome_unknown`:
the dead worker may have sent it, so the sender must look before sending again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, or_, select, update

from store.models import Delivery, SchedulerState
from store.repo_base import RepoBase

FINAL = ("sent", "failed", "skipped", "missed", "unreachable")


class OutboxRepo(RepoBase):
    def enqueue(self, rows: list[dict]) -> int:
        """Insert outbox rows; one per (kind, schedule, member, occurrence) ever. Returns how many were new."""
        if not rows:
            return 0
        with self._tx() as s:
            created = 0
            for start in range(0, len(rows), 1000):
                created += self._insert_ignore(
                    s,
                    Delivery,
                    rows[start : start + 1000],
                    ["kind", "schedule_id", "member_id", "occurrence"],
                )
            return created

    def claim(
        self, worker: str, now: datetime, limit: int, lease: timedelta, *, skip_workspaces: Iterable[int] = ()
    ) -> list[Delivery]:
        """Claim up to `limit` deliveries for `worker` (see the module docstring for the rule).

        `skip_workspaces` leaves out workspaces whose pace already has enough rows waiting in this worker,
        so one big workspace's backlog never fills the worker while small ones wait.
        """
        claimable = or_(
            and_(Delivery.status == "pending", Delivery.due_at <= now),
            and_(Delivery.status == "claimed", Delivery.lease_until < now),
        )
        skip = sorted(set(skip_workspaces))
        if skip:
            claimable = and_(claimable, Delivery.workspace_id.not_in(skip))
        pick = select(Delivery.id).where(claimable).order_by(Delivery.due_at, Delivery.id).limit(limit)
        if self.dialect == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        stmt = (
            update(Delivery)
            .where(Delivery.id.in_(pick.scalar_subquery()))
            .values(
                outcome_unknown=case((Delivery.status == "claimed", True), else_=Delivery.outcome_unknown),
                status="claimed",
                claimed_by=worker,
                lease_until=now + lease,
                attempts=Delivery.attempts + 1,
            )
            .returning(Delivery)
            .execution_options(synchronize_session=False)
        )
        with self._tx() as s:
            rows = list(s.scalars(stmt))
        return sorted(rows, key=lambda row: (row.due_at, row.id))

    def finish(
        self,
        delivery_id: int,
        worker: str,
        status: str,
        now: datetime,
        *,
        reason: str | None = None,
        message_ref: dict | None = None,
    ) -> bool:
        """Record a final outcome, only if `worker` still holds the claim."""
        if status not in FINAL:
            raise ValueError(f"not a final status: {status!r}")
        values = {"status": status, "reason": reason, "lease_until": None}
        if status == "sent":
            values.update(sent_at=now, message_ref=message_ref, outcome_unknown=False)
        return self._update_claimed(delivery_id, worker, values)

    def retry_later(
        self,
        delivery_id: int,
        worker: str,
        due_at: datetime,
        reason: str,
        outcome_unknown: bool,
        *,
        refund: bool = False,
    ) -> bool:
        """Give the row back to the queue for another attempt at `due_at`.

        `refund` gives back the attempt the claim counted: a 429 means nothing was posted.
        """
        values = {
            "status": "pending",
            "due_at": due_at,
            "reason": reason,
            "lease_until": None,
            "claimed_by": None,
        }
        if outcome_unknown:
            values["outcome_unknown"] = True
        if refund:
            values["attempts"] = Delivery.attempts - 1
        return self._update_claimed(delivery_id, worker, values)

    def mark_parts(self, delivery_id: int, worker: str, parts_sent: int) -> bool:
        """Record that the first `parts_sent` parts are out (only while `worker` holds the claim)."""
        return self._update_claimed(delivery_id, worker, {"parts_sent": parts_sent, "outcome_unknown": False})

    def renew(self, worker: str, ids: list[int], lease_until: datetime) -> set[int]:
        """Extend the lease of rows `worker` still holds; returns the ids it still holds."""
        held: set[int] = set()
        with self._tx() as s:
            for start in range(0, len(ids), 1000):
                stmt = (
                    update(Delivery)
                    .where(
                        Delivery.id.in_(ids[start : start + 1000]),
                        Delivery.claimed_by == worker,
                        Delivery.status == "claimed",
                    )
                    .values(lease_until=lease_until)
                    .returning(Delivery.id)
                    .execution_options(synchronize_session=False)
                )
                held.update(s.scalars(stmt))
        return held

    def _update_claimed(self, delivery_id: int, worker: str, values: dict) -> bool:
        with self._tx() as s:
            result = s.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id, Delivery.claimed_by == worker, Delivery.status == "claimed")
                .values(**values)
            )
            return result.rowcount == 1

    def release_claims(self, worker: str) -> int:
        """A restarted worker's old claims go back to the queue at once, flagged as of unknown outcome."""
        with self._tx() as s:
            result = s.execute(
                update(Delivery)
                .where(Delivery.claimed_by == worker, Delivery.status == "claimed")
                .values(status="pending", outcome_unknown=True, lease_until=None, claimed_by=None)
            )
            return result.rowcount or 0

    def delivery(self, delivery_id: int) -> Delivery | None:
        with self._tx() as s:
            return s.get(Delivery, delivery_id)

    def deliveries_for(self, member_id: int) -> list[Delivery]:
        with self._tx() as s:
            return list(s.scalars(select(Delivery).where(Delivery.member_id == member_id).order_by(Delivery.id)))

    def last_checkin_sent(self, member_id: int, exclude: int | None = None) -> datetime | None:
        with self._tx() as s:
            stmt = select(func.max(Delivery.sent_at)).where(Delivery.member_id == member_id, Delivery.status == "sent")
            if exclude is not None:
                stmt = stmt.where(Delivery.id != exclude)
            return s.scalars(stmt).first()

    def outbox_counts(self, workspace_id: int | None = None, since: datetime | None = None) -> Counter:
        """How many rows are in each status (optionally for one workspace, due since a moment)."""
        stmt = select(Delivery.status, func.count()).group_by(Delivery.status)
        if workspace_id is not None:
            stmt = stmt.where(Delivery.workspace_id == workspace_id)
        if since is not None:
            stmt = stmt.where(Delivery.due_at >= since)
        with self._tx() as s:
            return Counter(dict(s.execute(stmt).all()))

    def next_due_at(self) -> datetime | None:
        with self._tx() as s:
            return s.scalars(select(func.min(Delivery.due_at)).where(Delivery.status == "pending")).first()

    def watermark(self, name: str) -> datetime | None:
        with self._tx() as s:
            return s.scalars(select(SchedulerState.value).where(SchedulerState.name == name)).first()

    def set_watermark(self, name: str, value: datetime) -> None:
        with self._tx() as s:
            row = s.get(SchedulerState, name)
            if row is None:
                s.add(SchedulerState(name=name, value=value))
            elif row.value < value:
                row.value = value
