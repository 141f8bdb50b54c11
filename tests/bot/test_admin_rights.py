"""Program-admin rights are decided at the edge on every request, by one documented rule, and never stick.

The rule: MICROCOACH_ADMINS names the program admins. When it is empty, the platform's own workspace admins and
owners are program admins; when it is set, they are only with MICROCOACH_PLATFORM_ADMINS=1.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.config import ConfigError, load_settings
from tests.bot.conftest import running_slack
from tests.fakes.slack_api import FakeSlackAPI

REFUSED = "Only program admins"


async def _nudge_list(slack, user: str) -> str:
    await slack.command("/nudge", "list", user=user)
    return slack.responses.by_user[user][-1].get("text", "")


@pytest.fixture
async def slack_with_owner(tmp_path, cipher, migrated_sqlite, request):
    fake = FakeSlackAPI()
    overrides = getattr(request, "param", {})
    async with running_slack(tmp_path / "rights.db", cipher, fake, migrated_sqlite, **overrides) as harness:
        fake.add_user("UOWNER", "owner", real_name="Olu Owner", is_owner=True, is_admin=True)
        yield harness


async def test_a_workspace_owner_is_not_a_program_admin_when_the_list_is_set(slack_with_owner):
    assert REFUSED in await _nudge_list(slack_with_owner, "UOWNER")
    assert REFUSED not in await _nudge_list(slack_with_owner, "UADMIN")


@pytest.mark.parametrize(
    "slack_with_owner", [{"admins": ()}, {"platform_admins": True}], indirect=True, ids=["no-list", "opt-in"]
)
async def test_platform_admins_count_with_no_list_or_by_opt_in(slack_with_owner):
    assert REFUSED not in await _nudge_list(slack_with_owner, "UOWNER")


async def test_an_admin_taken_off_the_list_loses_rights_at_the_next_request(slack_with_owner):
    slack = slack_with_owner
    assert REFUSED not in await _nudge_list(slack, "UADMIN")
    slack.services.settings = replace(slack.services.settings, admins=("USOMEONE",))
    assert REFUSED in await _nudge_list(slack, "UADMIN")


@pytest.mark.parametrize("slack_with_owner", [{"admins": ()}], indirect=True)
async def test_a_platform_admin_demoted_in_slack_loses_rights(slack_with_owner):
    slack = slack_with_owner
    assert REFUSED not in await _nudge_list(slack, "UOWNER")
    demoted = slack.fake.add_user("UOWNER", "owner", real_name="Olu Owner", is_owner=False, is_admin=False)
    await slack.event({"type": "user_change", "user": demoted})
    assert REFUSED in await _nudge_list(slack, "UOWNER")


async def test_a_teams_admin_taken_off_the_list_loses_rights(teams):
    await teams.install("admin")
    await teams.say("nudge list", "admin")
    assert REFUSED not in teams.texts("admin")[-1]
    teams.services.settings = replace(teams.services.settings, admins=())
    await teams.say("nudge list", "admin")
    assert REFUSED in teams.texts("admin")[-1]


def test_the_platform_admin_opt_in_is_a_setting():
    assert load_settings({"MICROCOACH_PLATFORM_ADMINS": "1"}).platform_admins
    assert not load_settings({}).platform_admins
    with pytest.raises(ConfigError, match="MICROCOACH_PLATFORM_ADMINS must be 1 or 0"):
        load_settings({"MICROCOACH_PLATFORM_ADMINS": "owners"})


async def test_a_non_admin_naming_a_channel_makes_slack_page_through_nothing(slack):
    await slack.command("/nudge", "add daily 09:00 to <#C0ICU|icu>", user="ULEE")
    assert slack.fake.calls_to("conversations.members") == []
    assert REFUSED in slack.responses.by_user["ULEE"][-1]["text"]
    await slack.command("/nudge", "add daily 09:00 to <#C0ICU|icu>", user="UADMIN")
    assert slack.fake.calls_to("conversations.members")  # an admin's channel is read, so the preview counts it
