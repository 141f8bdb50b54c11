"""The one Retry-After reading every platform's Sender uses."""

from __future__ import annotations

import pytest

from scheduler.sender import Recipient, retry_after_seconds
from store.models import Member, Workspace


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "3"}, 3.0),  # Teams (msrest) and HTTP in general
        ({"retry-after": ["2"]}, 2.0),  # slack_sdk: lower-case names, a list per header
        ({"Retry-After": "0.5"}, 0.5),
        ({"Retry-After": " 7 "}, 7.0),
        ({}, 1.0),
        (None, 1.0),
        ({"retry-after": []}, 1.0),
        ({"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"}, 1.0),  # an HTTP date: a short pause, not a crash
        ({"Retry-After": "-4"}, 1.0),
        ({"Retry-After": "nan"}, 1.0),
        ({"Retry-After": "inf"}, 1.0),
    ],
)
def test_retry_after_is_read_the_same_for_every_platform(headers, seconds):
    assert retry_after_seconds(headers) == seconds


def test_the_default_is_the_callers():
    assert retry_after_seconds({}, default=5.0) == 5.0


def test_a_recipient_is_built_one_way_for_deliveries_and_notes_to_others():
    workspace = Workspace(id=1, platform="teams", external_id="tenant-1")
    member = Member(
        id=7, workspace_id=1, user_id="29:abc", dm_channel=None, conversation_ref={"conversation": {"id": "a:1"}}
    )
    assert Recipient.of(member, workspace) == Recipient(
        "teams", "tenant-1", "29:abc", None, {"conversation": {"id": "a:1"}}
    )
