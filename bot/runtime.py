"""Building the long-lived pieces from settings: the store (with its cipher) and logging."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.config import ConfigError, Settings
from handlers import safety
from store import Store
from store.crypto import Cipher, local_key


def cipher_for(settings: Settings) -> Cipher:
    """The configured keys, or (SQLite only) a key file kept beside the database, created with a warning."""
    if settings.encryption_key:
        return Cipher.from_setting(settings.encryption_key)
    path = settings.sqlite_path()
    if not settings.is_sqlite:
        raise ConfigError(["MICROCOACH_ENCRYPTION_KEY is required with a non-SQLite DATABASE_URL"])
    key_file = Path(f"{path}.key") if path else Path(".microcoach-memory.key")
    return Cipher([local_key(key_file)])


def open_store(settings: Settings, *, migrate: bool = True) -> Store:
    return Store.open(settings.database_url, cipher_for(settings), migrate=migrate)


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # The SDKs log request bodies at DEBUG; clinicians' words must never reach a log, so keep them at INFO.
    for noisy in ("slack_bolt", "slack_sdk", "botbuilder", "msrest", "aiohttp.access", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.INFO, logging.getLogger().level))


def warm_safety_rules() -> None:
    """Compile the risk check's rules in a thread: a process that reads messages is up (and delivering) at
    once instead of seconds later, and the first message waits only for what is left of the compiling."""
    threading.Thread(target=safety.warm, name="safety-rules", daemon=True).start()
