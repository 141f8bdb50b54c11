"""Settings, read once from the environment into a frozen object; every problem is named at start."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handlers.core.parsing import whole_number
from handlers.core.vocabulary import OrgSettings
from store.crypto import Cipher, InvalidKeyError

DEFAULT_DATABASE_URL = "sqlite:///microcoach.db"
APP_TYPES = ("SingleTenant", "MultiTenant", "UserAssignedMSI")


@dataclass(frozen=True)
class OidcProvider:
    """An OpenID Connect provider admins may sign in to the dashboard with: "slack" or "entra"."""

    name: str
    issuer: str  # discovery is at issuer + /.well-known/openid-configuration
    client_id: str
    client_secret: str


class ConfigError(Exception):
    """One or more settings are missing or malformed; the message lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("microcoach cannot start:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_client_id: str = ""
    slack_client_secret: str = ""
    slack_api_url: str = ""
    microsoft_app_id: str = ""
    microsoft_app_password: str = ""
    microsoft_app_type: str = "SingleTenant"
    microsoft_app_tenant_id: str = ""
    admins: tuple[str, ...] = ()
    encryption_key: str = ""
    port: int = 3000
    worker_id: str = ""
    # MICROCOACH_TEAMS_UNAUTHENTICATED=1: Teams with no Bot Framework registration, for the Agents Playground and
    # local tests only. `serve` refuses it on any host but loopback.
    teams_unauthenticated: bool = False
    # MICROCOACH_PLATFORM_ADMINS=1: Slack workspace admins and owners are program admins even though
    # MICROCOACH_ADMINS is set (with no list they always are).
    platform_admins: bool = False
    metrics_token: str = ""  # MICROCOACH_METRICS_TOKEN: /metrics answers only a scraper that sends it
    org: OrgSettings = field(default_factory=OrgSettings)
    oidc: tuple[OidcProvider, ...] = ()  # optional dashboard sign-in with Slack and/or Microsoft Entra ID

    @property
    def public_url(self) -> str:
        """MICROCOACH_PUBLIC_URL without a trailing slash ("" when unset: no dashboard links)."""
        return self.org.public_url

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def slack_oauth(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token or self.slack_oauth)

    @property
    def teams_enabled(self) -> bool:
        """Teams is mounted only when registered (MicrosoftAppId) or explicitly opted out of authentication."""
        return bool(self.microsoft_app_id) or self.teams_unauthenticated

    def program_admin(self, user_ids: tuple[str | None, ...], platform_admin: bool) -> bool:
        """The one rule, applied at the edge on every request: the list, else (or by opt-in) the platform's admins."""
        if any(user_id in self.admins for user_id in user_ids if user_id):
            return True
        return platform_admin and (not self.admins or self.platform_admins)

    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        path = self.database_url.split(":///", 1)[-1]
        return None if path in ("", ":memory:") else Path(path)

    def require(self, mode: str) -> None:
        """Fail at start, naming everything `mode` (serve, socket, worker) still needs."""
        problems = []
        if mode in ("serve", "worker") and not self.is_sqlite and not self.encryption_key:
            problems.append(
                "MICROCOACH_ENCRYPTION_KEY is required with a non-SQLite DATABASE_URL "
                "(make one with `microcoach keys new`)"
            )
        if mode == "serve" and self.slack_enabled and not self.slack_signing_secret:
            problems.append("SLACK_SIGNING_SECRET is required to serve Slack over HTTP (Slack app > Basic Information)")
        if mode == "socket":
            if not self.slack_app_token:
                problems.append("SLACK_APP_TOKEN (xapp-...) is required for Socket Mode")
            if not self.slack_bot_token:
                problems.append("SLACK_BOT_TOKEN (xoxb-...) is required for Socket Mode")
        if mode in ("serve", "worker", "socket"):
            problems += self._teams_credentials()
        if problems:
            raise ConfigError(problems)

    def _teams_credentials(self) -> list[str]:
        """What botbuilder needs to sign in as the bot (not needed to build the app package)."""
        if not self.microsoft_app_id:
            return []
        problems = []
        if self.microsoft_app_type != "MultiTenant" and not self.microsoft_app_tenant_id:
            problems.append(f"MicrosoftAppTenantId is required when MicrosoftAppType is {self.microsoft_app_type}")
        if self.microsoft_app_type != "UserAssignedMSI" and not self.microsoft_app_password:
            problems.append("MicrosoftAppPassword is required when MicrosoftAppId is set")
        return problems


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check every setting; raise ConfigError naming all the problems at once."""
    env = os.environ if env is None else env
    problems: list[str] = []
    get = lambda name: (env.get(name) or "").strip()  # noqa: E731
    url = _database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL, problems)
    _prefix(get("SLACK_BOT_TOKEN"), "SLACK_BOT_TOKEN", "xoxb-", problems)
    _prefix(get("SLACK_APP_TOKEN"), "SLACK_APP_TOKEN", "xapp-", problems)
    if bool(get("SLACK_CLIENT_ID")) != bool(get("SLACK_CLIENT_SECRET")):
        problems.append(
            "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together: set both for multi-workspace OAuth, or neither"
        )
    api_url = get("SLACK_API_URL")
    if api_url and not api_url.startswith(("http://", "https://")):
        problems.append(f"SLACK_API_URL must be an http(s) URL such as https://slack.com/api/, not {api_url!r}")
    app_type = get("MicrosoftAppType") or "SingleTenant"
    if app_type not in APP_TYPES:
        problems.append(f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}, not {app_type!r}")
    key = get("MICROCOACH_ENCRYPTION_KEY")
    _check_key(key, problems)
    port = _int(get("PORT") or "3000", "PORT", 1, 65535, problems)
    unauthenticated = _flag(get("MICROCOACH_TEAMS_UNAUTHENTICATED"), "MICROCOACH_TEAMS_UNAUTHENTICATED", problems)
    if unauthenticated and get("MicrosoftAppId"):
        problems.append(
            "MICROCOACH_TEAMS_UNAUTHENTICATED=1 is for local testing without a Bot Framework registration; "
            "unset it when MicrosoftAppId is set"
        )
    platform_admins = _flag(get("MICROCOACH_PLATFORM_ADMINS"), "MICROCOACH_PLATFORM_ADMINS", problems)
    metrics_token = get("MICROCOACH_METRICS_TOKEN")
    if metrics_token and len(metrics_token) < 16:
        problems.append("MICROCOACH_METRICS_TOKEN must be at least 16 characters (e.g. from `openssl rand -hex 16`)")
    public_url = get("MICROCOACH_PUBLIC_URL").rstrip("/")
    if public_url and not public_url.startswith(("http://", "https://")):
        problems.append(f"MICROCOACH_PUBLIC_URL must be an http(s) URL (https://coach.example.org), not {public_url!r}")
    oidc = _oidc(get, public_url, problems)
    org = OrgSettings(
        public_url=public_url,
        crisis_line=get("MICROCOACH_CRISIS_LINE"),
        support_line=get("MICROCOACH_SUPPORT_LINE"),
        offer_timeout_hours=_int(get("MICROCOACH_OFFER_HOURS") or "24", "MICROCOACH_OFFER_HOURS", 1, 168, problems),
        retention_days=_int(get("MICROCOACH_RETENTION_DAYS") or "90", "MICROCOACH_RETENTION_DAYS", 1, 3650, problems),
    )
    if problems:
        raise ConfigError(problems)
    return Settings(
        database_url=url,
        slack_bot_token=get("SLACK_BOT_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_client_id=get("SLACK_CLIENT_ID"),
        slack_client_secret=get("SLACK_CLIENT_SECRET"),
        slack_api_url=api_url,
        microsoft_app_id=get("MicrosoftAppId"),
        microsoft_app_password=get("MicrosoftAppPassword"),
        microsoft_app_type=app_type,
        microsoft_app_tenant_id=get("MicrosoftAppTenantId"),
        admins=tuple(a.strip() for a in get("MICROCOACH_ADMINS").split(",") if a.strip()),
        encryption_key=key,
        port=port,
        org=org,
        worker_id=get("MICROCOACH_WORKER_ID"),
        teams_unauthenticated=unauthenticated,
        platform_admins=platform_admins,
        metrics_token=metrics_token,
        oidc=oidc,
    )


def _oidc(get, public_url: str, problems: list[str]) -> tuple[OidcProvider, ...]:
    """Sign in with Slack and with Microsoft Entra ID, each on when its client id and secret are set."""
    tenant = get("MICROCOACH_ENTRA_TENANT_ID") or get("MicrosoftAppTenantId")
    entra_issuer = f"https://login.microsoftonline.com/{tenant}/v2.0" if tenant else ""
    wanted = (
        ("slack", "MICROCOACH_SLACK_OIDC", get("MICROCOACH_SLACK_OIDC_ISSUER") or "https://slack.com"),
        ("entra", "MICROCOACH_ENTRA", get("MICROCOACH_ENTRA_ISSUER") or entra_issuer),
    )
    found = []
    for name, prefix, issuer in wanted:
        client_id, secret = get(f"{prefix}_CLIENT_ID"), get(f"{prefix}_CLIENT_SECRET")
        if not client_id and not secret:
            continue
        if not (client_id and secret):
            problems.append(f"{prefix}_CLIENT_ID and {prefix}_CLIENT_SECRET go together: set both, or neither")
        if not public_url:
            problems.append(f"{prefix}_CLIENT_ID needs MICROCOACH_PUBLIC_URL (the sign-in comes back to it)")
        if not issuer:
            problems.append("MICROCOACH_ENTRA_CLIENT_ID needs MICROCOACH_ENTRA_TENANT_ID (or MicrosoftAppTenantId)")
        elif not issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            problems.append(f"{prefix}_ISSUER must be an https URL, not {issuer!r}")
        found.append(OidcProvider(name, issuer.rstrip("/"), client_id, secret))
    return tuple(found)


def is_loopback_host(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: the only hosts unauthenticated Teams may bind to or post to."""
    if not host:
        return False
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _database_url(url: str, problems: list[str]) -> str:
    """Accept the URL forms hosting platforms hand out, and use psycopg 3 for PostgreSQL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if not url.startswith(("sqlite://", "postgresql+psycopg://")):
        problems.append(
            f"DATABASE_URL must be sqlite:///PATH or postgresql://USER@HOST/DB, not {url.split('://')[0]!r}://..."
        )
    return url


def _prefix(value: str, name: str, prefix: str, problems: list[str]) -> None:
    if value and not value.startswith(prefix):
        problems.append(f"{name} must start with {prefix!r} (check you copied the right token)")


def _int(value: str, name: str, low: int, high: int, problems: list[str]) -> int:
    number = whole_number(value)
    if number is not None and low <= number <= high:
        return number
    problems.append(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return low


def _flag(value: str, name: str, problems: list[str]) -> bool:
    if value.lower() in ("", "0", "false", "no"):
        return False
    if value.lower() in ("1", "true", "yes"):
        return True
    problems.append(f"{name} must be 1 or 0, not {value!r}")
    return False


def _check_key(value: str, problems: list[str]) -> None:
    if not value:
        return
    try:
        Cipher.from_setting(value)
    except InvalidKeyError:
        problems.append(
            "MICROCOACH_ENCRYPTION_KEY must be one or more comma-separated Fernet keys "
            "(make one with `microcoach keys new`)"
        )
