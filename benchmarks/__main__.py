"""`python -m benchmarks [all|fanout|slack_load|safety|dashboard|delivery] [options]`: the benchmarks, and a summary."""

from __future__ import annotations

import argparse
import sys

from benchmarks import dashboard, delivery_suite, fanout, safety_speed, slack_load
from benchmarks.summary import machine, print_summary


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="microcoach benchmarks against the local fake Slack API. With no command: all, with defaults.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    every = commands.add_parser("all", help="the fan-out runs, the tick and the Slack load, then the summary")
    every.add_argument("--database-url", help="PostgreSQL URL to use instead of SQLite (its schema is dropped!)")
    fanout.add_arguments(
        commands.add_parser("fanout", help="check-ins through a real worker at 5, 20 and 50/s, a crash, the tick")
    )
    slack_load.add_arguments(
        commands.add_parser("slack_load", help="signed slash commands and DMs against `microcoach serve`")
    )
    safety_speed.add_arguments(commands.add_parser("safety", help="p50/p99 of the safety check on 500-char messages"))
    dashboard.add_arguments(commands.add_parser("dashboard", help="p95 of each dashboard page with 10,000 members"))
    delivery_suite.add_arguments(
        commands.add_parser("delivery", help="delivery cost, 20 workspaces, Teams, crash runs, acks during a fan-out")
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "all"
    print(f"microcoach benchmarks on {machine()}", flush=True)
    if command == "safety":
        return safety_speed.main(args)
    if command == "dashboard":
        return dashboard.main(args)
    if command == "delivery":
        delivery_suite.run(args)
        return 0
    runs, tick, load = [], None, None
    if command in ("all", "fanout"):
        fanout_args = args if command == "fanout" else parser.parse_args(["fanout", *_database(args)])
        runs, tick = fanout.run(fanout_args)
    if command in ("all", "slack_load"):
        load_args = args if command == "slack_load" else parser.parse_args(["slack_load", *_database(args)])
        load = slack_load.run(load_args)
    print_summary(runs, tick, load, database="PostgreSQL" if getattr(args, "database_url", None) else "SQLite")
    return 0


def _database(args: argparse.Namespace) -> list[str]:
    url = getattr(args, "database_url", None)
    return ["--database-url", url] if url else []


if __name__ == "__main__":
    sys.exit(main())
