"""`/nudge report`: participation and well-being totals for admins, never below groups of five, never anyone's words."""

from __future__ import annotations

import csv
import io
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from handlers import kanon
from handlers.admin import require_admin
from handlers.args import split_args, split_options
from handlers.chart import weekly_chart
from handlers.context import Ctx
from handlers.messages import Attachment, CoachingError, Reply
from prompts.messages import escape
from store.repo_report import ReportFacts

PERIODS = {"30d": 30, "90d": 90, "365d": 365}
GROUPINGS = ("role", "department", "schedule")
EXAMPLE = "/nudge report 90d by=role"
HIGH_BURNOUT = 3  # "I'm starting to burn out" and above


@dataclass
class Group:
    """The raw numbers behind one row, before anything is hidden."""

    label: str
    people: set[int] = field(default_factory=set)
    active: set[int] = field(default_factory=set)
    sent: int = 0
    checkins: int = 0
    replied: int = 0
    energy: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class Week:
    """One week of the trend; a number drawn from fewer than five people is None."""

    start: datetime
    active: int | None
    sent: int | None
    energy: float | None


def report(ctx: Ctx, args: str) -> list[Reply]:
    require_admin(ctx, "report")
    days, by, fmt = _parse(args)
    since = ctx.now - timedelta(days=days)
    facts = ctx.store.report_facts(ctx.ws_id, since, ctx.now)
    groups = build_groups(facts, by)
    rows = table_rows(groups)
    weeks = weekly(facts, since, ctx.now)
    if fmt == "csv":
        content = to_csv(rows, weeks).encode("utf-8")
        name = f"microcoach-report-{days}d-{ctx.now:%Y%m%d}.csv"
        return [Reply(f"The {days}-day report as CSV.", attachment=Attachment(name, content, "text/csv", "Report"))]
    text = render_text(rows, weeks, facts, days, by)
    chart = Attachment(f"microcoach-trend-{days}d.png", weekly_chart(weeks), "image/png", "Weekly trend")
    return [Reply(text, attachment=chart)]


def _parse(args: str) -> tuple[int, str | None, str]:
    plain, options = split_options(split_args(args, EXAMPLE))
    unknown = sorted(set(options) - {"by", "format"})
    if unknown:
        raise CoachingError(f"'{unknown[0]}=' is not a report option: use by= and format=.", EXAMPLE)
    period = (plain[0] if plain else "30d").lower()
    if period not in PERIODS or len(plain) > 1:
        raise CoachingError(f"The period is one of {', '.join(PERIODS)}, not '{' '.join(plain)}'.", EXAMPLE)
    by = options.get("by", "").lower() or None
    if by is not None and by not in GROUPINGS:
        raise CoachingError(f"by= is one of {', '.join(GROUPINGS)}, not '{by}'.", EXAMPLE)
    fmt = options.get("format", "text").lower()
    if fmt not in ("text", "csv"):
        raise CoachingError(f"format= is text or csv, not '{fmt}'.", "/nudge report 30d format=csv")
    return PERIODS[period], by, fmt


def build_groups(facts: ReportFacts, by: str | None) -> dict[str, Group]:
    """Members into rows (all together, or by role, department or schedule) with their raw numbers."""
    label_of = {mid: (role or "not given") if by == "role" else (dept or "not given")
                for mid, role, dept, _status in facts.members}  # fmt: skip
    groups: dict[str, Group] = {}

    def group(key: str) -> Group:
        return groups.setdefault(key, Group(key))

    def key_for(member_id: int, schedule_id: int | None) -> str | None:
        if by is None:
            return "everyone"
        if by == "schedule":
            return facts.schedules.get(schedule_id, "on request") if schedule_id else "on request"
        return label_of.get(member_id)

    for member_id, _role, _dept, status in facts.members:
        if status == "active" and by != "schedule":
            group(key_for(member_id, None)).people.add(member_id)
    for member_id, schedule_id, _at in facts.sent:
        row = group(key_for(member_id, schedule_id))
        row.sent += 1
        row.people.add(member_id)
    for member_id, schedule_id, _at, replied in facts.checkins:
        row = group(key_for(member_id, schedule_id))
        row.checkins += 1
        if replied:
            row.replied += 1
            row.active.add(member_id)
    if by != "schedule":
        for member_id, kind, score, _at in facts.pulses:
            if kind == "energy":
                group(key_for(member_id, None)).energy[member_id].append(score)
    return groups


def table_rows(groups: dict[str, Group]) -> list[dict[str, str]]:
    """Display rows with small groups hidden, including what subtraction from the total would give away."""
    people, hide_total = kanon.suppress({k: len(g.people) for k, g in groups.items()})
    active, hide_active = kanon.suppress({k: len(g.active) for k, g in groups.items()})
    energy_n, hide_energy = kanon.suppress({k: len(g.energy) for k, g in groups.items()})
    rows = []
    for key, g in sorted(groups.items()):
        visible = people[key] is not None
        rows.append(_row(escape(key), visible, people[key], active[key], g, energy_n[key] is not None))
    if len(groups) > 1:
        everyone = _merge(groups.values())
        rows.append(_row("all", not hide_total, len(everyone.people), None if hide_active else len(everyone.active),
                         everyone, not hide_energy))  # fmt: skip
    return rows


