"""Local fakes of the Slack Web API and the Bot Framework Connector, for tests and benchmarks."""

from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.slack_api import FakeSlackAPI

__all__ = ["FakeBotConnector", "FakeSlackAPI"]
