"""Bolt's own OAuth tables (made by migration 0002 for slack_sdk's SQLAlchemy stores), as Core tables.

The store reads them only to keep them tidy and encrypted: expired OAuth states are purged, an uninstalled
workspace's installation rows go with it, and its tokens are re-encrypted when keys rotate.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text

_metadata = MetaData()  # apart from the models' metadata: migration 0002 owns these tables


def _installation_columns() -> list[Column]:
    return [
        Column("id", Integer, primary_key=True),
        Column("team_id", String(32)),
        Column("bot_token", Text),
        Column("bot_refresh_token", Text),
    ]


SLACK_BOTS = Table("slack_bots", _metadata, *_installation_columns())
SLACK_INSTALLATIONS = Table(
    "slack_installations",
    _metadata,
    *_installation_columns(),
    Column("user_token", Text),
    Column("user_refresh_token", Text),
    Column("incoming_webhook_url", Text),
)
SLACK_OAUTH_STATES = Table(
    "slack_oauth_states", _metadata, Column("id", Integer, primary_key=True), Column("expire_at", DateTime)
)
# Every column holding a secret: encrypted at rest by bot.slack.oauth, re-encrypted by `keys rotate`.
SLACK_SECRETS = (
    (SLACK_BOTS, ("bot_token", "bot_refresh_token")),
    (SLACK_INSTALLATIONS, ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token",
                           "incoming_webhook_url")),
)  # fmt: skip
