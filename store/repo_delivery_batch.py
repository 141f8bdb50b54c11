"""Delivery in batches: everything deciding a batch of outbox rows in a few queries, and their outcomes in one go.

Per row, the deliverer needs the member, the workspace, the schedule, the member's own schedule and
channels, their open conversation, their last check-in, recent questions, an open small step and
when the burnout pulse was last asked. Asked row by row that is a dozen queries each; here it is one
query per kind for the whole batch.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update

from store.models import ChannelMember, Commitment, Conversation, Delivery, Member, Pulse, Schedule, Workspace
from store.repo_base import RepoBase
from store.repo_conversations import OpenStep

RECENT_QUESTIONS = 30  # as asked_question_ids


@dataclass
class DeliveryContext:
    """What deciding a batch of rows reads, keyed by id (member ids are unique across workspaces)."""

    workspaces: dict[int, Workspace] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    schedules: dict[int, Schedule] = field(default_factory=dict)  # not deleted
    personal: dict[int, Schedule] = field(default_factory=dict)  # member id -> their own schedule, not deleted
    channels: dict[int, list[str]] | None = None  # loaded only when a schedule of the batch has a channel audience
    open_conversations: dict[int, Conversation] = field(default_factory=dict)  # member id -> newest open one
    last_sent: dict[int, datetime] = field(default_factory=dict)
    asked: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # newest first
    steps: dict[int, list[OpenStep]] = field(default_factory=lambda: defaultdict(list))  # newest first
    pulse_at: dict[tuple[int, str], datetime] = field(default_factory=dict)
    pulse_asked: dict[tuple[int, str], datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class SentRecord:
    """One row to mark sent, with the conversation it opens and any change to its member."""

    delivery_id: int
    workspace_id: int
    member_id: int
    message_ref: dict | None
    conversation: dict  # the fields of open_conversation
    member_changes: dict  # dm_channel and/or welcomed


class DeliveryBatchRepo(RepoBase):
    def delivery_context(self, rows: list[Delivery], steps_since: datetime) -> DeliveryContext:
        """Load what deciding `rows` needs (see the module docstring), one query per kind."""
        ctx = DeliveryContext()
        if not rows:
            return ctx
        member_ids = sorted({r.member_id for r in rows})
        with self._tx() as s:
            ctx.workspaces = {
                w.id: w for w in s.scalars(select(Workspace).where(Workspace.id.in_({r.workspace_id for r in rows})))
            }
            ctx.members = {m.id: m for m in s.scalars(select(Member).where(Member.id.in_(member_ids)))}
            live = Schedule.status != "deleted"
            ctx.schedules = {
                x.id: x for x in s.scalars(select(Schedule).where(Schedule.id.in_({r.schedule_id for r in rows}), live))
            }
            for own in s.scalars(select(Schedule).where(Schedule.owner_member_id.in_(member_ids), live)):
                ctx.personal.setdefault(own.owner_member_id, own)
            if any(x.audience_kind == "channel" for x in ctx.schedules.values()):
                ctx.channels = defaultdict(list)
                pairs = s.execute(
                    select(ChannelMember.member_id, ChannelMember.channel_id).where(
                        ChannelMember.member_id.in_(member_ids)
                    )
                )
                for member_id, channel in pairs:
                    ctx.channels[member_id].append(channel)
            open_convs = select(Conversation).where(
                Conversation.member_id.in_(member_ids), Conversation.closed_at.is_(None)
            )
            for conv in s.scalars(open_convs.order_by(Conversation.id)):
                ctx.open_conversations[conv.member_id] = conv  # the newest wins, as current_conversation
            sent = select(Delivery.member_id, func.max(Delivery.sent_at)).where(
                Delivery.member_id.in_(member_ids), Delivery.status == "sent"
            )
            ctx.last_sent = {m: t for m, t in s.execute(sent.group_by(Delivery.member_id)) if t is not None}
            self._history(s, ctx, member_ids, steps_since)
        return ctx

    def _history(self, s, ctx: DeliveryContext, member_ids: list[int], steps_since: datetime) -> None:
        rank = (
            func.row_number()
            .over(
                partition_by=Conversation.member_id, order_by=(Conversation.started_at.desc(), Conversation.id.desc())
            )
            .label("rank")
        )
        recent = (
            select(Conversation.member_id, Conversation.question_id, rank)
            .where(Conversation.member_id.in_(member_ids))
            .subquery()
        )
        for member_id, question_id, _ in s.execute(
            select(recent).where(recent.c.rank <= RECENT_QUESTIONS).order_by(recent.c.member_id, recent.c.rank)
        ):
            ctx.asked[member_id].append(question_id)
        steps = select(Commitment).where(
            Commitment.member_id.in_(member_ids),
            Commitment.followed_up_at.is_(None),
            Commitment.created_at >= steps_since,
            Commitment.body.is_not(None),
        )
        for row in s.scalars(steps.order_by(Commitment.created_at.desc())):
            text = self._cipher.decrypt(row.body)
            if text is not None:
                ctx.steps[row.member_id].append(OpenStep(row.id, text, row.created_at, row.due_at))
        pulses = select(Pulse.member_id, Pulse.kind, func.max(Pulse.created_at)).where(Pulse.member_id.in_(member_ids))
        ctx.pulse_at = {(m, k): t for m, k, t in s.execute(pulses.group_by(Pulse.member_id, Pulse.kind))}
        asked = select(Conversation.member_id, Conversation.pulse_kind, func.max(Conversation.started_at)).where(
            Conversation.member_id.in_(member_ids), Conversation.pulse_kind.is_not(None)
        )
        ctx.pulse_asked = {
            (m, k): t for m, k, t in s.execute(asked.group_by(Conversation.member_id, Conversation.pulse_kind))
        }

    def record_sent_batch(self, worker: str, now: datetime, records: list[SentRecord]) -> set[int]:
        """Mark rows sent and open their check-ins, in one transaction; only rows `worker` still holds.

        Returns the ids recorded. A row whose claim was lost (its lease ran out and another worker took it)
        is left alone: that worker looks the message up and records it.
        """
        if not records:
            return set()
        with self._tx() as s:
            held_q = select(Delivery.id).where(
                Delivery.id.in_([r.delivery_id for r in records]),
                Delivery.claimed_by == worker,
                Delivery.status == "claimed",
            )
            if self.dialect == "postgresql":
                held_q = held_q.with_for_update()
            held = set(s.scalars(held_q))
            mine = [r for r in records if r.delivery_id in held]
            if not mine:
                return held
            table = Delivery.__table__  # Core with a list of rows: one executemany, not an ORM unit of work
            s.execute(
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values(
                    status="sent",
                    sent_at=now,
                    reason=None,
                    lease_until=None,
                    outcome_unknown=False,
                    message_ref=bindparam("ref"),
                ),
                [{"row_id": r.delivery_id, "ref": r.message_ref} for r in mine],
            )
            conversations = Conversation.__table__
            s.execute(
                update(conversations)
                .where(conversations.c.member_id.in_([r.member_id for r in mine]), conversations.c.closed_at.is_(None))
                .values(closed_at=now, outcome="replaced")
            )
            s.execute(
                insert(conversations),
                [
                    {
                        "workspace_id": r.workspace_id,
                        "member_id": r.member_id,
                        "started_at": now,
                        "last_activity_at": now,
                        "followups": [],
                        **r.conversation,
                    }
                    for r in mine
                ],
            )
            self._member_changes(s, mine)
        return held

    def _member_changes(self, s, records: list[SentRecord]) -> None:
        members = Member.__table__
        shapes: dict[tuple, list[dict]] = defaultdict(list)
        for r in records:
            if r.member_changes:
                shapes[tuple(sorted(r.member_changes))].append(
                    {"mid": r.member_id, **{f"v_{k}": v for k, v in r.member_changes.items()}}
                )
        for keys, params in shapes.items():
            s.execute(
                update(members).where(members.c.id == bindparam("mid")).values({k: bindparam(f"v_{k}") for k in keys}),
                params,
            )
