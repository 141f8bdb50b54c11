"""A thread pool of the scheduler's own, so database work for a big fan-out never queues ahead of a person's click.

asyncio.to_thread shares the loop's default pool with the adapters' request handling; on a small
machine a 10,000-member fan-out would fill it and a slash command would wait behind the sender.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

BACKGROUND_THREADS = 4


class Background:
    def __init__(self, threads: int = BACKGROUND_THREADS) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="microcoach-scheduler")

    async def run(self, fn, *args, **kwargs):
        """Run a blocking call (a store method) on the scheduler's own threads."""
        return await asyncio.get_running_loop().run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


async def every(seconds: float, stop: asyncio.Event) -> AsyncIterator[None]:
    """Yield each `seconds` until `stop` (once more when it is set, so a last round can run at a stop)."""
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), seconds)
        yield
