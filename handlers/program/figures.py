"""The numbers behind `/nudge report` for one calendar month, with every small group already hidden.

Each number is checked against the people it is drawn from (its contributors), not against everyone
enrolled: a reply rate needs 5 people who replied and, for the rest of its group, either nobody or 5 who did
not; an energy average needs 5 people who gave it, and is the average of each person's own average, so one
frequent user cannot pull it. Departments are words people typed, so a department of fewer than 5 is never
named: small ones are counted together as "smaller departments". The result is plain data (strings and
numbers) so it can be kept as it is once the month is over.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from handlers.privacy.small_groups import HIDDEN, big_enough, display, hide_small, small
from store.repo_report import ReportFacts

GROUPINGS = ("role", "department")
SMALLER_DEPARTMENTS = "smaller departments"
NOT_GIVEN = "not given"
ALL = "all"
HIGH_BURNOUT = 3  # "I'm starting to burn out" and above


@dataclass
class Group:
    """The raw facts of one row, before anything is hidden (never leaves this module)."""

    people: set[int] = field(default_factory=set)
    replied: set[int] = field(default_factory=set)
    checkins: dict[int, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # asked, replied
    sent: int = 0
    energy: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def absorb(self, other: Group) -> None:
        self.people |= other.people
        self.replied |= other.replied
        self.sent += other.sent
        for member, (asked, answered) in other.checkins.items():
            self.checkins[member][0] += asked
            self.checkins[member][1] += answered
        for member, scores in other.energy.items():
            self.energy[member].extend(scores)


def month_figures(facts: ReportFacts, by: str | None) -> dict:
    """Everything a month's report shows, small groups hidden; JSON-able."""
    groups = _grouped(facts, by)
    everyone = Group()
    for group in groups.values():
        everyone.absorb(group)
    return {
        "by": by,
        "rows": table(groups, everyone),
        "burnout": burnout(facts),
        "coach": coach_requests(facts),
        "trend": trend_point(everyone, facts),
    }


def _grouped(facts: ReportFacts, by: str | None) -> dict[str, Group]:
    label_of = _labels(facts, by)
    groups: dict[str, Group] = defaultdict(Group)
    for member_id, _schedule, _at in facts.sent:
        group = groups[label_of.get(member_id, NOT_GIVEN)]
        group.sent += 1
        group.people.add(member_id)
    for member_id, _schedule, _at, replied in facts.checkins:
        group = groups[label_of.get(member_id, NOT_GIVEN)]
        group.people.add(member_id)
        group.checkins[member_id][0] += 1
        if replied:
            group.checkins[member_id][1] += 1
            group.replied.add(member_id)
    for member_id, kind, score, _at in facts.pulses:
        if kind == "energy":
            groups[label_of.get(member_id, NOT_GIVEN)].energy[member_id].append(score)
    return _merge_small_departments(groups) if by == "department" else dict(groups)


def _labels(facts: ReportFacts, by: str | None) -> dict[int, str]:
    if by is None:
        return {member_id: ALL for member_id, *_rest in facts.members}
    index = 1 if by == "role" else 2
    return {row[0]: (row[index] or NOT_GIVEN).strip() or NOT_GIVEN for row in facts.members}


def _merge_small_departments(groups: dict[str, Group]) -> dict[str, Group]:
    """A department's name is someone's own words: named only when 5 or more people are in it."""
    merged: dict[str, Group] = {}
    for label, group in groups.items():
        if big_enough(len(group.people)):
            merged[label] = group
        else:
            merged.setdefault(SMALLER_DEPARTMENTS, Group()).absorb(group)
    return merged


def table(groups: dict[str, Group], everyone: Group) -> list[dict[str, str]]:
    """One row per group and, when there is more than one, the `all` row; small cells hidden."""
    people, hide_all_people = hide_small({k: len(g.people) for k, g in groups.items()}, len(everyone.people))
    not_replied = {k: len(g.people) - len(g.replied) for k, g in groups.items()}
    protect = {k for k in groups if small(not_replied[k]) or people[k] is None}
    replied, hide_all_replied = hide_small(
        {k: len(g.replied) for k, g in groups.items()}, len(everyone.replied), protect=protect
    )
    hide_all_replied = hide_all_replied or hide_all_people or _union_small(groups, people, replied, everyone)
    rows = [_row(label, g, people[label], replied[label]) for label, g in sorted(groups.items())]
    if len(groups) > 1:
        all_people = None if hide_all_people else len(everyone.people)
        not_replied_all = len(everyone.people) - len(everyone.replied)
        hide_replied = hide_all_replied or all_people is None or small(not_replied_all)
        rows.append(_row(ALL, everyone, all_people, None if hide_replied else len(everyone.replied)))
    return rows


