"""`python -m benchmarks delivery`: issue 13's runs side by side (cost, 20 workspaces, Teams, crashes, acks)."""

from __future__ import annotations

import argparse

from benchmarks import delivery_cost, delivery_runs, slack_load
from benchmarks.fanout import print_result, run_fanout


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="smaller runs (about 4 minutes instead of about 10)")
    parser.add_argument("--database-url", help="PostgreSQL URL for the PostgreSQL runs (its schema is dropped!)")


def run(args: argparse.Namespace) -> list[tuple[str, str, str]]:
    """Every run, printed as it finishes; returns (what, measured, target) rows for the README table."""
    quick, url = args.quick, args.database_url
    rows = []
    for cost in delivery_cost.run(argparse.Namespace(members=1500 if quick else 3000, database_url=url)):
        rows.append((f"CPU per check-in, {cost.database}", f"{cost.cpu_ms_per_checkin:.2f} ms", "≤ 3 ms"))
        rows.append((f"check-ins a second, no limit, {cost.database}", f"{cost.rate:.0f}/s", "≥ 300/s"))
    many = delivery_runs.run_many(20, 10.0, small=100 if quick else 150, big=300 if quick else 600)
    delivery_runs.print_many(many)
    fractions = sorted(r.fraction for r in many.runs)
    rows.append(
        (
            "20 workspaces × 10/s: fraction of each one's limit (worst; big one)",
            f"worst {fractions[0]:.2f}, median {fractions[10]:.2f}; big {many.runs[0].fraction:.2f}",
            "each ≥ 0.9",
        )
    )
    teams = delivery_runs.run_teams(450 if quick else 900)
    delivery_runs.print_teams(teams)
    rows.append(("Teams, 30/s stand-in, 100 ms: fraction of the limit", f"{teams.rate / teams.limit:.2f}", "≥ 0.9"))
    members = 1500 if quick else 3000
    crash = run_fanout(members, 50.0, crash_at=0.4, stable_id=False, what="crash, no worker id")
    print_result(crash)
    rows.append(
        (
            f"crash at 40% without MICROCOACH_WORKER_ID, {members:,} at 50/s",
            f"{crash.fraction:.2f} of the limit; last at {crash.last / crash.floor:.2f}× the floor; "
            f"dup {crash.duplicates}",
            "≥ 0.9, 0 dup",
        )
    )
    no_question = [many.no_question, teams.no_question, crash.lost]
    if url:
        two = run_fanout(members, 50.0, crash_at=0.4, stable_id=False, workers=2, database_url=url, what="2 workers")
        print_result(two)
        no_question.append(two.lost)
        rows.append(
            (
                f"two workers on PostgreSQL, one SIGKILLed for good, {members:,} at 50/s",
                f"{two.fraction:.2f} of the limit; dup {two.duplicates}; lost {two.lost}",
                "≥ 0.9, 0 dup",
            )
        )
    rows.append(("members who got no question (all runs above)", str(sum(no_question)), "0"))
    load = slack_load.run_load(200 if quick else 400, 1, members=members, limit=50.0, open_rate=40.0, users=members)
    slack_load.print_result(load)
    acks = f"p50 {load.p50:.0f} ms, p99 {load.p99:.0f} ms"
    rows.append(("acks, 40 /checkin a second open loop during a fan-out", acks, "p99 ≤ 250 ms"))
    print("\n| run | measured | target |\n| --- | --- | --- |")
    for what, measured, target in rows:
        print(f"| {what} | {measured} | {target} |")
    return rows
