"""Facts for the admin report: ids, numbers and times only (never a clinician's words), for one workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select

from store.models import CoachRequest, Conversation, Delivery, Member, Pulse, Reflection, ReportSnapshot, Schedule
from store.repo_base import RepoBase


@dataclass(frozen=True)
class ReportFacts:
    members: list[tuple[int, str | None, str | None, str]]  # id, role, department, status
    sent: list[tuple[int, int, datetime]]  # member id, schedule id, sent at
    checkins: list[tuple[int, int | None, datetime, bool]]  # member id, schedule id, started at, replied
    pulses: list[tuple[int, str, int, datetime]]  # member id, kind, score, at
    requests: list[tuple[int, str, datetime, datetime | None]]  # requester id, status, created, matched
    schedules: dict[int, str]


class ReportRepo(RepoBase):
    def report_snapshot(self, workspace_id: int, key: str) -> dict | None:
        with self._tx() as s:
            return s.scalars(
                select(ReportSnapshot.body).where(
                    ReportSnapshot.workspace_id == workspace_id, ReportSnapshot.key == key
                )
            ).first()

    def keep_report_snapshot(self, workspace_id: int, key: str, body: dict, now: datetime) -> dict:
        """Store a month's figures once; if another process stored them first, theirs are returned and kept."""
        with self._tx() as s:
            row = {"workspace_id": workspace_id, "key": key, "body": body, "created_at": now}
            self._insert_ignore(s, ReportSnapshot, [row], ["workspace_id", "key"])
            return s.scalars(
                select(ReportSnapshot.body).where(
                    ReportSnapshot.workspace_id == workspace_id, ReportSnapshot.key == key
                )
            ).one()

    def report_facts(self, workspace_id: int, since: datetime, until: datetime) -> ReportFacts:
        """Ids, numbers and times in [since, until): the raw material of one report window."""
        with self._tx() as s:
            members = s.execute(
                select(Member.id, Member.role, Member.department, Member.status).where(
                    Member.workspace_id == workspace_id
                )
            ).all()
            sent = s.execute(
                select(Delivery.member_id, Delivery.schedule_id, Delivery.sent_at).where(
                    Delivery.workspace_id == workspace_id,
                    Delivery.status == "sent",
                    Delivery.sent_at >= since,
                    Delivery.sent_at < until,
                )
            ).all()
            replied = exists().where(Reflection.conversation_id == Conversation.id)
            checkins = s.execute(
                select(Conversation.member_id, Delivery.schedule_id, Conversation.started_at, replied)
                .outerjoin(Delivery, Delivery.id == Conversation.delivery_id)
                .where(
                    Conversation.workspace_id == workspace_id,
                    Conversation.started_at >= since,
                    Conversation.started_at < until,
                )
            ).all()
            pulses = s.execute(
                select(Pulse.member_id, Pulse.kind, Pulse.score, Pulse.created_at).where(
                    Pulse.workspace_id == workspace_id, Pulse.created_at >= since, Pulse.created_at < until
                )
            ).all()
            requests = s.execute(
                select(CoachRequest.requester_id, CoachRequest.status, CoachRequest.created_at,
                       CoachRequest.matched_at).where(
                    CoachRequest.workspace_id == workspace_id,
                    CoachRequest.created_at >= since,
                    CoachRequest.created_at < until,
                )
            ).all()  # fmt: skip
            schedules = dict(
                s.execute(select(Schedule.id, Schedule.name).where(Schedule.workspace_id == workspace_id)).all()
            )
        return ReportFacts([tuple(r) for r in members], [tuple(r) for r in sent], [tuple(r) for r in checkins],
                           [tuple(r) for r in pulses], [tuple(r) for r in requests], schedules)  # fmt: skip


def _snapshot(workspace_id: int, key: str):
    return select(ReportSnapshot.body).where(ReportSnapshot.workspace_id == workspace_id, ReportSnapshot.key == key)