def _union_small(groups: dict[str, Group], people: dict, replied: dict, everyone: Group) -> bool:
    """Would the total of replies, minus the shown ones, give away a small number of people who did not reply?

    The hidden replies add up to (total - shown); when every hidden group's size is shown, the people in
    those groups who did not reply follow by subtraction, and they must not be 1 to 4.
    """
    hidden = [k for k, value in replied.items() if value is None and groups[k].people]
    if not hidden or any(people[k] is None for k in hidden):
        return False
    return small(sum(len(groups[k].people) - len(groups[k].replied) for k in hidden))


def _row(label: str, group: Group, people: int | None, replied: int | None) -> dict[str, str]:
    if people is None:  # a hidden group shows nothing at all: even a zero would be said of each of them
        return {"group": label, **dict.fromkeys(("people", "replied", "reply rate", "energy", "sent"), HIDDEN)}
    rate = _per_person_rate(group) if replied is not None else None
    energy = _per_person_mean(group.energy) if big_enough(len(group.energy)) else None
    return {
        "group": label,
        "people": display(people),
        "replied": display(replied),
        "reply rate": "-" if not group.checkins else (HIDDEN if rate is None else f"{rate:.0%}"),
        "energy": "-" if not group.energy else display(energy, digits=1),
        "sent": display(group.sent),
    }


def _per_person_rate(group: Group) -> float | None:
    rates = [answered / asked for asked, answered in group.checkins.values() if asked]
    return statistics.mean(rates) if rates else None


def _per_person_mean(scores: dict[int, list[int]]) -> float:
    """Each person's own average first, then the average of those: one frequent answerer counts once."""
    return statistics.mean(statistics.mean(s) for s in scores.values() if s)


def burnout(facts: ReportFacts) -> dict:
    """Each person's latest answer to the monthly burnout item, as counts per level; small ones hidden."""
    latest: dict[int, tuple] = {}
    for member_id, kind, score, at in facts.pulses:
        if kind == "burnout" and (member_id not in latest or at >= latest[member_id][0]):
            latest[member_id] = (at, score)
    levels = {str(level): 0 for level in range(1, 6)}
    for _at, score in latest.values():
        levels[str(score)] += 1
    answered = len(latest)
    if not big_enough(answered):
        return {"answered": display(None if answered else 0), "levels": {}, "high share": None}
    shown, _ = hide_small(levels, answered)
    high = sum(levels[str(level)] for level in range(HIGH_BURNOUT, 6))
    share = high / answered if not (small(high) or small(answered - high)) else None
    return {"answered": str(answered), "levels": {k: display(v) for k, v in shown.items()}, "high share": share}


def coach_requests(facts: ReportFacts) -> dict:
    """People who asked for a coach this month, how many were matched, and the median wait; small ones hidden."""
    people: dict[int, tuple] = {}
    for requester, _status, created, matched in facts.requests:
        if requester not in people or (matched is not None and people[requester][1] is None):
            people[requester] = (created, matched)
    asked = len(people)
    if not big_enough(asked):
        return {"people": display(None if asked else 0), "matched": HIDDEN if asked else "0", "median hours": None}
    waits = [(matched - created).total_seconds() / 3600 for created, matched in people.values() if matched]
    shown, _ = hide_small({"matched": len(waits), "not matched": asked - len(waits)}, asked)
    median = statistics.median(waits) if big_enough(len(waits)) and shown["matched"] is not None else None
    return {"people": str(asked), "matched": display(shown["matched"]), "median hours": median}


def trend_point(everyone: Group, facts: ReportFacts) -> dict:
    """The month as one point of the trend (the whole workspace): hidden values are None."""
    reached, replied = len(everyone.people), len(everyone.replied)
    replied_ok = big_enough(reached) and not small(replied) and not small(reached - replied)
    energy_ok = big_enough(len(everyone.energy))
    return {
        "people": reached if big_enough(reached) else None,
        "replied": replied if replied_ok else None,
        "energy": _per_person_mean(everyone.energy) if energy_ok else None,
        "high burnout share": burnout(facts)["high share"],
    }
