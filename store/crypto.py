"""Encryption at rest for clinicians' free text: Fernet tokens through MultiFernet, so keys rotate."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

logger = logging.getLogger(__name__)


class InvalidKeyError(ValueError):
    """A configured key is not a valid Fernet key."""


class Cipher:
    """Encrypts with the newest key; decrypts with any configured key."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise InvalidKeyError("no encryption key given")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])
        except (ValueError, TypeError) as exc:
            raise InvalidKeyError(f"not a valid Fernet key ({exc})") from None

    @classmethod
    def from_setting(cls, value: str) -> Cipher:
        """Keys from MICROCOACH_ENCRYPTION_KEY: comma-separated, newest first."""
        return cls([part for part in value.split(",") if part.strip()])

    def encrypt(self, text: str | None) -> str | None:
        if text is None:
            return None
        return self._fernet.encrypt(text.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str | None) -> str | None:
        if token is None:
            return None
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            # Never show the token or guess at content; the row is unreadable with these keys.
            logger.error("a stored text could not be decrypted with the configured keys")
            return None

    def rotate(self, token: str) -> str:
        """Re-encrypt a token with the newest key."""
        return self._fernet.rotate(token.encode("ascii")).decode("ascii")


def is_sealed(value: str) -> bool:
    """Does this look like a Fernet token (version byte 0x80), rather than a secret stored before encryption?"""
    return value.startswith("gAAAAA")


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def local_key(path: Path) -> str:
    """The key kept beside a local SQLite database, created on first use (demo and local runs only)."""
    if path.exists():
        return path.read_text().strip()
    key = generate_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    logger.warning("generated a local encryption key at %s; set MICROCOACH_ENCRYPTION_KEY for production", path)
    return key
