"""The aiohttp server (Slack and Teams on one app, /healthz, /metrics) and the worker and Socket Mode processes."""

from __future__ import annotations

import asyncio
import hmac
import logging
import time

from aiohttp import web

from bot.adapter import Adapter
from bot.config import ConfigError, Settings, is_loopback_host
from bot.dashboard import mount as mount_dashboard
from bot.metrics import CONTENT_TYPE, CountingSender, Metrics
from bot.runtime import configure_logging, open_store, warm_safety_rules
from bot.services import Services
from scheduler.pacer import Pacer
from scheduler.runner import Runner

logger = logging.getLogger(__name__)

SERVICES = web.AppKey("services", Services)
RUNNER = web.AppKey("runner", Runner)
ADAPTERS = web.AppKey("adapters", dict)


def build_services(settings: Settings) -> Services:
    store = open_store(settings)
    return Services(settings, store, Metrics())


def build_adapters(services: Services, pacer: Pacer, *, socket_mode: bool = False) -> dict[str, Adapter]:
    """The platform adapters this configuration asks for; each also gives the delivery engine its Sender."""
    adapters: dict[str, Adapter] = {}
    settings = services.settings
    if settings.slack_enabled:
        from bot.slack.adapter import SlackAdapter

        adapters["slack"] = SlackAdapter(services, pacer=pacer, socket_mode=socket_mode)
    if settings.teams_enabled and not socket_mode:
        from bot.teams.adapter import TeamsAdapter

        adapters["teams"] = TeamsAdapter(services)
    services.senders.update(
        {name: CountingSender(adapter.sender, services.metrics) for name, adapter in adapters.items()}
    )
    return adapters


def build_app(services: Services, *, scheduler: bool = True, pacer: Pacer | None = None) -> web.Application:
    app = web.Application(middlewares=[_measured], client_max_size=1024**2)
    app[SERVICES] = services
    pacer = pacer or Pacer()
    adapters = build_adapters(services, pacer)
    app[ADAPTERS] = adapters
    for adapter in adapters.values():
        adapter.routes(app)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    mount_dashboard(app, services)
    app.on_startup.append(_warm_up)
    if scheduler:
        app[RUNNER] = Runner(
            services.store,
            services.senders,
            org=services.settings.org,
            pacer=pacer,
            clock=services.clock,
            directory_sync=_directory_sync(adapters),
            worker_id=services.settings.worker_id,
        )
        app.on_startup.append(_start_runner)
        app.on_cleanup.append(_stop_runner)
    app.on_cleanup.append(_close_adapters)
    app.on_cleanup.append(_close_store)
    return app


def _directory_sync(adapters: dict[str, Adapter]):
    slack = adapters.get("slack")
    return slack.sync_directory if slack is not None else None


@web.middleware
async def _measured(request: web.Request, handler):
    """Count and time every request by route name and status (never by anything a person sent)."""
    started = time.perf_counter()
    route = request.match_info.route.resource.canonical if request.match_info.route.resource else "unmatched"
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as problem:
        status = problem.status
        raise
    finally:
        metrics = request.app[SERVICES].metrics
        metrics.requests.labels(route, str(status)).inc()
        metrics.latency.labels(route).observe(time.perf_counter() - started)


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    try:
        await asyncio.to_thread(services.store.ping)
    except Exception:
        logger.exception("health check: the database did not answer")
        return web.json_response({"ok": False, "database": "unreachable"}, status=503)
    return web.json_response({"ok": True, "database": "ok", "platforms": sorted(request.app[ADAPTERS])})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text, for a scraper that sends `Authorization: Bearer $MICROCOACH_METRICS_TOKEN`."""
    token = request.app[SERVICES].settings.metrics_token
    if not token:
        return web.json_response({"error": "metrics are off: set MICROCOACH_METRICS_TOKEN to serve them"}, status=404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return web.json_response({"error": "send Authorization: Bearer <MICROCOACH_METRICS_TOKEN>"}, status=401)
    return web.Response(body=request.app[SERVICES].metrics.render(), headers={"Content-Type": CONTENT_TYPE})


async def _warm_up(app: web.Application) -> None:
    warm_safety_rules()
    for adapter in app[ADAPTERS].values():
        await adapter.warm_up()


async def _start_runner(app: web.Application) -> None:
    app[RUNNER].start()


async def _stop_runner(app: web.Application) -> None:
    await app[RUNNER].stop()


async def _close_adapters(app: web.Application) -> None:
    await close_adapters(app[ADAPTERS])


async def close_adapters(adapters: dict[str, Adapter]) -> None:
    for adapter in adapters.values():
        await adapter.close()


async def _close_store(app: web.Application) -> None:
    app[SERVICES].store.close()


def run_serve(settings: Settings, *, host: str, port: int | None, scheduler: bool) -> int:
    settings.require("serve")
    if settings.teams_unauthenticated and not is_loopback_host(host):
        raise ConfigError(
            [
                f"MICROCOACH_TEAMS_UNAUTHENTICATED=1 serves Teams without authentication, so it binds only to "
                f"loopback, not {host!r}: use --host 127.0.0.1, or register the bot and set MicrosoftAppId"
            ]
        )
    configure_logging()
    services = build_services(settings)
    app = build_app(services, scheduler=scheduler)
    web.run_app(app, host=host, port=port or settings.port, print=None, access_log=None)
    return 0


def run_worker(settings: Settings) -> int:
    """`microcoach worker`: the scheduler and delivery, no web server."""
    settings.require("worker")
    configure_logging()
    return asyncio.run(_worker(settings))


async def _worker(settings: Settings, *, socket_mode: bool = False) -> int:
    services = build_services(settings)
    pacer = Pacer()
    adapters = build_adapters(services, pacer, socket_mode=socket_mode)
    runner = Runner(
        services.store,
        services.senders,
        org=settings.org,
        pacer=pacer,
        clock=services.clock,
        directory_sync=_directory_sync(adapters),
        worker_id=settings.worker_id,
    )
    runner.start()
    disconnect = None
    try:
        if socket_mode:
            warm_safety_rules()
            await adapters["slack"].warm_up()
            disconnect = await adapters["slack"].connect_socket(settings.slack_app_token)
        await asyncio.Event().wait()  # until the process is stopped
    finally:
        if disconnect is not None:
            await disconnect()
        await runner.stop()
        await close_adapters(adapters)
        services.store.close()
    return 0


def socket_main(settings: Settings) -> int:
    """`microcoach socket`: Slack over a WebSocket (no inbound port), with the scheduler in the same process.

    It lives with serve and worker, not in bot.slack, so the Slack adapter never imports the process runner.
    """
    settings.require("socket")
    configure_logging()
    return asyncio.run(_worker(settings, socket_mode=True))
