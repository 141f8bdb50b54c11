"""The `microcoach` command: demo, serve, worker, socket, db, prompts, safety, slack, teams and keys."""

from __future__ import annotations

import argparse
import sys

from bot.config import ConfigError, load_settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="microcoach", description="Peer-coaching check-ins for clinicians.")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    demo = verbs.add_parser("demo", help="a local workspace in the terminal (embedded SQLite)")
    demo.add_argument("--db", help="SQLite file to keep the demo in (default: a temporary one)")
    demo.add_argument("--script", help="read input lines from this file instead of the terminal")
    demo.add_argument("--web", action="store_true", help="serve the admin dashboard on 127.0.0.1 beside the console")
    demo.add_argument("--port", type=int, default=None, help="the dashboard's port with --web (default: $PORT or 3000)")
    serve = verbs.add_parser("serve", help="the web server for Slack and Teams (and the scheduler)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 3000")
    serve.add_argument("--no-scheduler", action="store_true", help="leave scheduling to `microcoach worker`")
    verbs.add_parser("worker", help="the scheduler and delivery only")
    link = verbs.add_parser("admin-link", help="print a one-time dashboard sign-in link for a program admin")
    link.add_argument("--workspace", required=True, help="the Slack team id (T...) or the Teams tenant id")
    link.add_argument("--user", required=True, help="the admin's Slack user id, or Teams user id or Entra object id")
    verbs.add_parser("socket", help="Slack over Socket Mode (no inbound port needed)")
    db = verbs.add_parser("db", help="database tasks")
    db.add_argument("action", choices=["upgrade"])
    prompts = verbs.add_parser("prompts", help="the prompt library")
    prompt_verbs = prompts.add_subparsers(dest="prompts_verb", metavar="ACTION", required=True)
    lint = prompt_verbs.add_parser("lint", help="check every question and follow-up")
    lint.add_argument("path", nargs="?")
    listing = prompt_verbs.add_parser("list", help="list the prompts")
    listing.add_argument("--theme")
    listing.add_argument("--format", default="text")
    listing.add_argument("--language", default="en", help="the library's language: en or es (default en)")
    safety = verbs.add_parser("safety", help="the safety net")
    safety_verbs = safety.add_subparsers(dest="safety_verb", metavar="ACTION", required=True)
    evaluate = safety_verbs.add_parser("eval", help="score the net on labelled lines (default: its own set)")
    evaluate.add_argument("path", nargs="?", help="a .tsv file or a folder of them")
    slack = verbs.add_parser("slack", help="Slack app set-up")
    slack.add_argument("action", choices=["manifest"])
    slack.add_argument("--url", default="https://example.org", help="the public base URL of `microcoach serve`")
    slack.add_argument("--socket-mode", action="store_true", help="for `microcoach socket` (no request URLs)")
    teams = verbs.add_parser("teams", help="Teams app set-up")
    teams.add_argument("action", choices=["package"])
    teams.add_argument("--out", default="microcoach-teams.zip")
    keys = verbs.add_parser("keys", help="encryption keys")
    keys.add_argument("action", choices=["new", "rotate"])
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return 2
    try:
        return VERBS[args.verb](args)
    except ConfigError as problem:
        print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _demo(args) -> int:
    from bot.demo import run_demo

    settings = load_settings()
    port = (args.port or settings.port) if args.web else None
    return run_demo(args.db, args.script, org=settings.org, web_port=port)


def _admin_link(args) -> int:
    from bot.dashboard.operator import LinkRefused, admin_link
    from bot.runtime import configure_logging, open_store
    from scheduler.runner import utcnow

    settings = load_settings()
    configure_logging("WARNING")
    store = open_store(settings)
    try:
        print(admin_link(settings, store, args.workspace, args.user, utcnow()))
        return 0
    except LinkRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    finally:
        store.close()


def _db(args) -> int:
    from bot.runtime import configure_logging, open_store

    configure_logging()
    store = open_store(load_settings())
    store.close()
    print("database is up to date")
    return 0


def _prompts(args) -> int:
    from prompts.lint import lint_command
    from prompts.listing import list_command

    if args.prompts_verb == "lint":
        code, output = lint_command(args.path)
    else:
        code, output = list_command(args.theme, args.format, args.language)
    print(output, file=sys.stdout if code == 0 else sys.stderr)
    return code


def _safety(args) -> int:
    from handlers.safety.evaluation import eval_command

    code, output = eval_command(args.path)
    print(output, file=sys.stdout if code != 2 else sys.stderr)
    return code


def _keys(args) -> int:
    from store.crypto import generate_key

    if args.action == "new":
        print(generate_key())
        return 0
    from bot.runtime import configure_logging, open_store

    configure_logging()
    store = open_store(load_settings())
    count, tokens = store.privacy.rotate_keys(), store.privacy.rotate_slack_secrets()
    store.close()
    print(
        f"re-encrypted {count} stored texts and {tokens} Slack tokens with the newest key; you can now drop the old key"
    )
    return 0


def _serve(args) -> int:
    from bot.web import run_serve

    return run_serve(load_settings(), host=args.host, port=args.port, scheduler=not args.no_scheduler)


def _worker(args) -> int:
    from bot.web import run_worker

    return run_worker(load_settings())


def _socket(args) -> int:
    from bot.web import socket_main

    return socket_main(load_settings())


def _slack(args) -> int:
    from bot.slack.manifest import manifest_yaml

    print(manifest_yaml(args.url, socket_mode=args.socket_mode))
    return 0


def _teams(args) -> int:
    from bot.teams.package import build_package

    path = build_package(load_settings(), args.out)
    print(f"wrote {path}")
    return 0


VERBS = {
    "demo": _demo,
    "db": _db,
    "prompts": _prompts,
    "safety": _safety,
    "keys": _keys,
    "serve": _serve,
    "worker": _worker,
    "admin-link": _admin_link,
    "socket": _socket,
    "slack": _slack,
    "teams": _teams,
}
