"""The spec checks and the token bucket behind both fakes, without a server."""

from __future__ import annotations

import pytest

from tests.fakes._server import TokenBucket, retry_after_header
from tests.fakes.connector_spec import check, check_activity
from tests.fakes.slack_spec import EXTRA_METHODS, EXTRA_PARAMS, check_call, load_spec


def test_slack_spec_loads_every_2020_method_plus_the_allowlist():
    methods = load_spec()

    assert len(methods) == 174 + len(EXTRA_METHODS)
    assert "token" not in methods["chat.postMessage"].params
    assert methods["chat.postMessage"].required == {"channel"}
    for method, extras in EXTRA_PARAMS.items():
        assert extras.keys() <= methods[method].params.keys()


@pytest.mark.parametrize(
    ("method", "params", "as_json", "problems"),
    [
        ("chat.postMessage", {"channel": "U1", "text": "hi", "metadata": {"event_type": "x"}}, True, []),
        ("conversations.history", {"channel": "D1", "include_all_metadata": "1", "limit": "10"}, False, []),
        ("users.list", {"limit": "ten"}, False, ["users.list: param 'limit' should be integer, got 'ten'"]),
        (
            "views.publish",
            {"view": {"type": "home"}},
            True,
            ["views.publish: missing required param 'user_id'"],
        ),
        ("chat.postMessage", {"channel": "U1", "team_id": "T1", "text": "x"}, True, []),
        (
            "conversations.history",
            {"channel": "D1"},
            True,
            ["conversations.history: sent as JSON but the method only accepts form fields"],
        ),
        ("files.getUploadURLExternal", {"filename": "a.png", "length": "3"}, False, []),
    ],
)
def test_check_call(method: str, params: dict, as_json: bool, problems: list[str]):
    assert check_call(method, params, as_json=as_json) == problems


def test_activity_check_names_unknown_properties_and_bad_types():
    activity = {
        "type": "message",
        "text": 5,
        "colour": "red",
        "attachments": {},
        "from": {"id": "28:b", "x": 1},
    }

    assert check_activity(activity) == [
        "activity.text: should be string, got 5",
        "activity.colour: not a property of Activity",
        "activity.attachments: should be an array, got dict",
        "activity.from.x: not a property of ChannelAccount",
    ]


def test_activity_check_allows_entities_and_free_form_channel_data():
    activity = {
        "type": "message",
        "timestamp": "2026-11-25T21:30:00.123Z",
        "entities": [{"type": "mention", "mentioned": {"id": "29:u"}, "text": "<at>u</at>"}],
        "channelData": {"notification": {"alert": True}},
    }

    assert check_activity(activity) == []


def test_activity_needs_a_type():
    assert check("Activity", {"text": "hi"}) == ["Activity.type: required"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not a card", "an Adaptive Card attachment needs its card as an object in `content`"),
        ({"type": "HeroCard", "version": "1.5"}, "content.type: should be 'AdaptiveCard', got 'HeroCard'"),
        ({"type": "AdaptiveCard", "version": "1.5", "body": {}}, "content.body: should be an array"),
    ],
)
def test_adaptive_card_rules(content: object, problem: str):
    activity = {
        "type": "message",
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive"}],
    }
    activity["attachments"][0]["content"] = content

    assert any(p.endswith(problem) for p in check_activity(activity))


def test_token_bucket_refills_at_its_rate():
    bucket = TokenBucket(rate=2.0, burst=2, updated=100.0)

    assert [bucket.take(100.0), bucket.take(100.0)] == [0.0, 0.0]
    assert bucket.take(100.0) == pytest.approx(0.5)
    assert bucket.take(100.5) == 0.0


def test_retry_after_is_whole_seconds_at_least_one():
    assert [retry_after_header(0.01), retry_after_header(1.0), retry_after_header(1.2)] == ["1", "1", "2"]
