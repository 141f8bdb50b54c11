"""Check-in conversations and what members give in them: reflections, pulses, small steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update

from store.models import Commitment, Conversation, CrisisEvent, Pulse, Reflection
from store.repo_base import RepoBase

CONVERSATION_FIELDS = {"stage", "followups", "pulse_kind", "last_activity_at", "question_id", "theme", "said"}


@dataclass(frozen=True)
class OpenStep:
    """The last small step a member named that has not been asked about yet."""

    commitment_id: int
    text: str
    created_at: datetime
    due_at: datetime | None = None  # the step's own time ("tomorrow", "Tuesday"), when the member named one


class ConversationRepo(RepoBase):
    def open_conversation(self, workspace_id: int, member_id: int, now: datetime, **fields: Any) -> Conversation:
        """Start a conversation, closing any other still open for the member (one at a time)."""
        with self._tx() as s:
            s.execute(
                update(Conversation)
                .where(Conversation.member_id == member_id, Conversation.closed_at.is_(None))
                .values(closed_at=now, outcome="replaced")
            )
            conv = Conversation(
                workspace_id=workspace_id,
                member_id=member_id,
                started_at=now,
                last_activity_at=now,
                followups=[],
                **fields,
            )
            s.add(conv)
            s.flush()
            return conv

    def current_conversation(self, workspace_id: int, member_id: int) -> Conversation | None:
        with self._tx() as s:
            return s.scalars(
                select(Conversation)
                .where(
                    Conversation.workspace_id == workspace_id,
                    Conversation.member_id == member_id,
                    Conversation.closed_at.is_(None),
                )
                .order_by(Conversation.id.desc())
            ).first()

    def latest_conversation(self, workspace_id: int, member_id: int) -> Conversation | None:
        with self._tx() as s:
            return s.scalars(
                select(Conversation)
                .where(Conversation.workspace_id == workspace_id, Conversation.member_id == member_id)
                .order_by(Conversation.started_at.desc(), Conversation.id.desc())
            ).first()

    def update_conversation(self, conversation_id: int, **changes: Any) -> None:
        unknown = set(changes) - CONVERSATION_FIELDS
        if unknown:
            raise ValueError(f"not conversation fields: {sorted(unknown)!r}")
        with self._tx() as s:
            s.execute(update(Conversation).where(Conversation.id == conversation_id).values(**changes))

    def close_conversation(self, conversation_id: int, outcome: str, now: datetime) -> bool:
        """Close it once; returns False if it was already closed (a second press, a race)."""
        with self._tx() as s:
            result = s.execute(
                update(Conversation)
                .where(Conversation.id == conversation_id, Conversation.closed_at.is_(None))
                .values(closed_at=now, outcome=outcome, stage="closed")
            )
            return result.rowcount == 1

    def expire_conversations(self, idle_since: datetime, now: datetime) -> int:
        """Quietly close conversations with no activity since `idle_since`; returns how many."""
        with self._tx() as s:
            result = s.execute(
                update(Conversation)
                .where(Conversation.closed_at.is_(None), Conversation.last_activity_at <= idle_since)
                .values(closed_at=now, outcome="expired", stage="closed")
            )
            return result.rowcount or 0

    def next_quiet_close(self, idle: timedelta) -> datetime | None:
        """When the open check-in idle longest will be closed quietly."""
        with self._tx() as s:
            oldest = s.scalars(
                select(func.min(Conversation.last_activity_at)).where(Conversation.closed_at.is_(None))
            ).first()
        return None if oldest is None else oldest + idle

    def asked_question_ids(self, member_id: int, limit: int = 30) -> list[str]:
        """The member's most recent question ids, newest first."""
        with self._tx() as s:
            return list(
                s.scalars(
                    select(Conversation.question_id)
                    .where(Conversation.member_id == member_id)
                    .order_by(Conversation.started_at.desc(), Conversation.id.desc())
                    .limit(limit)
                )
            )

    def add_reflection(
        self,
        workspace_id: int,
        member_id: int,
        conversation_id: int | None,
        prompt_id: str,
        text: str,
        now: datetime,
    ) -> None:
        with self._tx() as s:
            s.add(
                Reflection(
                    workspace_id=workspace_id,
                    member_id=member_id,
                    conversation_id=conversation_id,
                    prompt_id=prompt_id,
                    body=self._cipher.encrypt(text),
                    created_at=now,
                )
            )

    def add_pulse(
        self,
        workspace_id: int,
        member_id: int,
        kind: str,
        score: int,
        now: datetime,
        conversation_id: int | None = None,
    ) -> None:
        with self._tx() as s:
            s.add(
                Pulse(
                    workspace_id=workspace_id,
                    member_id=member_id,
                    kind=kind,
                    score=score,
                    conversation_id=conversation_id,
                    created_at=now,
                )
            )

    def conversation_pulse(self, conversation_id: int, kind: str) -> int | None:
        with self._tx() as s:
            return s.scalars(
                select(Pulse.score).where(Pulse.conversation_id == conversation_id, Pulse.kind == kind)
            ).first()

    def last_pulse_at(self, member_id: int, kind: str) -> datetime | None:
        with self._tx() as s:
            return s.scalars(
                select(Pulse.created_at)
                .where(Pulse.member_id == member_id, Pulse.kind == kind)
                .order_by(Pulse.created_at.desc())
            ).first()

    def last_pulse_asked(self, member_id: int, kind: str) -> datetime | None:
        """When a check-in last offered this pulse, answered or not."""
        with self._tx() as s:
            return s.scalars(
                select(func.max(Conversation.started_at)).where(
                    Conversation.member_id == member_id, Conversation.pulse_kind == kind
                )
            ).first()

    def add_commitment(
        self,
        workspace_id: int,
        member_id: int,
        conversation_id: int,
        text: str,
        now: datetime,
        due_at: datetime | None = None,
    ) -> None:
        with self._tx() as s:
            s.add(
                Commitment(
                    workspace_id=workspace_id,
                    member_id=member_id,
                    conversation_id=conversation_id,
                    body=self._cipher.encrypt(text),
                    created_at=now,
                    due_at=due_at,
                )
            )

    def open_step(self, member_id: int, since: datetime, now: datetime | None = None) -> OpenStep | None:
        """The newest small step since `since` not yet followed up, if its text is still kept; with `now`,
        only a step whose own time has come (or that named none)."""
        due = [or_(Commitment.due_at.is_(None), Commitment.due_at <= now)] if now is not None else []
        with self._tx() as s:
            row = s.scalars(
                select(Commitment)
                .where(
                    Commitment.member_id == member_id,
                    Commitment.followed_up_at.is_(None),
                    Commitment.created_at >= since,
                    Commitment.body.is_not(None),
                    *due,
                )
                .order_by(Commitment.created_at.desc())
            ).first()
        if row is None:
            return None
        text = self._cipher.decrypt(row.body)
        return None if text is None else OpenStep(row.id, text, row.created_at, row.due_at)

    def mark_step_followed_up(self, commitment_id: int, now: datetime) -> None:
        with self._tx() as s:
            s.execute(update(Commitment).where(Commitment.id == commitment_id).values(followed_up_at=now))

    def record_crisis(self, workspace_id: int, source: str, now: datetime, level: str = "crisis") -> None:
        """Count that the safety net fired (crisis) or asked its question (concern); no person, no words."""
        with self._tx() as s:
            s.add(CrisisEvent(workspace_id=workspace_id, source=source, level=level, created_at=now))
