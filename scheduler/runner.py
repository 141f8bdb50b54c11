"""APScheduler wiring: the tick every 15 seconds (leader only), housekeeping, and the deliverer loop, in one process.

APScheduler only says *when*; what is due lives in our own tables, so any number of processes can
run this: the tick is guarded by the leader lock and delivery claims are leased, so nothing runs
twice and a crashed process loses nothing.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from handlers.core.vocabulary import OrgSettings
from scheduler import jobs
from scheduler.background import Background
from scheduler.delivery import Deliverer, DeliverySettings
from scheduler.notify import notify
from scheduler.pacer import Pacer
from scheduler.sender import Sender
from scheduler.tick import tick
from store import Store

logger = logging.getLogger(__name__)

TICK_SECONDS = "*/15"


def utcnow() -> datetime:
    """The one wall clock (UTC): every default `clock` in scheduler and bot is this; tests pass their own."""
    return datetime.now(UTC)


class Runner:
    def __init__(
        self,
        store: Store,
        senders: Mapping[str, Sender],
        *,
        org: OrgSettings = OrgSettings(),
        pacer: Pacer | None = None,
        delivery: DeliverySettings = DeliverySettings(),
        clock: Callable[[], datetime] = utcnow,
        worker_id: str = "",
        directory_sync: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.store, self.senders, self.org, self.clock = store, senders, org, clock
        # A stable id (MICROCOACH_WORKER_ID) lets a restarted worker take back its own claims at once. Without
        # one, a random part keeps two processes apart even when a container reuses a pid; a dead process's rows
        # come back through their short lease instead.
        self.stable_id = bool(worker_id)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.pacer = pacer or Pacer()
        self.directory_sync = directory_sync
        self.background = Background()
        self.deliverer = Deliverer(
            store,
            senders,
            self.pacer,
            worker_id=self.worker_id,
            clock=clock,
            settings=delivery,
            org=org,
            background=self.background,
        )
        self.leader = store.leader_lock()
        self._scheduler: AsyncIOScheduler | None = None
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task | None = None

    def start(self) -> None:
        """Start inside a running event loop (AsyncIOScheduler needs one)."""
        scheduler = AsyncIOScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30}
        )
        # Every 15 s: only the leader ticks, and a standby tries for the lead each time, so the lead moves within
        # 15 s of a leader's death (its advisory lock goes with its connection).
        scheduler.add_job(
            self.tick_now, CronTrigger(second=TICK_SECONDS, timezone=UTC), id="tick", replace_existing=True
        )
        scheduler.add_job(self.housekeeping, IntervalTrigger(minutes=5), id="housekeeping", replace_existing=True)
        scheduler.add_job(self.daily, CronTrigger(hour=3, minute=17, timezone=UTC), id="daily", replace_existing=True)
        if self.directory_sync is not None:
            scheduler.add_job(
                self.directory_sync,
                CronTrigger(hour=4, minute=7, timezone=UTC),
                id="directory",
                replace_existing=True,
                next_run_time=datetime.now(UTC),
            )
        if self.stable_id:
            released = self.store.outbox.release_claims(self.worker_id)
            if released:
                logger.info("took back %d rows this worker had claimed before a restart", released)
        scheduler.start()
        self._scheduler = scheduler
        self._loop_task = asyncio.create_task(self.deliverer.run(self._stop, self._wake))
        logger.info("scheduler started as %s", self.worker_id)

    async def stop(self) -> None:
        self._stop.set()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
        if self._loop_task is not None:
            await self._loop_task
        self.leader.release()
        self.background.close()

    async def tick_now(self) -> int:
        """One tick if this process leads; wakes the deliverer when rows were created."""
        if not await self.background.run(self.leader.try_acquire):
            return 0
        result = await self.background.run(tick, self.store, self.clock())
        if result.created:
            self._wake.set()
        return result.created

    async def housekeeping(self) -> None:
        now = self.clock()
        await self.background.run(jobs.close_idle_checkins, self.store, now)
        for workspace, reply in await self.background.run(jobs.expire_coach_offers, self.store, now, self.org):
            await notify(self.store, self.senders, workspace, reply)

    async def daily(self) -> None:
        now = self.clock()
        await self.background.run(jobs.apply_retention, self.store, now, self.org)
        await self.background.run(jobs.purge_old_records, self.store, now)
