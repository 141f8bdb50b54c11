"""Microsoft Teams through botbuilder: the adapter, the ActivityHandler, the Sender, cards and the app package.

This package is the only place that imports botbuilder. Conversation references are stored as plain JSON, so
a move to the Microsoft 365 Agents SDK changes this package and nothing else. The TeamsAdapter is in
bot.teams.adapter.
"""
