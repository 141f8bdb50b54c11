"""Slack, through Bolt: the adapter, its app, the Sender, the directory sync, OAuth and the manifest.

This package is the only place that imports slack_bolt or slack_sdk. The SlackAdapter is in bot.slack.adapter.
"""
