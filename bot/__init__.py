"""The edge: configuration, the command line, the web app and the Slack, Teams and console adapters."""