def _row(label: str, visible: bool, people, active, g: Group, energy_visible: bool) -> dict[str, str]:
    rate = g.replied / g.checkins if g.checkins else None
    scores = [s for person in g.energy.values() for s in person]
    return {
        "group": label,
        "people": kanon.fmt(people if visible else None),
        "active": kanon.fmt(active if visible else None),
        "sent": kanon.fmt(g.sent if visible else None),
        "reply rate": "-" if rate is None else (f"{rate:.0%}" if visible else kanon.HIDDEN),
        "energy": kanon.fmt(statistics.mean(scores) if visible and energy_visible and scores else None, digits=1),
    }


def _merge(groups) -> Group:
    total = Group("all")
    for g in groups:
        total.people |= g.people
        total.active |= g.active
        total.sent, total.checkins, total.replied = (
            total.sent + g.sent,
            total.checkins + g.checkins,
            total.replied + g.replied,
        )
        for member, scores in g.energy.items():
            total.energy[member].extend(scores)
    return total


def weekly(facts: ReportFacts, since: datetime, until: datetime) -> list[Week]:
    """Participation and energy by week; a week's energy shows only when five or more people gave it."""

    def week_of(moment: datetime) -> int:
        return (moment - since).days // 7

    active, sent, reached, energy = defaultdict(set), defaultdict(int), defaultdict(set), defaultdict(dict)
    for member_id, _schedule, at, replied in facts.checkins:
        if replied:
            active[week_of(at)].add(member_id)
    for member_id, _schedule, at in facts.sent:
        sent[week_of(at)] += 1
        reached[week_of(at)].add(member_id)
    for member_id, kind, score, at in facts.pulses:
        if kind == "energy":
            energy[week_of(at)].setdefault(member_id, []).append(score)
    weeks = []
    for index in range((until - since).days // 7 + 1):
        scores = [s for person in energy[index].values() for s in person]
        mean = statistics.mean(scores) if kanon.enough(len(energy[index])) else None
        people = len(active[index])
        weeks.append(
            Week(
                since + timedelta(days=7 * index),
                people if kanon.enough(people) else None,
                sent[index] if kanon.enough(len(reached[index])) else None,
                mean,
            )
        )
    return weeks


def burnout_distribution(facts: ReportFacts) -> tuple[dict[str, int | None], dict[str, int | None], int]:
    """Each person's first and last answer to the burnout item in the period, as level counts (small ones hidden)."""
    answers: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    for member_id, kind, score, at in facts.pulses:
        if kind == "burnout":
            answers[member_id].append((at, score))
    first = {str(level): 0 for level in range(1, 6)}
    last = dict(first)
    for given in answers.values():
        given.sort()
        first[str(given[0][1])] += 1
        last[str(given[-1][1])] += 1
    return kanon.suppress(first)[0], kanon.suppress(last)[0], len(answers)


def render_text(rows: list[dict], weeks: list[Week], facts: ReportFacts, days: int, by: str | None) -> str:
    lines = [f"*Program report, last {days} days*" + (f", by {by}" if by else ""),
             "Counts drawn from fewer than 5 people show as <5 (also where subtraction would reveal them).", "```",
             _table(rows), "```"]  # fmt: skip
    first, last, answered = burnout_distribution(facts)
    if kanon.enough(answered):
        lines.append("*Burnout item* (1 = no burnout ... 5 = completely burned out), first and last answer:")
        lines.append("start " + " ".join(f"{k}:{kanon.fmt(v)}" for k, v in first.items()))
        lines.append("end   " + " ".join(f"{k}:{kanon.fmt(v)}" for k, v in last.items()))
    else:
        lines.append(f"*Burnout item*: fewer than {kanon.K} people answered, so it is hidden.")
    lines.append(_coach_line(facts))
    lines.append("*Weekly trend* (people who replied, check-ins sent, average energy): see the chart.")
    return "\n".join(lines)


def _coach_line(facts: ReportFacts) -> str:
    total = len(facts.requests)
    if not kanon.enough(total):
        return f"*Coach requests*: fewer than {kanon.K}, so the details are hidden."
    matched = [m - c for _r, _s, c, m in facts.requests if m is not None]
    shown, _ = kanon.suppress({"matched": len(matched), "not matched": total - len(matched)}, total)
    median = f", median time to match {statistics.median(w.total_seconds() for w in matched) / 3600:.1f} h" \
        if kanon.enough(len(matched)) else ""  # fmt: skip
    return f"*Coach requests*: {total}; matched {kanon.fmt(shown['matched'])}{median}."


def _table(rows: list[dict]) -> str:
    columns = list(rows[0]) if rows else ["group"]
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    head = "  ".join(c.ljust(widths[c]) for c in columns)
    return "\n".join([head] + ["  ".join(r[c].ljust(widths[c]) for c in columns) for r in rows])


def to_csv(rows: list[dict], weeks: list[Week]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = list(rows[0]) if rows else ["group"]
    writer.writerow(columns)
    writer.writerows([[r[c] for c in columns] for r in rows])
    writer.writerow([])
    writer.writerow(["week starting", "people who replied", "check-ins sent", "average energy"])
    for week in weeks:
        writer.writerow([f"{week.start:%Y-%m-%d}", kanon.fmt(week.active), kanon.fmt(week.sent),
                         kanon.fmt(week.energy, digits=1)])  # fmt: skip
    return out.getvalue()
