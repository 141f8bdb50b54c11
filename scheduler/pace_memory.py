"""The pacer's memory across workers: where a starting worker begins each lane, and when a peer has left one.

Without it, a worker restarted mid-fan-out (a crash, a deploy, no MICROCOACH_WORKER_ID) probes every workspace
from the starting rate again, spending seconds below limits it had already found. And workers sharing a lane
each settle on their share of its limit: when one dies, the others would keep to their shares for minutes,
because nothing in their own sending says the platform would now take more.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from scheduler.background import Background, every
from scheduler.pacer import Pacer
from store import Store
from store.rows import LearnedPace

logger = logging.getLogger(__name__)

PACE_MEMORY = timedelta(days=1)  # a lane's pace learned this recently is where a starting worker begins
SYNC_SECONDS = 2.0  # how often a sending worker writes its lanes and counts its peers on them
PEER_ALIVE = timedelta(seconds=5)  # a peer that wrote this recently is still sending


class PaceMemory:
    def __init__(
        self, store: Store, pacer: Pacer, background: Background, clock: Callable[[], datetime], worker: str
    ) -> None:
        self._store, self._pacer, self._background, self._clock = store, pacer, background, clock
        self._worker = worker
        self._first_seen: dict[tuple[str, str], datetime] = {}  # (lane, peer) -> its time when first seen
        self._peers: Counter[str] = Counter()  # peers sending on each lane at the last sync

    async def restore(self) -> int:
        """Start each lane where it was last left (learned within PACE_MEMORY); returns how many lanes."""
        try:
            paces = await self._background.run(self._store.pacing.learned_paces, self._clock() - PACE_MEMORY)
        except Exception:
            logger.exception("learned paces could not be read; lanes start from their starting rates")
            return 0
        self._pacer.restore(paces)
        return len(paces)

    async def run(self, stop: asyncio.Event) -> None:
        """Sync every SYNC_SECONDS until `stop`, then keep everything learned once more."""
        async for _ in every(SYNC_SECONDS, stop):
            await self.sync()
        await self.keep(self._pacer.learned())

    async def sync(self) -> list[str]:
        """Write the lanes sending now, count the peers on them, and free what a departed peer held; returns those."""
        sending = self._pacer.learned(sent_within=SYNC_SECONDS * 2)
        if not sending or not await self.keep(sending):
            return []
        try:
            seen = await self._background.run(
                self._store.pacing.peers_on, self._worker, sending, self._clock() - PEER_ALIVE
            )
        except Exception:
            logger.exception("peers on the lanes could not be counted; retrying at the next sync")
            return []
        peers = self._sending_peers(seen)
        freed = [lane for lane in sending if peers[lane] < self._peers[lane]]
        for lane in freed:
            self._pacer.freed(lane)
        if freed:
            logger.info("a peer stopped sending on %d lanes: climbing to their limits", len(freed))
        self._peers = peers
        return freed

    def _sending_peers(self, seen: dict[str, dict[str, datetime]]) -> Counter[str]:
        """Peers per lane whose writes have moved on since first seen: a worker that died just before this one
        started (its own predecessor, after a crash) wrote once more at most, and never was a peer."""
        peers: Counter[str] = Counter()
        first_seen = {}
        for lane, workers in seen.items():
            for worker, at in workers.items():
                first = first_seen[(lane, worker)] = self._first_seen.get((lane, worker), at)
                peers[lane] += at > first
        self._first_seen = first_seen  # a peer gone quiet is forgotten
        return peers

    async def keep(self, paces: dict[str, LearnedPace]) -> bool:
        """Write what these lanes know now; False if it could not be written (tried again at the next sync)."""
        if not paces:
            return True
        try:
            await self._background.run(self._store.pacing.remember_paces, self._worker, paces, self._clock())
        except Exception:
            logger.exception("learned paces could not be kept; retrying at the next sync")
            return False
        return True
