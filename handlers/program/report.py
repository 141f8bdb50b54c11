"""`/nudge report`: a complete month's participation and well-being figures for admins, never anyone's words.

Figures are counted per complete calendar month (UTC) and kept as first computed (see store ReportSnapshot),
so asking again never shows a different number for a month already shown. Small groups are hidden by
handlers.program.figures.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from handlers.core.access import require_admin
from handlers.core.context import Ctx
from handlers.core.parsing import split_args, split_options
from handlers.core.vocabulary import Attachment, CoachingError, Reply
from handlers.privacy.small_groups import HIDDEN, MIN_GROUP, display
from handlers.program.chart import monthly_chart
from handlers.program.figures import GROUPINGS, month_figures
from handlers.timing.months import Month, months_back, parse_month
from prompts.messages import Safe, escape, render
from store import Store
from store.models import Workspace

EXAMPLE = "/nudge report 2026-10 by=role"
TREND_MONTHS = 12
VERSION = 2  # part of each kept month's key: a change in what is counted starts a fresh set
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def report(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "report")
    month, by, fmt = _parse(ctx, args)
    figures = month_report(ctx.store, ctx.workspace, month, by, ctx.now)
    points = trend(ctx.store, ctx.workspace, month, ctx.now)
    if fmt == "csv":
        content = to_csv(figures["rows"], points).encode("utf-8")
        name = f"microcoach-report-{month.key}{'-by-' + by if by else ''}.csv"
        return [
            Reply(
                render("report_csv", month=month.label),
                attachment=Attachment(name, content, "text/csv", render("report_title")),
            )
        ]
    chart = Attachment(f"microcoach-trend-{month.key}.png", monthly_chart(points), "image/png", render("report_chart"))
    return [Reply(render_text(figures, points, month), attachment=chart)]


def _parse(ctx: Ctx, args: str) -> tuple[Month, str | None, str]:
    plain, options = split_options(split_args(args, EXAMPLE))
    unknown = sorted(set(options) - {"by", "format"})
    if unknown:
        raise CoachingError(render("report_err_option", option=unknown[0]), EXAMPLE)
    if len(plain) > 1:
        raise CoachingError(render("report_err_month", value=" ".join(plain)), EXAMPLE)
    month = parse_month(plain[0] if plain else "", ctx.now, EXAMPLE, began=ctx.workspace.created_at)
    by = options.get("by", "").lower() or None
    if by is not None and by not in GROUPINGS:
        raise CoachingError(render("err_one_of", name="by=", choices=", ".join(GROUPINGS), value=by), EXAMPLE)
    fmt = options.get("format", "text").lower()
    if fmt not in ("text", "csv"):
        raise CoachingError(
            render("err_one_of", name="format=", choices="text, csv", value=fmt), "/nudge report format=csv"
        )
    return month, by, fmt


def month_report(store: Store, workspace: Workspace, month: Month, by: str | None, now: datetime) -> dict:
    """A complete month's figures: kept from the first time they were asked for, computed then if need be."""
    if month.end > now:
        raise ValueError(f"{month.key} is not over yet")
    key = f"report:v{VERSION}:{month.key}:{by or 'all'}"
    kept = store.reports.report_snapshot(workspace.id, key)
    if kept is not None:
        return kept
    facts = store.reports.report_facts(workspace.id, month.start, month.end)
    return store.reports.keep_report_snapshot(workspace.id, key, {"month": month.key, **month_figures(facts, by)}, now)


def trend(store: Store, workspace: Workspace, last: Month, now: datetime) -> list[dict]:
    """Up to a year of months ending with `last` (none before the workspace began), one point each."""
    months = months_back(last, TREND_MONTHS, earliest=Month.of(workspace.created_at))
    return [{"month": m.key, **month_report(store, workspace, m, None, now)["trend"]} for m in months]


def render_text(figures: dict, points: list[dict], month: Month) -> str:
    by = figures.get("by")
    lines = [
        render("report_heading_by", month=month.label, by=by) if by else render("report_heading", month=month.label),
        render("report_rules", least=MIN_GROUP, hidden=HIDDEN),
        "```",
        _table(figures["rows"]),
        "```",
        _burnout_line(figures["burnout"]),
        _coach_line(figures["coach"]),
        render("report_trend"),
        *(f"  {p['month']}: {display(p['replied'])} · {display(p['energy'], digits=1)}" for p in points[-3:]),
    ]
    return "\n".join(lines)


def _burnout_line(burnout: dict) -> str:
    if not burnout["levels"]:
        return render("report_burnout_hidden", least=MIN_GROUP)
    levels = " ".join(f"{level}:{count}" for level, count in burnout["levels"].items())
    return render("report_burnout", answered=burnout["answered"], levels=levels)


def _coach_line(coach: dict) -> str:
    if coach["people"] in (HIDDEN, "0"):
        return render("report_coach_few", people=coach["people"])
    median = render("report_median", hours=f"{coach['median hours']:.1f}") if coach["median hours"] is not None else ""
    return render("report_coach", people=coach["people"], matched=coach["matched"], median=Safe(median))


def _table(rows: list[dict]) -> str:
    columns = list(rows[0]) if rows else ["group"]
    cells = [[escape(r[c]) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c) for i, c in enumerate(columns)]
    head = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    return "\n".join([head] + ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells])


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will never run: text starting =, +, -, @ (or a tab or return) gets a leading '."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def to_csv(rows: list[dict], points: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = list(rows[0]) if rows else ["group"]
    writer.writerow(columns)
    writer.writerows([[csv_cell(r[c]) for c in columns] for r in rows])
    writer.writerow([])
    writer.writerow(["month", "people", "people who replied", "average energy", "share at burnout level 3+"])
    for p in points:
        share = None if p["high burnout share"] is None else f"{p['high burnout share']:.0%}"
        writer.writerow(
            [p["month"], display(p["people"]), display(p["replied"]), display(p["energy"], digits=1), share or HIDDEN]
        )
    return out.getvalue()
