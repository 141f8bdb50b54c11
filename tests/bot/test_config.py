"""Settings fail fast, naming every missing or malformed variable in one message."""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings
from store.crypto import generate_key


def test_defaults_need_nothing():
    settings = load_settings({})
    assert settings.database_url == "sqlite:///microcoach.db"
    assert settings.port == 3000 and settings.microsoft_app_type == "SingleTenant"
    assert not settings.slack_enabled


def test_postgres_urls_use_psycopg3():
    assert load_settings({"DATABASE_URL": "postgres://u@h/db"}).database_url == "postgresql+psycopg://u@h/db"
    assert load_settings({"DATABASE_URL": "postgresql://u@h/db"}).database_url == "postgresql+psycopg://u@h/db"


def test_every_problem_is_named_at_once():
    env = {
        "DATABASE_URL": "mysql://x",
        "SLACK_BOT_TOKEN": "xoxp-user",
        "PORT": "http",
        "SLACK_CLIENT_ID": "1",
        "MicrosoftAppType": "Wrong",
        "MICROCOACH_ENCRYPTION_KEY": "not-a-key",
        "SLACK_API_URL": "slack.com",
    }
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    for name in (
        "DATABASE_URL",
        "SLACK_BOT_TOKEN",
        "PORT",
        "SLACK_CLIENT_SECRET",
        "MicrosoftAppType",
        "MICROCOACH_ENCRYPTION_KEY",
        "SLACK_API_URL",
    ):
        assert name in message
    assert len(caught.value.problems) == 7


@pytest.mark.parametrize("mode", ["serve", "worker", "socket"])
def test_single_tenant_teams_needs_its_tenant_and_password_to_run(mode):
    settings = load_settings({"MicrosoftAppId": "abc"})  # enough to build the app package
    with pytest.raises(ConfigError) as caught:
        settings.require(mode)
    assert any("MicrosoftAppTenantId" in p for p in caught.value.problems)
    assert any("MicrosoftAppPassword" in p for p in caught.value.problems)


def test_modes_require_what_they_need():
    settings = load_settings({"DATABASE_URL": "postgresql://u@h/db", "SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(ConfigError) as caught:
        settings.require("serve")
    assert {"MICROCOACH_ENCRYPTION_KEY", "SLACK_SIGNING_SECRET"} <= {p.split()[0] for p in caught.value.problems}
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        settings.require("socket")
    load_settings({"MICROCOACH_ENCRYPTION_KEY": f"{generate_key()},{generate_key()}"}).require("worker")


def test_the_cli_prints_config_problems_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setenv("PORT", "seventy")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert "PORT must be a whole number" in err and "Traceback" not in err


@pytest.mark.parametrize("port", ["²", "٣٠٠٠", "3000x", "-1"])
def test_a_port_in_anything_but_ascii_digits_is_named(port):
    with pytest.raises(ConfigError, match="PORT must be a whole number"):
        load_settings({"PORT": port})


def test_the_procfile_web_process_listens_where_a_platform_router_can_reach_it():
    from pathlib import Path

    web = next(line for line in Path("Procfile").read_text().splitlines() if line.startswith("web:"))
    assert "--host 0.0.0.0" in web and "--port $PORT" in web and "--no-scheduler" in web


def test_the_dashboards_settings_are_read_and_checked():
    settings = load_settings(
        {
            "MICROCOACH_PUBLIC_URL": "https://coach.example.org/",
            "MICROCOACH_SLACK_OIDC_CLIENT_ID": "123.456",
            "MICROCOACH_SLACK_OIDC_CLIENT_SECRET": "s3cret",
            "MICROCOACH_ENTRA_CLIENT_ID": "app-id",
            "MICROCOACH_ENTRA_CLIENT_SECRET": "s3cret",
            "MicrosoftAppTenantId": "tenant-1",
        }
    )
    assert settings.public_url == "https://coach.example.org" and settings.org.public_url == settings.public_url
    issuers = {p.name: p.issuer for p in settings.oidc}
    assert issuers == {"slack": "https://slack.com", "entra": "https://login.microsoftonline.com/tenant-1/v2.0"}
    assert load_settings({}).oidc == () and load_settings({}).public_url == ""


def test_dashboard_setting_problems_are_named_together():
    env = {
        "MICROCOACH_PUBLIC_URL": "coach.example.org",
        "MICROCOACH_SLACK_OIDC_CLIENT_ID": "123.456",
        "MICROCOACH_ENTRA_CLIENT_ID": "app-id",
        "MICROCOACH_ENTRA_CLIENT_SECRET": "s3cret",
    }
    with pytest.raises(ConfigError) as caught:
        load_settings(env)
    message = str(caught.value)
    assert "MICROCOACH_PUBLIC_URL must be an http(s) URL" in message
    assert "MICROCOACH_SLACK_OIDC_CLIENT_ID and MICROCOACH_SLACK_OIDC_CLIENT_SECRET go together" in message
    assert "MICROCOACH_ENTRA_TENANT_ID" in message
    with pytest.raises(ConfigError, match="needs MICROCOACH_PUBLIC_URL"):
        load_settings({"MICROCOACH_SLACK_OIDC_CLIENT_ID": "1", "MICROCOACH_SLACK_OIDC_CLIENT_SECRET": "2"})


def test_admin_link_without_a_public_url_says_what_to_set(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'link.db'}")
    monkeypatch.delenv("MICROCOACH_PUBLIC_URL", raising=False)
    assert main(["admin-link", "--workspace", "T1", "--user", "U1"]) == 2
    assert "MICROCOACH_PUBLIC_URL is required" in capsys.readouterr().err
