"""The deliverer: claim due outbox rows, decide send or skip, send through the platform's Sender, record the outcome.

Rules, in order, for each claimed row: a row more than the grace window late is `missed`; a
paused or deleted schedule, a paused or stopped member, quiet hours right now, an open
conversation, or a check-in in the last few hours make it `skipped`; a row whose earlier attempt
has an unknown outcome is first looked up in the member's DM (by delivery id) so a crash between
"sent" and "marked sent" never doubles a message; then it is paced and sent. 429s are retried
after Retry-After without spending an attempt; 5xx and timeouts back off and count; after
`max_attempts` the row is `failed` with the reason.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta

from handlers.checkin import dialogue as checkin
from handlers.core.vocabulary import OrgSettings
from scheduler.background import Background, every
from scheduler.batch import BatchView, SentRecorder
from scheduler.decide import DeliverySettings, Prepared, decide, sent_record
from scheduler.pace_memory import PaceMemory
from scheduler.pacer import Pacer
from scheduler.sender import Sender, SendResult
from store import Store
from store.models import Delivery
from store.repo_delivery_batch import SentRecord

logger = logging.getLogger(__name__)

MIN_PER_WORKSPACE = 4  # rows a workspace may have in flight here whatever its pace
LOOKAHEAD_S = 2.0  # claim about this many seconds' worth of sends at the pacer's current rates


class Deliverer:
    def __init__(
        self,
        store: Store,
        senders: Mapping[str, Sender],
        pacer: Pacer,
        *,
        worker_id: str,
        clock: Callable[[], datetime],
        settings: DeliverySettings = DeliverySettings(),
        org: OrgSettings = OrgSettings(),
        background: Background | None = None,
    ) -> None:
        self._store, self._senders, self._pacer = store, senders, pacer
        self._worker, self._clock, self._settings, self._org = worker_id, clock, settings, org
        self._in_flight: set[asyncio.Task] = set()
        self._held: set[int] = set()  # ids of rows claimed and not yet finished, their leases renewed by heartbeat
        self._waiting: Counter[int] = Counter()  # rows in flight per workspace id
        self._lanes: dict[int, str] = {}  # workspace id -> its pacer lane
        self._background = background or Background()
        self._recorder = SentRecorder(self._background, self._write_sent)
        self.paces = PaceMemory(store, pacer, self._background, clock, worker_id)

    async def run_once(self) -> int:
        """Claim what is due now and deliver all of it; returns how many rows were claimed."""
        rows = await self._claim(self._settings.concurrency)
        await self._deliver_batch(rows)
        return len(rows)

    async def run(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        """Keep up to `concurrency` rows in flight until `stop`; `wake` says new rows are due."""
        await self.paces.restore()
        beat = asyncio.create_task(self._beat(stop))
        paces = asyncio.create_task(self.paces.run(stop))
        try:
            await self._loop(stop, wake)
        finally:
            beat.cancel()
            if stop.is_set():
                await paces  # it keeps what the lanes learned once more, for whoever starts next
            else:
                paces.cancel()

    async def _beat(self, stop: asyncio.Event) -> None:
        async for _ in every(self._settings.heartbeat, stop):
            try:
                await self.heartbeat()
            except Exception:
                logger.exception("lease renewal failed; retrying at the next beat")

    async def heartbeat(self) -> int:
        """Renew the leases of every row this worker holds, those waiting on the pacer included; returns how many."""
        ids = sorted(self._held)
        if not ids:
            return 0
        lease_until = self._clock() + self._settings.lease
        held = await self._background.run(self._store.outbox.renew, self._worker, ids, lease_until)
        lost = [i for i in ids if i not in held and i in self._held]
        if lost:  # finished while the renewal ran (their write landed first), or taken over by another worker
            logger.debug("%d rows were no longer claimed by this worker at renewal", len(lost))
        return len(held)

    async def _loop(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        while not stop.is_set():
            # Each workspace gets rows for about LOOKAHEAD_S of its own pace: rows prepared long before their slot
            # waste a lease. Claims come in chunks of about one workspace's share, and a workspace with its share
            # is left out of the next claim, so a big backlog fills only its own share and never starves the rest.
            free = self._settings.concurrency - len(self._in_flight)
            chunk = min(free, max(MIN_PER_WORKSPACE, math.ceil(self._pacer.default_rate * LOOKAHEAD_S)))
            rows = await self._claim(chunk, self._full_workspaces()) if chunk > 0 else []
            if rows:
                for task in await self._start_batch(rows):
                    self._in_flight.add(task)
                    task.add_done_callback(self._in_flight.discard)
            if not rows or len(self._in_flight) >= self._settings.concurrency:
                await self._wait_for_room(stop, wake)
        if self._in_flight:
            await asyncio.wait(self._in_flight)  # rows already claimed are finished before stopping

    async def _wait_for_room(self, stop: asyncio.Event, wake: asyncio.Event) -> None:
        """Until new rows are due, a workspace has sent half its share, or the poll interval has passed."""
        wake.clear()
        waiters = [asyncio.ensure_future(e.wait()) for e in (stop, wake)]
        deadline = asyncio.get_running_loop().time() + self._settings.poll_interval
        try:
            while True:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    return
                done, _ = await asyncio.wait(
                    [*waiters, *self._in_flight], timeout=left, return_when=asyncio.FIRST_COMPLETED
                )
                if any(w in done for w in waiters) or self._room():
                    return
        finally:
            for waiter in waiters:
                waiter.cancel()

    def _room(self) -> bool:
        free = self._settings.concurrency - len(self._in_flight)
        return free > 0 and any(waiting <= self._share(ws) // 2 for ws, waiting in self._waiting.items())

    def _share(self, workspace_id: int) -> int:
        lane = self._lanes.get(workspace_id)
        rate = self._pacer.rate(lane) if lane else self._pacer.default_rate
        return max(MIN_PER_WORKSPACE, math.ceil(rate * LOOKAHEAD_S))

    async def _claim(self, limit: int, skip_workspaces: list[int] | None = None) -> list[Delivery]:
        rows = await self._background.run(
            self._store.outbox.claim,
            self._worker,
            self._clock(),
            limit,
            self._settings.lease,
            skip_workspaces=skip_workspaces or (),
        )
        # Bookkeeping stays on the event loop's thread (the heartbeat and the claim loop read it there).
        self._held.update(row.id for row in rows)
        self._waiting.update(row.workspace_id for row in rows)
        return rows

    def _full_workspaces(self) -> list[int]:
        """Workspaces with as many rows in flight here as their pace sends in the look-ahead: claim others first."""
        return [ws for ws, waiting in self._waiting.items() if waiting >= self._share(ws)]

    def _release(self, row: Delivery) -> None:
        """The row is done with here (finished, given back, or left to its lease)."""
        self._held.discard(row.id)
        self._waiting[row.workspace_id] -= 1
        if self._waiting[row.workspace_id] <= 0:
            del self._waiting[row.workspace_id]

    async def deliver(self, row: Delivery) -> str:
        """Take one claimed row to a final or retry state; returns the status recorded."""
        statuses = await self._deliver_batch([row])
        return statuses[0] if statuses else "error"

    async def _deliver_batch(self, rows: list[Delivery]) -> list[str]:
        tasks = await self._start_batch(rows)
        return list(await asyncio.gather(*tasks))

    async def _start_batch(self, rows: list[Delivery]) -> list[asyncio.Task]:
        """Decide a batch of rows at once (rows to skip are recorded there); a task sends each of the rest."""
        try:
            prepared, decided, dropped = await self._background.run(self._prepare_batch, rows, self._clock())
        except Exception:
            logger.exception("%d deliveries could not be prepared; retried when their leases expire", len(rows))
            for row in rows:
                self._release(row)
            return [asyncio.create_task(asyncio.sleep(0, "error")) for _ in rows]
        for row in dropped:
            self._release(row)
        tasks = [asyncio.create_task(asyncio.sleep(0, status)) for status in decided]  # already done: their status
        return tasks + [asyncio.create_task(self._deliver_prepared(p)) for p in prepared]

    async def _deliver_prepared(self, p: Prepared) -> str:
        try:
            return await self._send(p)
        except Exception:
            logger.exception("delivery %s failed unexpectedly; its lease will expire and it will be retried", p.row.id)
            return "error"
        finally:
            self._release(p.row)

    def _prepare_batch(self, rows: list[Delivery], now: datetime) -> tuple[list[Prepared], list[str], list[Delivery]]:
        """Read what the batch needs in a few queries, decide each row, and record the skips in one transaction.

        Returns the rows to send, the statuses recorded, and every row this worker is done with (skips, errors).
        """
        view = BatchView(self._store, self._store.outbox.delivery_context(rows, now - checkin.STEP_LOOKBACK))
        prepared, finals, dropped = [], [], []
        for row in rows:
            try:
                outcome = decide(view, row, now, grace=self._settings.grace, org=self._org)
            except Exception:
                logger.exception(
                    "delivery %s could not be decided; its lease will expire and it will be retried", row.id
                )
                dropped.append(row)
                continue
            (finals if isinstance(outcome, tuple) else prepared).append(
                outcome if isinstance(outcome, Prepared) else (row, *outcome)
            )
        with self._store.together():
            for row, status, reason in finals:
                self._finish(row, status, reason)
                dropped.append(row)
        return prepared, [status for _, status, _ in finals], dropped

    async def _send(self, p: Prepared) -> str:
        sender = self._senders.get(p.workspace.platform)
        if sender is None:
            await self._background.run(self._finish, p.row, "failed", f"no sender for {p.workspace.platform}")
            return "failed"
        key = f"{p.workspace.platform}:{p.workspace.external_id}"
        self._lanes[p.workspace.id] = key
        parts, refs, channel = p.out.replies, [], None
        # Each part carries its number; parts already recorded as out are never posted again.
        for index in range(min(p.row.parts_sent, len(parts)), len(parts)):
            out = replace(p.out, replies=(parts[index],), part=index, parts=len(parts))
            result = None
            if p.row.outcome_unknown and index == p.row.parts_sent:
                result = await sender.find_sent(out, since=p.row.created_at)  # the part a crash may have posted
            if result is None:
                await self._pacer.acquire(key)
                result = await sender.send(out)
                if result.status != "sent":
                    return await self._outcome(p, result, key)
                self._pacer.succeeded(key)
            refs.append(result.message_ref)
            channel = result.dm_channel or channel
            if index + 1 < len(parts) and not await self._background.run(
                self._store.outbox.mark_parts, p.row.id, self._worker, index + 1
            ):
                logger.warning("delivery %s: lost its claim between parts", p.row.id)
                return "lost"
        ref = refs[0] if len(refs) == 1 else {"parts": refs}
        return await self._record_sent(p, SendResult("sent", ref, dm_channel=channel))

    async def _outcome(self, p: Prepared, result: SendResult, key: str) -> str:
        now = self._clock()
        if result.status == "throttled":
            self._pacer.throttled(key, result.retry_after)
            due = now + timedelta(seconds=result.retry_after or 1.0)
            await self._background.run(
                self._store.outbox.retry_later, p.row.id, self._worker, due, "rate limited", False, refund=True
            )
            return "pending"
        if result.status == "retry" and p.row.attempts < self._settings.max_attempts:
            due = now + timedelta(seconds=self._settings.backoff_base * 2 ** (p.row.attempts - 1))
            await self._background.run(self._store.outbox.retry_later, p.row.id, self._worker, due, result.reason, True)
            return "pending"
        if result.status == "unreachable":
            await self._background.run(
                self._store.members.update_member, p.workspace.id, p.member.id, unreachable_reason=result.reason[:200]
            )
        status = "unreachable" if result.status == "unreachable" else "failed"
        reason = (
            result.reason if result.status != "retry" else f"gave up after {p.row.attempts} attempts: {result.reason}"
        )
        await self._background.run(self._finish, p.row, status, reason)
        return status

    async def _record_sent(self, p: Prepared, result: SendResult) -> str:
        record = sent_record(p, result, self._clock())
        # The open check-in and the row marked sent land together, or neither does; only while the claim is held.
        if not await self._recorder.record(record):
            logger.warning("delivery %s: lost its claim before recording sent", p.row.id)
            return "lost"
        return "sent"

    def _write_sent(self, records: list[SentRecord]) -> set[int]:
        return self._store.outbox.record_sent_batch(self._worker, self._clock(), records)

    def _finish(self, row: Delivery, status: str, reason: str) -> None:
        if not self._store.outbox.finish(row.id, self._worker, status, self._clock(), reason=reason[:200]):
            logger.warning("delivery %s: lost its claim before recording %s", row.id, status)
