"""The TeamsAdapter: POST /api/messages through botbuilder's CloudAdapter to the ActivityHandler, and the Sender."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.config import is_loopback_host
from bot.services import Services
from bot.teams.bot import MicrocoachBot
from bot.teams.card_memory import CardMemory
from bot.teams.sender import TeamsSender
from prompts.messages import render

logger = logging.getLogger(__name__)

MESSAGES_PATH = "/api/messages"
TEAMS_CHANNEL = "msteams"
EXAMPLE = '{"type": "message", "text": "help", "from": {"id": "29:..."}, "conversation": {"id": "a:..."}, ...}'


@dataclass(frozen=True)
class _BotConfig:
    """What ConfigurationBotFrameworkAuthentication reads (by attribute name)."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str


class TeamsAdapter:
    """Everything Teams for one process: the CloudAdapter, the ActivityHandler and the Sender (an `Adapter`)."""

    def __init__(self, services: Services) -> None:
        settings = services.settings
        app_id = settings.microsoft_app_id
        if not settings.teams_enabled:
            raise ValueError("Teams is not configured: set MicrosoftAppId (or MICROCOACH_TEAMS_UNAUTHENTICATED=1)")
        self.unauthenticated = not app_id
        if self.unauthenticated:
            logger.warning("Teams runs UNAUTHENTICATED (MICROCOACH_TEAMS_UNAUTHENTICATED=1): loopback callers and "
                           "loopback service URLs only, for local tests and the Agents Playground")  # fmt: skip
        # With no app id, botbuilder only skips authentication for the MultiTenant type.
        app_type = settings.microsoft_app_type if app_id else "MultiTenant"
        config = _BotConfig(app_id, settings.microsoft_app_password, app_type, settings.microsoft_app_tenant_id)
        self.adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config))
        self.adapter.on_turn_error = self._on_turn_error
        cards = CardMemory(services.store, services.clock)
        self.bot = MicrocoachBot(services, cards)
        self.sender = TeamsSender(self.adapter, app_id, cards)

    def routes(self, app: web.Application) -> None:
        app.router.add_post(MESSAGES_PATH, self.handle)

    async def warm_up(self) -> None:
        """Nothing to check ahead: botbuilder fetches its token when it first sends."""

    async def close(self) -> None:
        """Nothing held open: botbuilder's connector clients are made per turn."""

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
        refusal = self._refusal(request, body)
        if refusal is not None:
            logger.warning("refused a Teams activity: %s", refusal)
            return _problem(401, refusal)
        response = await self.adapter.process(request, self.bot)
        return response or web.Response(status=201)

    def _refusal(self, request: web.Request, body: dict) -> str | None:
        """Why this activity is refused before botbuilder sees it, or None.

        Only Teams is served. Without a registration nobody vouches for the caller or its serviceUrl (where
        replies and every later check-in would be posted), so both must be this machine: a Teams stand-in on
        loopback, never a URL inside the hospital network that an anonymous caller names.
        """
        if body.get("channelId") != TEAMS_CHANNEL:
            return f"only Teams activities are accepted (channelId {TEAMS_CHANNEL!r})"
        if not self.unauthenticated:
            return None  # botbuilder checks the Bot Framework token, including its serviceurl claim
        if not is_loopback_host(request.remote):
            return "unauthenticated Teams answers loopback callers only"
        if not is_loopback_host(urlsplit(str(body.get("serviceUrl") or "")).hostname):
            return "unauthenticated Teams accepts a loopback serviceUrl only (e.g. http://127.0.0.1:56150/)"
        return None

    async def _on_turn_error(self, turn_context: TurnContext, error: Exception) -> None:
        logger.error("Teams turn failed (%s) for activity type %s", type(error).__name__,
                     turn_context.activity.type, exc_info=error)  # fmt: skip
        await turn_context.send_activity(render("generic_error"))  # the edge's one error policy (as on Slack)


def _problem(status: int, reason: str) -> web.Response:
    return web.json_response({"error": f"{reason}; for example {EXAMPLE}"}, status=status,
                             dumps=lambda data: json.dumps(data))  # fmt: skip
