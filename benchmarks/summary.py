"""The summary: Markdown tables of every run beside its targets, ready to paste into the README."""

from __future__ import annotations

import os
import platform
import sys

from benchmarks.fanout import FanoutResult, TickResult
from benchmarks.slack_load import LoadResult

MIN_FRACTION = 0.9
FIRST_WITHIN_S = 5.0
MAX_TICK_MS = 50.0
MAX_WORKER_MB = 200.0
MAX_P99_MS = 250.0


def machine() -> str:
    cpus = os.cpu_count()
    return f"{platform.system()} {platform.machine()}, {cpus} CPUs (nproc), Python {sys.version.split()[0]}"


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def fanout_table(runs: list[FanoutResult]) -> list[str]:
    lines = [
        "| run | N | limit (burst) | of limit (≥ 0.90) | duplicates (0) | lost (0) | due → first (≤ 5 s) "
        "| due → last (floor N/limit) | worker peak (< 200 MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in runs:
        lost = max(r.lost, r.not_sent)
        first = "-" if r.first is None else f"{r.first:.1f} s {mark(r.first <= FIRST_WITHIN_S)}"
        last = "-" if r.last is None else f"{r.last:.0f} s ({r.floor:.0f} s)"
        fraction = f"{r.fraction:.2f} {mark(r.fraction >= MIN_FRACTION)}"
        lines.append(
            f"| {r.what} | {r.members:,} | {r.limit:g}/s ({r.burst}) | {fraction} "
            f"| {r.duplicates} {mark(r.duplicates == 0)} | {lost} {mark(lost == 0)} | {first} | {last} "
            f"| {r.peak_mb:.0f} MB {mark(r.peak_mb < MAX_WORKER_MB)} |"
        )
    return lines


def tick_table(t: TickResult) -> list[str]:
    return [
        "| tick, nothing due | members | median (< 50 ms) |",
        "| --- | ---: | ---: |",
        f"| member-local schedule, 6 zones | {t.members:,} | {t.median_ms:.1f} ms {mark(t.median_ms < MAX_TICK_MS)} |",
    ]


def load_table(r: LoadResult) -> list[str]:
    fanout, during = r.fanout, "-"
    if fanout is not None:
        during = f"{fanout.fraction:.2f} of {fanout.limit:g}/s"
        if fanout.unfinished:
            during += f", {fanout.unfinished:,} of {fanout.members:,} still unsent when the run stopped"
    return [
        "| Slack load | requests | concurrent | ack p50 | ack p99 (< 250 ms) | errors (0) | fan-out meanwhile |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| /checkin help, /checkin, DMs, /coach status | {len(r.times_ms):,} | {r.concurrency} | {r.p50:.0f} ms "
        f"| {r.p99:.0f} ms {mark(r.p99 < MAX_P99_MS)} | {r.errors} {mark(r.errors == 0)} | {during} |",
    ]


def print_summary(
    runs: list[FanoutResult], tick: TickResult | None, load: LoadResult | None, database: str = "SQLite"
) -> None:
    print("\n## Benchmark summary\n")
    print(f"{machine()}; database {database}; fake Slack adds 100 ms a call and answers 429 + Retry-After.\n")
    blocks = []
    if runs:
        blocks.append(fanout_table(runs))
    if tick is not None:
        blocks.append(tick_table(tick))
    if load is not None:
        blocks.append(load_table(load))
    print("\n\n".join("\n".join(block) for block in blocks), flush=True)
