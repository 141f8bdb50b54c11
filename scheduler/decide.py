"""Deciding one claimed outbox row: skip it (and why), or the message to send and the plan to record once it is out."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from handlers.checkin import dialogue as checkin
from handlers.core.context import first_name, member_language, member_zone
from handlers.core.help import welcome_reply
from handlers.core.vocabulary import OrgSettings, Reply
from handlers.timing import due as planning
from scheduler.batch import BatchView, ConversationFields
from scheduler.sender import Outgoing, Recipient, SendResult
from store import Store
from store.models import Delivery, Member, Workspace
from store.repo_delivery_batch import SentRecord


@dataclass(frozen=True)
class DeliverySettings:
    grace: timedelta = timedelta(hours=2)
    lease: timedelta = timedelta(seconds=30)  # a dead worker's rows are claimable again within this
    heartbeat: float = 10.0  # seconds between lease renewals of the rows this worker holds
    max_attempts: int = 5
    concurrency: int = 1024  # rows in flight per worker, all workspaces together (most wait at their own pace)
    backoff_base: float = 2.0  # seconds; doubled per attempt
    poll_interval: float = 1.0


@dataclass(frozen=True)
class Prepared:
    """A row ready to send: who, what, and the plan to record once it is out."""

    row: Delivery
    member: Member
    workspace: Workspace
    plan: checkin.CheckinPlan
    out: Outgoing


def decide(
    store: BatchView, row: Delivery, now: datetime, *, grace: timedelta, org: OrgSettings
) -> Prepared | tuple[str, str]:
    """The rules of the module docstring of scheduler.delivery, in order: a (status, reason) to record, or a send."""
    workspace = store.members.workspace(row.workspace_id)
    member = store.members.member(row.workspace_id, row.member_id)
    schedule = store.schedules.schedule(row.workspace_id, row.schedule_id)
    if member is None:
        return "failed", "member no longer exists"
    if now - row.due_at > grace:
        return "missed", "missed: outside the grace window"
    if schedule is None or schedule.status != "active":
        return "skipped", "schedule paused or deleted"
    if row.kind == "checkin" and not schedule_still_reaches(store, schedule, member):
        return "skipped", "no longer in the audience"
    if member.unreachable_reason:
        return "unreachable", member.unreachable_reason
    conv = store.checkins.current_conversation(workspace.id, member.id)
    # A check-in left idle past the quiet-close time no longer counts, even before housekeeping closes it.
    in_conversation = conv is not None and now - conv.last_activity_at < checkin.IDLE_CLOSE
    last = None if row.kind == "snooze" else store.outbox.last_checkin_sent(member.id, exclude=row.id)
    reason = planning.skip_reason(member, workspace, now, last_sent=last, in_conversation=in_conversation)
    if reason is not None:
        return "skipped", reason
    plan = checkin.plan_checkin(
        store,
        member,
        now,
        theme=schedule.theme,
        local_hour=now.astimezone(member_zone(member)).hour,
        seed=row.id,
        language=(language := member_language(member, workspace)),
    )
    replies = checkin.render_checkin(plan, member, scheduled=True, seed=row.id)
    if not member.welcomed:
        # One post, not two: the welcome opens the first check-in (one notification during a shift).
        days = (workspace.settings or {}).get("retention_days") or org.retention_days
        replies = fold_welcome(welcome_reply(first_name(member), days, language), replies)
    out = Outgoing(Recipient.of(member, workspace), tuple(_with_id(r, row.id) for r in replies), row.id)
    return Prepared(row, member, workspace, plan, out)


def sent_record(p: Prepared, result: SendResult, now: datetime) -> SentRecord:
    """What recording a sent row writes: the open check-in (as handlers decide it) and the member's changes."""
    changes = {}
    if result.dm_channel and result.dm_channel != p.member.dm_channel:
        changes["dm_channel"] = result.dm_channel
    if not p.member.welcomed:
        changes["welcomed"] = True
    conversation = ConversationFields()  # handlers decide what the open check-in holds; the write is batched
    checkin.open_checkin(conversation, p.member, p.plan, now, delivery_id=p.row.id)
    return SentRecord(p.row.id, p.workspace.id, p.member.id, result.message_ref, conversation.fields, changes)


def schedule_still_reaches(store: Store, schedule, member: Member) -> bool:
    """The audience is checked again at send time: a member may have left a channel or set their own time."""
    return planning.reaches(store, schedule, member)


def fold_welcome(welcome: Reply, replies: list[Reply]) -> list[Reply]:
    """The welcome and the first reply as one message (the first reply keeps its buttons)."""
    if not replies:
        return [welcome]
    return [replace(replies[0], text=f"{welcome.text}\n\n{replies[0].text}"), *replies[1:]]


def _with_id(reply: Reply, delivery_id: int) -> Reply:
    return replace(reply, delivery_id=delivery_id)
