"""Batched delivery bookkeeping: a store view answering a batch's reads from memory, and sent rows written together."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from scheduler.background import Background
from store import Store
from store.repo_delivery_batch import DeliveryContext, SentRecord

MAX_RECORDS = 500  # sent rows per write transaction


class _RepoView:
    """One repository of the store, with some of its reads answered from the batch; the rest go to the store."""

    def __init__(self, repo, **answers) -> None:
        self._repo = repo
        self.__dict__.update(answers)

    def __getattr__(self, name: str):
        return getattr(self._repo, name)


class BatchView:
    """The store, as deciding one batch of rows sees it: the reads it makes come from one `DeliveryContext`.

    Handlers' planning code takes a store and asks it per member; handed this view instead, the same code
    runs unchanged on data loaded in a few queries. Anything the context does not hold goes to the store.
    """

    def __init__(self, store: Store, ctx: DeliveryContext) -> None:
        self._store, self._ctx = store, ctx
        # The same repositories handlers use (store.members, ...), with the batch's reads answered from memory.
        self.members = _RepoView(store.members, workspace=self.workspace, member=self.member,
                                 channels_of=self.channels_of)  # fmt: skip
        self.schedules = _RepoView(store.schedules, schedule=self.schedule, personal_schedule=self.personal_schedule)
        self.checkins = _RepoView(store.checkins, current_conversation=self.current_conversation,
                                  asked_question_ids=self.asked_question_ids, open_step=self.open_step,
                                  last_pulse_at=self.last_pulse_at, last_pulse_asked=self.last_pulse_asked)  # fmt: skip
        self.outbox = _RepoView(store.outbox, last_checkin_sent=self.last_checkin_sent)

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def workspace(self, workspace_id: int):
        return self._ctx.workspaces.get(workspace_id) or self._store.members.workspace(workspace_id)

    def member(self, workspace_id: int, member_id: int):
        member = self._ctx.members.get(member_id)
        return member if member is not None and member.workspace_id == workspace_id else None

    def schedule(self, workspace_id: int, schedule_id: int):
        schedule = self._ctx.schedules.get(schedule_id)
        return schedule if schedule is not None and schedule.workspace_id == workspace_id else None

    def personal_schedule(self, workspace_id: int, member_id: int):
        return self._ctx.personal.get(member_id)

    def channels_of(self, workspace_id: int, member_id: int) -> list[str]:
        if self._ctx.channels is None:
            return self._store.members.channels_of(workspace_id, member_id)
        return list(self._ctx.channels.get(member_id, ()))

    def current_conversation(self, workspace_id: int, member_id: int):
        return self._ctx.open_conversations.get(member_id)

    def last_checkin_sent(self, member_id: int, exclude: int | None = None) -> datetime | None:
        return self._ctx.last_sent.get(member_id)  # rows of the batch are claimed, not sent: none to exclude

    def asked_question_ids(self, member_id: int, limit: int = 30) -> list[str]:
        return self._ctx.asked.get(member_id, [])[:limit]

    def open_step(self, member_id: int, since: datetime, now: datetime | None = None):
        """As the store's: the newest step since `since`; with `now`, only one whose own time has come."""
        return next(
            (
                step
                for step in self._ctx.steps.get(member_id, ())
                if step.created_at >= since and (now is None or step.due_at is None or step.due_at <= now)
            ),
            None,
        )

    def last_pulse_at(self, member_id: int, kind: str) -> datetime | None:
        return self._ctx.pulse_at.get((member_id, kind))

    def last_pulse_asked(self, member_id: int, kind: str) -> datetime | None:
        return self._ctx.pulse_asked.get((member_id, kind))


class ConversationFields:
    """Stands in for the store while open_checkin runs: keeps the fields it would open a conversation with."""

    def __init__(self) -> None:
        self.fields: dict = {}
        self.checkins = self  # open_checkin writes through store.checkins

    def open_conversation(self, workspace_id: int, member_id: int, now: datetime, **fields) -> None:
        self.fields = fields

    def latest_conversation(self, workspace_id: int, member_id: int) -> None:
        """Not looked up per row on a fan-out: a scheduled check-in starts with no reflection to avoid repeating
        (the variety of reflections comes from the check-in's own seed)."""
        return None


class SentRecorder:
    """Writes sent rows in batches: one write in flight at a time; rows sent meanwhile join the next one."""

    def __init__(self, background: Background, write: Callable[[list[SentRecord]], set[int]]) -> None:
        self._background, self._write = background, write
        self._queue: list[tuple[SentRecord, asyncio.Future]] = []
        self._draining = False

    async def record(self, record: SentRecord) -> bool:
        """True once the row is recorded; False if its claim was lost to another worker."""
        future = asyncio.get_running_loop().create_future()
        self._queue.append((record, future))
        if not self._draining:
            self._draining = True
            asyncio.get_running_loop().create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        try:
            await asyncio.sleep(0)  # sends that finished at the same moment join this write
            while self._queue:
                batch, self._queue = self._queue[:MAX_RECORDS], self._queue[MAX_RECORDS:]
                try:
                    held = await self._background.run(self._write, [record for record, _ in batch])
                except Exception as problem:
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(problem)
                    continue
                for record, future in batch:
                    if not future.done():
                        future.set_result(record.delivery_id in held)
        finally:
            self._draining = False
