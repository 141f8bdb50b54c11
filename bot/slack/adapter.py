"""The SlackAdapter: the Bolt app, its routes on the shared aiohttp server, clients per workspace, and Socket Mode."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.services import Services
from bot.slack import directory, oauth
from bot.slack.app import SlackBot
from bot.slack.manifest import BOT_SCOPES
from bot.slack.sender import PacedRateLimitHandler, SlackSender
from scheduler.pacer import Pacer

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"


class SlackAdapter:
    """Everything Slack for one process: the Bolt app, clients per workspace, and the Sender (an `Adapter`)."""

    def __init__(self, services: Services, *, pacer: Pacer | None = None, socket_mode: bool = False) -> None:
        self.services = services
        settings = services.settings
        self.api_url = settings.slack_api_url or DEFAULT_API_URL
        self._pacer = pacer  # the delivery engine's: retries of the outbox's sends wait for its slots
        self._clients: dict[tuple[str, str], AsyncWebClient] = {}
        # One HTTP session for every send, so connections are kept alive: without it slack_sdk opens (and, on
        # slack.com, TLS-handshakes) a new connection for every message. Made on first use, inside the loop.
        self._http: aiohttp.ClientSession | None = None
        self.installations = None
        # No token on Bolt's own client: each request's client gets its token from `authorize`.
        client = AsyncWebClient(
            base_url=self.api_url,
            retry_handlers=[AsyncConnectionErrorRetryHandler(), AsyncRateLimitErrorRetryHandler(max_retry_count=2)],
        )
        self._identity: AuthorizeResult | None = None
        self._identity_lock = asyncio.Lock()
        self.app = self._bolt(client, socket_mode)
        self.bot = SlackBot(services)
        self.bot.register(self.app)
        self.sender = SlackSender(self.client_for)

    def _bolt(self, client: AsyncWebClient, socket_mode: bool) -> AsyncApp:
        settings = self.services.settings
        secret = None if socket_mode else settings.slack_signing_secret
        if settings.slack_oauth and not socket_mode:
            store = self.services.store
            self.installations, states = oauth.stores(settings.slack_client_id, store.engine, store.seal, store.unseal)
            flow = AsyncOAuthFlow(
                client=AsyncWebClient(base_url=self.api_url),
                settings=AsyncOAuthSettings(
                    client_id=settings.slack_client_id,
                    client_secret=settings.slack_client_secret,
                    scopes=BOT_SCOPES,
                    installation_store=self.installations,
                    state_store=states,
                ),
            )
            return AsyncApp(
                signing_secret=secret, client=client, oauth_flow=flow, installation_store=self.installations
            )

        async def authorize(enterprise_id, team_id, user_id) -> AuthorizeResult:  # Bolt passes these by name
            return await self.single_workspace()

        return AsyncApp(signing_secret=secret, client=client, authorize=authorize)

    async def single_workspace(self) -> AuthorizeResult:
        """The bot's identity for SLACK_BOT_TOKEN, asked of auth.test once (at start, or by the first request).

        Bolt's own single-team authorisation asks lazily and, under a first burst of requests,
        once per request; asking once up front keeps the very first acks as fast as the rest.
        """
        if self._identity is None:
            async with self._identity_lock:
                if self._identity is None:
                    token = self.services.settings.slack_bot_token
                    response = await self.app.client.auth_test(token=token)
                    self._identity = AuthorizeResult.from_auth_test_response(
                        auth_test_response=response, bot_token=token
                    )
        return self._identity

    async def warm_up(self) -> None:
        """Check the bot token at start, so a wrong one is reported at once, not at the first click."""
        if self.installations is not None:
            return
        try:
            identity = await self.single_workspace()
            logger.info("Slack: signed in as bot %s in workspace %s", identity.bot_user_id, identity.team_id)
        except SlackApiError as problem:
            logger.error("Slack: SLACK_BOT_TOKEN was refused (%s); check the token", problem.response.get("error"))

    async def client_for(self, team: str) -> AsyncWebClient | None:
        """A client with this workspace's bot token; 429s go through slack_sdk's handler and tell the pacer."""
        token = self.services.settings.slack_bot_token
        if self.installations is not None:
            bot = await self.installations.async_find_bot(enterprise_id=None, team_id=team)
            token = bot.bot_token if bot else None
        if not token:
            return None
        key = (team, token)
        if key not in self._clients:
            lane = f"slack:{team}"
            wait = (lambda: self._pacer.acquire(lane)) if self._pacer is not None else None
            handler = PacedRateLimitHandler(lambda seconds: self.throttled(team, seconds), wait)
            if self._http is None or self._http.closed:
                self._http = aiohttp.ClientSession()
            self._clients[key] = AsyncWebClient(
                token=token, base_url=self.api_url, retry_handlers=[handler], session=self._http
            )
        return self._clients[key]

    async def close(self) -> None:
        """Close the shared HTTP session (at shutdown)."""
        if self._http is not None and not self._http.closed:
            await self._http.close()
        self._http = None
        self._clients.clear()

    def throttled(self, team: str, seconds: float) -> None:
        """A 429 for this workspace: the pacer slows the lane and waits out Retry-After."""
        if self._pacer is not None:
            self._pacer.throttled(f"slack:{team}", seconds)

    def routes(self, app: web.Application) -> None:
        app.router.add_post(EVENTS_PATH, self.handle)
        if self.app.oauth_flow is not None:
            app.router.add_get(self.app.oauth_flow.install_path, self.handle_oauth)
            app.router.add_get(self.app.oauth_flow.redirect_uri_path, self.handle_oauth)

    async def handle(self, request: web.Request) -> web.Response:
        """POST /slack/events: Bolt verifies the signature (401 when wrong); a body it cannot read is a 400."""
        try:
            bolt_request = await to_bolt_request(request)
            response = await self.app.async_dispatch(bolt_request)
        except (ValueError, KeyError, TypeError, AttributeError):
            return await self._unreadable(request)
        return await to_aiohttp_response(response)

    async def _unreadable(self, request: web.Request) -> web.Response:
        """Bolt parses before it verifies, so a broken body is checked for a signature here: 401, else 400."""
        body = await request.text()
        secret = self.services.settings.slack_signing_secret
        if not secret or not SignatureVerifier(secret).is_valid_request(body, dict(request.headers)):
            return web.json_response({"error": "invalid request"}, status=401)
        logger.warning("a signed Slack request had a body that could not be read")
        example = "a JSON event_callback, or a form with command=/checkin or payload={...}"
        return web.json_response({"error": f"malformed body: expected {example}"}, status=400)

    async def handle_oauth(self, request: web.Request) -> web.Response:
        flow = self.app.oauth_flow
        bolt_request = await to_bolt_request(request)
        if request.path == flow.install_path:
            return await to_aiohttp_response(await flow.handle_installation(bolt_request))
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    async def sync_directory(self) -> None:
        """Profiles, zones and audience channels for every workspace we can reach (at start and daily)."""
        store, now = self.services.store, self.services.clock()
        for workspace in await asyncio.to_thread(store.members.active_workspaces):
            if workspace.platform != "slack":
                continue
            client = await self.client_for(workspace.external_id)
            if client is None:
                continue
            try:
                await directory.sync_users(client, store, workspace.id, now)
                for channel in await asyncio.to_thread(directory.audience_channels, store, workspace.id):
                    await directory.sync_channel(client, store, workspace.id, channel, now)
            except Exception:
                logger.exception("directory sync failed for workspace %s", workspace.id)

    async def connect_socket(self, app_token: str):
        """Connect over Socket Mode; returns the coroutine function that disconnects."""
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(self.app, app_token)
        await handler.connect_async()
        logger.info("connected to Slack over Socket Mode")
        return handler.close_async
