"""A member's own data, whole: export, deletion, retention of free text, and key rotation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from store.crypto import is_sealed
from store.models import (
    CoachOffer,
    CoachProfile,
    CoachRequest,
    Commitment,
    Conversation,
    Member,
    Pulse,
    Reflection,
    Schedule,
)
from store.models_cards import SentCard
from store.repo_base import RepoBase
from store.slack_tables import SLACK_SECRETS

ENCRYPTED = ((Reflection, "body"), (Commitment, "body"), (CoachRequest, "topic"), (SentCard, "body"))


@dataclass(frozen=True)
class Departure:
    """What one person's deletion changed for others, by id, so they can be told (see `forget_member`)."""

    reopened: tuple[int, ...] = ()  # requests this person coached: open again, without a coach
    freed_coaches: tuple[int, ...] = ()  # coaches this person was a client of: a place freed
    withdrawn_from: tuple[int, ...] = ()  # coaches holding an offer on this person's open request
    passed_on: tuple[int, ...] = ()  # open requests whose pending offer to this person went with them


class PrivacyRepo(RepoBase):
    def forget_member(self, workspace_id: int, member_id: int, now: datetime) -> Departure:
        """Delete a member and everything of theirs, and in the same transaction settle what others shared with them.

        Their clients' requests reopen (never left "matched" to nobody); their coaches get the place back; the
        coaches and requests that held their offers are reported, so everyone can be told and nobody waits.
        """
        with self._tx() as s:
            coached = (
                s.execute(
                    select(CoachRequest.id).where(
                        CoachRequest.workspace_id == workspace_id,
                        CoachRequest.coach_member_id == member_id,
                        CoachRequest.status == "matched",
                    )
                )
                .scalars()
                .all()
            )
            s.execute(
                update(CoachRequest)
                .where(CoachRequest.id.in_(coached))
                .values(status="open", coach_member_id=None, matched_at=None)
            )
            passed_on = s.execute(
                select(CoachOffer.request_id)
                .join(CoachRequest, CoachRequest.id == CoachOffer.request_id)
                .where(CoachOffer.coach_member_id == member_id, CoachOffer.status == "pending",
                       CoachRequest.status == "open", CoachRequest.requester_id != member_id)
            ).scalars().all()  # fmt: skip
            own = s.execute(
                select(CoachRequest.id, CoachRequest.status, CoachRequest.coach_member_id).where(
                    CoachRequest.workspace_id == workspace_id, CoachRequest.requester_id == member_id
                )
            ).all()
            freed = [coach for _id, status, coach in own if status == "matched" and coach is not None]
            s.execute(
                update(CoachProfile)
                .where(CoachProfile.workspace_id == workspace_id, CoachProfile.member_id.in_(freed),
                       CoachProfile.active_count > 0)
                .values(active_count=CoachProfile.active_count - 1)
            )  # fmt: skip
            open_own = [request_id for request_id, status, _coach in own if status == "open"]
            withdrawn = (
                s.execute(
                    select(CoachOffer.coach_member_id).where(
                        CoachOffer.request_id.in_(open_own), CoachOffer.status == "pending"
                    )
                )
                .scalars()
                .all()
            )
            s.execute(delete(Member).where(Member.workspace_id == workspace_id, Member.id == member_id))
        return Departure(tuple(coached), tuple(freed), tuple(withdrawn), tuple(sorted(set(passed_on))))

    def export_member(self, workspace_id: int, member_id: int) -> dict:
        """Everything stored about one member, decrypted for them alone."""
        with self._tx() as s:
            member = s.scalars(select(Member).where(Member.workspace_id == workspace_id, Member.id == member_id)).one()
            where = {"member_id": member_id, "workspace_id": workspace_id}
            reflections = s.scalars(select(Reflection).filter_by(**where).order_by(Reflection.id)).all()
            steps = s.scalars(select(Commitment).filter_by(**where).order_by(Commitment.id)).all()
            pulses = s.scalars(select(Pulse).filter_by(**where).order_by(Pulse.id)).all()
            conversations = s.scalars(select(Conversation).filter_by(**where).order_by(Conversation.id)).all()
            requests = s.scalars(select(CoachRequest).where(CoachRequest.requester_id == member_id)).all()
            own = s.scalars(select(Schedule).where(Schedule.owner_member_id == member_id)).all()
        return {
            "profile": _profile(member),
            "own_schedule": [{"days": x.days, "time": x.local_time, "status": x.status} for x in own],
            "check_ins": [
                {
                    "id": c.id,
                    "question": c.question_id,
                    "theme": c.theme,
                    "started_at": _iso(c.started_at),
                    "closed_at": _iso(c.closed_at),
                    "outcome": c.outcome,
                }
                for c in conversations
            ],
            "answers": [
                {
                    "check_in": r.conversation_id,
                    "prompt": r.prompt_id,
                    "text": self._cipher.decrypt(r.body),
                    "at": _iso(r.created_at),
                }
                for r in reflections
            ],
            "small_steps": [
                {
                    "text": self._cipher.decrypt(c.body),
                    "at": _iso(c.created_at),
                    "asked_about_at": _iso(c.followed_up_at),
                }
                for c in steps
            ],
            "pulses": [{"kind": p.kind, "score": p.score, "at": _iso(p.created_at)} for p in pulses],
            "coach_requests": [
                {
                    "topic": self._cipher.decrypt(r.topic),
                    "peer": r.peer,
                    "timing": r.timing,
                    "format": r.format,
                    "status": r.status,
                    "at": _iso(r.created_at),
                }
                for r in requests
            ],
        }

    def purge_free_text(self, workspace_id: int, before: datetime) -> int:
        """Retention: drop the words written before `before`; scores and counts stay."""
        removed = 0
        with self._tx() as s:
            for model, column in ENCRYPTED:
                result = s.execute(
                    update(model)
                    .where(
                        model.workspace_id == workspace_id,
                        model.created_at < before,
                        getattr(model, column).is_not(None),
                    )
                    .values({column: None})
                )
                removed += result.rowcount or 0
        return removed

    def rotate_slack_secrets(self) -> int:
        """Re-encrypt the Slack installation tokens with the newest key, sealing any stored before encryption."""
        rewritten = 0
        with self._tx() as s:
            for table, columns in SLACK_SECRETS:
                for row in s.execute(select(table.c.id, *(table.c[c] for c in columns))).all():
                    changes = {c: self._reseal(v) for c, v in zip(columns, row[1:], strict=True) if v}
                    if changes:
                        s.execute(update(table).where(table.c.id == row[0]).values(changes))
                        rewritten += 1
        return rewritten

    def _reseal(self, value: str) -> str:
        return self._cipher.rotate(value) if is_sealed(value) else self._cipher.encrypt(value)

    def rotate_keys(self, batch: int = 500) -> int:
        """Re-encrypt every stored text with the newest key; returns how many were rewritten."""
        rewritten = 0
        for model, column in ENCRYPTED:
            field = getattr(model, column)
            last_id = 0
            while True:
                with self._tx() as s:
                    rows = s.execute(
                        select(model.id, field)
                        .where(model.id > last_id, field.is_not(None))
                        .order_by(model.id)
                        .limit(batch)
                    ).all()
                    for row_id, token in rows:
                        s.execute(update(model).where(model.id == row_id).values({column: self._cipher.rotate(token)}))
                if not rows:
                    break
                last_id = rows[-1][0]
                rewritten += len(rows)
        return rewritten


def _profile(member: Member) -> dict:
    return {
        "name": member.display_name,
        "timezone": member.timezone,
        "timezone_set_by": "you" if member.zone_chosen else "your chat app",
        "role": member.role,
        "department": member.department,
        "status": member.status,
        "paused_until": _iso(member.paused_until),
        "themes": member.themes,
        "quiet_hours": [member.quiet_start, member.quiet_end],
        "timing": member.timing,
        "shifts": member.shifts,
        "joined": _iso(member.created_at),
        "chat_app_locale": member.locale or None,
        "open_safety_question_since": _iso(member.screening_since),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
