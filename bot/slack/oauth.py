"""Bolt's SQLAlchemy installation and state stores, on the same database, behind the async interfaces AsyncApp wants.

slack_sdk's async SQLAlchemy stores need an async driver; its sync stores work on the engine the rest of
microcoach uses, so each call runs in a worker thread instead. Tokens are sealed (encrypted with the same keys
as clinicians' words) before Bolt writes them and opened after it reads them: a copy of the database is no key
to any installed workspace.
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

SECRETS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token", "incoming_webhook_url")
Transform = Callable[[str | None], str | None]


def _with(record, transform: Transform):
    """A copy of an Installation or Bot with each secret it has passed through `transform`."""
    if record is None:
        return None
    changed = copy.copy(record)
    for name in SECRETS:
        if getattr(changed, name, None):
            setattr(changed, name, transform(getattr(changed, name)))
    return changed


class ThreadedInstallationStore(AsyncInstallationStore):
    def __init__(self, store: SQLAlchemyInstallationStore, seal: Transform, unseal: Transform) -> None:
        self.sync = store
        self._seal, self._unseal = seal, unseal

    @property
    def logger(self):
        return self.sync.logger

    async def async_save(self, installation):
        await asyncio.to_thread(self.sync.save, _with(installation, self._seal))

    async def async_save_bot(self, bot):
        await asyncio.to_thread(self.sync.save_bot, _with(bot, self._seal))

    async def async_find_bot(self, *, enterprise_id, team_id, is_enterprise_install=False):
        bot = await asyncio.to_thread(
            self.sync.find_bot,
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return _with(bot, self._unseal)

    async def async_find_installation(self, *, enterprise_id, team_id, user_id=None, is_enterprise_install=False):
        installation = await asyncio.to_thread(
            self.sync.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return _with(installation, self._unseal)

    async def async_delete_bot(self, *, enterprise_id, team_id):
        await asyncio.to_thread(self.sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id, team_id, user_id=None):
        await asyncio.to_thread(
            self.sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id, user_id=user_id
        )

    async def async_delete_all(self, *, enterprise_id, team_id):
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        await self.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)


class ThreadedStateStore(AsyncOAuthStateStore):
    def __init__(self, store: SQLAlchemyOAuthStateStore) -> None:
        self.sync = store

    @property
    def logger(self):
        return self.sync.logger

    async def async_issue(self, *args, **kwargs) -> str:
        return await asyncio.to_thread(self.sync.issue, *args, **kwargs)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.sync.consume, state)


def stores(client_id: str, engine, seal: Transform, unseal: Transform, expiration_seconds: int = 600):
    return (
        ThreadedInstallationStore(SQLAlchemyInstallationStore(client_id=client_id, engine=engine), seal, unseal),
        ThreadedStateStore(SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine)),
    )
