"""The long-lived pieces an adapter needs, built once per process and handed to each adapter."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.config import Settings
from bot.metrics import Metrics
from scheduler.runner import utcnow
from scheduler.sender import Sender
from store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    metrics: Metrics
    senders: dict[str, Sender] = field(default_factory=dict)
    clock: Callable[[], datetime] = utcnow
