"""Paced sending per workspace: additive increase, multiplicative decrease, and Retry-After honoured.

Slack does not publish its workspace-wide budget for chat.postMessage, so the pacer probes: it
starts at a configured rate and speeds up while calls succeed (quickly until the first 429). On
a 429 it waits out Retry-After and drops to just under the rate the platform really accepted in
the last second; then it climbs quickly back to just under the rate that failed, and from there
only creeps, so 429s (each costing a Retry-After pause) stay rare. It settles close to the real
limit instead of a guess that is either too slow or always throttled.

Callers take their slots in turn, each spaced at the rate of that moment, and the rate grows only while
callers wait for slots: a sender that cannot keep up proves nothing about the platform. What a lane has
learned can be handed to a worker that starts later, and a lane whose peer stopped sending can be freed
to climb again (scheduler.pace_memory keeps both through the database).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from store.rows import LearnedPace

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class PaceSettings:
    start_rate: float = 10.0  # sends per second per workspace before anything is known
    min_rate: float = 0.5
    max_rate: float = 200.0
    slow_start_growth: float = 0.5  # rate grows this fraction per second until the first 429
    recover: float = 0.2  # after a cut, this fraction per second back up to just under the last 429's rate
    recover_until: float = 0.95
    creep: float = 1 / 800  # then this fraction per second: slow, so 429s (and their pauses) are rare
    backoff: float = 0.9  # on a 429, go to this fraction of the recently accepted rate
    window: float = 1.0  # at least this much unpaused sending before the accepted rate is measured
    history: float = 5.0  # seconds of successes kept for that measurement
    floor: float = 0.8  # never cut below this fraction of the rate at the 429 (a slow worker is not a slow Slack)
    ceiling_memory: float = 120.0  # seconds without a 429 after which the last 429's rate is forgotten


@dataclass
class _Lane:
    rate: float
    next_slot: float = 0.0
    paused_until: float = 0.0
    probing: bool = True  # slow start until the first 429
    ceiling: float = float("inf")  # the rate at which the last 429 came
    last_cut: float = float("-inf")
    started: float | None = None
    successes: deque = field(default_factory=deque)
    waited: float = float("-inf")  # when a caller last had to wait for a slot (the pacer, not the sender, set the pace)
    turn: asyncio.Lock | None = None  # FIFO: one waiter at a time takes the next slot
    turn_loop: asyncio.AbstractEventLoop | None = None  # the loop `turn` belongs to (the demo runs several)

    def taking_turns(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self.turn is None or self.turn_loop is not loop:
            self.turn, self.turn_loop = asyncio.Lock(), loop
        return self.turn


# Teams publishes its limits (about 30 a second per app per tenant), so its lane starts near them and is capped.
PLATFORM_PACE = {"teams": PaceSettings(start_rate=25.0, max_rate=30.0)}


class Pacer:
    """One lane per key "platform:workspace". `acquire` waits for the next send slot."""

    def __init__(
        self,
        settings: PaceSettings | None = None,
        *,
        clock: Clock = time.monotonic,  # monotonic: a wall-clock step must not stall or burst the lanes
        sleep: Sleep = asyncio.sleep,
        per_platform: dict[str, PaceSettings] | None = None,
    ) -> None:
        self._default = settings or PaceSettings()
        self._per_platform = PLATFORM_PACE if per_platform is None else per_platform
        self._clock = clock
        self._sleep = sleep
        self._lanes: dict[str, _Lane] = {}
        self._lane_settings: dict[str, PaceSettings] = {}

    def rate(self, key: str) -> float:
        return self._lane(key).rate

    @property
    def default_rate(self) -> float:
        """The rate a lane starts at before anything is known about it."""
        return self._default.start_rate

    def claim_budget(self, seconds: float, least: int = 8) -> int:
        """How many sends every lane together can make in `seconds` (at least `least`)."""
        total = sum(lane.rate for lane in self._lanes.values()) or self._default.start_rate
        return max(least, math.ceil(total * seconds))

    def learned(self, sent_within: float | None = None) -> dict[str, LearnedPace]:
        """What each lane that has sent (within `sent_within` seconds, if given) knows now."""
        since = None if sent_within is None else self._clock() - sent_within
        return {
            key: LearnedPace(lane.rate, None if math.isinf(lane.ceiling) else lane.ceiling, lane.probing)
            for key, lane in self._lanes.items()
            if lane.started is not None and (since is None or (lane.successes and lane.successes[-1] >= since))
        }

    def freed(self, key: str) -> None:
        """Another worker stopped sending on this lane: its share is free, so climb (as after a cut) to the next 429."""
        lane = self._lane(key)
        if not lane.probing:
            lane.ceiling = float("inf")

    def restore(self, paces: Mapping[str, LearnedPace]) -> None:
        """Start lanes where an earlier worker left them, instead of probing from the starting rate again.

        A lane already sending here keeps what it knows; the ceiling is remembered from now on, as if its 429
        had just come, so the lane stays under it.
        """
        now = self._clock()
        for key, pace in paces.items():
            if key in self._lanes:
                continue
            lane = self._lane(key)
            settings = self._lane_settings[key]
            lane.rate = min(settings.max_rate, max(settings.min_rate, pace.rate))
            lane.probing = pace.probing
            if pace.ceiling is not None:
                lane.ceiling, lane.last_cut = pace.ceiling, now

    def _lane(self, key: str) -> _Lane:
        if key not in self._lanes:
            settings = self._per_platform.get(key.partition(":")[0], self._default)
            self._lane_settings[key] = settings
            self._lanes[key] = _Lane(rate=settings.start_rate)
        return self._lanes[key]

    async def acquire(self, key: str) -> None:
        """Wait for the lane's next send slot.

        Waiters take their turn one at a time and each slot is spaced at the rate of that moment: slots handed
        out ahead at an older rate would keep the lane sending at it while the rate ran on, so a 429 would find
        a rate far above what was really sent. After a pause the waiters leave one slot apart, not all at once.
        """
        lane = self._lane(key)
        async with lane.taking_turns():
            while True:
                now = self._clock()
                slot = max(lane.next_slot, lane.paused_until)
                if slot <= now:
                    break
                lane.waited = now
                await self._sleep(slot - now)
                if lane.paused_until <= slot:
                    break  # no 429 came while this caller waited: the slot is its own
            # A caller woken a little late keeps the schedule; one arriving at an idle lane starts it anew.
            now = self._clock()
            start = slot if now - slot < 1.0 / lane.rate else now
            lane.next_slot = start + 1.0 / lane.rate

    def succeeded(self, key: str) -> None:
        lane, now = self._lane(key), self._clock()
        settings = self._lane_settings[key]
        lane.started = now if lane.started is None else lane.started
        lane.successes.append(now)
        while lane.successes and lane.successes[0] < now - settings.history:
            lane.successes.popleft()
        if now - lane.last_cut > settings.ceiling_memory:
            lane.ceiling = float("inf")  # limits change: after a quiet while, probe upwards again
        if now - lane.waited > max(1.0, 2.0 / lane.rate):
            return  # nobody has had to wait for a slot: the sender, not the pacer, set this pace, so it proves nothing
        # Adding g per success grows the rate by the fraction g per second (there are `rate` successes a second).
        if lane.probing:
            growth = settings.slow_start_growth
        elif lane.rate < lane.ceiling * settings.recover_until:
            growth = settings.recover
        else:
            growth = settings.creep
        lane.rate = min(settings.max_rate, lane.rate + growth)

    def throttled(self, key: str, retry_after: float | None) -> None:
        """A 429: cut the rate (once per burst of 429s) and pause the lane for Retry-After."""
        lane, now = self._lane(key), self._clock()
        settings = self._lane_settings[key]
        sending_since = max(lane.started if lane.started is not None else now, lane.paused_until)
        lane.paused_until = max(lane.paused_until, now + (retry_after if retry_after is not None else 1.0))
        if now - lane.last_cut < 1.0:
            return  # the other in-flight calls of the same burst: already cut
        lane.last_cut = now
        recent = [t for t in lane.successes if t >= sending_since]
        if now - sending_since >= settings.window and len(recent) >= 2:
            # Enough unpaused sending to measure what got through; but when the sender itself was
            # slow, what got through says little about the platform, hence the floor.
            accepted = (len(recent) - 1) / (recent[-1] - recent[0])
            # Leaving slow start the rate has just outrun the platform, so what got through is the measure
            # (TCP halves there too); later the rate is an honest estimate, and the floor guards it.
            floor = 0.5 if lane.probing else settings.floor
            target = max(settings.backoff * accepted, floor * lane.rate)
        else:
            target = lane.rate / 2 if lane.probing else lane.rate * settings.backoff
        lane.probing = False
        lane.ceiling = lane.rate
        lane.rate = max(settings.min_rate, min(lane.rate * settings.backoff, target))
