"""Microsoft Teams through botbuilder: POST /api/messages, the ActivityHandler, the Sender and the app package.

This package is the only place that imports botbuilder. Conversation references are stored as
plain JSON, so a move to the Microsoft 365 Agents SDK changes this package and nothing else.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.services import Services
from bot.teams.bot import MicrocoachBot
from bot.teams.package import build_package
from bot.teams.sender import TeamsSender

logger = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
EXAMPLE = '{"type": "message", "text": "help", "from": {"id": "29:..."}, "conversation": {"id": "a:..."}, ...}'
__all__ = ["TeamsAdapter", "build_package"]


@dataclass(frozen=True)
class _BotConfig:
    """What ConfigurationBotFrameworkAuthentication reads (by attribute name)."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


class TeamsAdapter:
    def __init__(self, services: Services) -> None:
        settings = services.settings
        app_id = settings.microsoft_app_id
        if not app_id:
            logger.warning("Teams runs UNAUTHENTICATED: MicrosoftAppId is empty (for local testing and the "
                           "Microsoft 365 Agents Playground only)")  # fmt: skip
        # With no app id, botbuilder only skips authentication for the MultiTenant type.
        app_type = settings.microsoft_app_type if app_id else "MultiTenant"
        config = _BotConfig(app_id, settings.microsoft_app_password, app_type, settings.microsoft_app_tenant_id)
        self.adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
        self.adapter.on_turn_error = self._on_turn_error
        self.bot = MicrocoachBot(services)
        self.sender = TeamsSender(self.adapter, app_id)

    def routes(self, app: web.Application) -> None:
        app.router.add_post(MESSAGES_PATH, self.handle)

    async def handle(self, request: web.Request) -> web.Response:
        """POST /api/messages: a Bot Framework activity; broken bodies get a 4xx that says what was expected."""
        if "application/json" not in request.headers.get("Content-Type", ""):
            return _problem(415, "expected Content-Type: application/json")
        try:
            body = await request.json()
        except ValueError:
            return _problem(400, "the body is not valid JSON")
        if not isinstance(body, dict) or not body.get("type"):
            return _problem(400, "the body is not a Bot Framework activity (it needs a type)")
        response = await self.adapter.process(request, self.bot)
        return response or web.Response(status=201)

    async def _on_turn_error(self, turn_context: TurnContext, error: Exception) -> None:
        logger.error("Teams turn failed (%s) for activity type %s", type(error).__name__,
                     turn_context.activity.type, exc_info=error)  # fmt: skip
        await turn_context.send_activity("Sorry, something went wrong on my side and nothing was changed.")


def _problem(status: int, reason: str) -> web.Response:
    return web.json_response({"error": f"{reason}; for example {EXAMPLE}"}, status=status,
                             dumps=lambda data: json.dumps(data))  # fmt: skip
