"""The pacer's memory across workers: a starting worker begins each lane where the last one to send on it left it.

Without it, a worker restarted mid-fan-out (a crash, a deploy, no MICROCOACH_WORKER_ID) probes every workspace
from the starting rate again, spending seconds below limits it had already found, and 429s finding them anew.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from scheduler.background import Background
from scheduler.pacer import Pacer
from store import Store
from store.rows import LearnedPace

logger = logging.getLogger(__name__)

PACE_MEMORY = timedelta(days=1)  # a lane's pace learned this recently is where a starting worker begins


class PaceMemory:
    def __init__(self, store: Store, pacer: Pacer, background: Background, clock: Callable[[], datetime]) -> None:
        self._store, self._pacer, self._background, self._clock = store, pacer, background, clock
        self._kept: dict[str, LearnedPace] = {}  # what was last written of each lane

    async def restore(self) -> int:
        """Start each lane where it was last left (learned within PACE_MEMORY); returns how many lanes."""
        try:
            paces = await self._background.run(self._store.pacing.learned_paces, self._clock() - PACE_MEMORY)
        except Exception:
            logger.exception("learned paces could not be read; lanes start from their starting rates")
            return 0
        self._pacer.restore(paces)
        self._kept.update(paces)
        return len(paces)

    async def keep(self) -> int:
        """Write what the lanes learned since the last time (each heartbeat, and at stop); returns how many."""
        changed = {key: pace for key, pace in self._pacer.learned().items() if self._kept.get(key) != pace}
        if not changed:
            return 0
        try:
            await self._background.run(self._store.pacing.remember_paces, changed, self._clock())
        except Exception:
            logger.exception("learned paces could not be kept; retrying at the next beat")
            return 0
        self._kept.update(changed)
        return len(changed)
