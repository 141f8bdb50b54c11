"""Promise 1 for admin numbers, as properties: no small group, no small difference, and no second look that differs.

The figures are attacked three ways, independently of how they are computed:
- every number shown is drawn from at least 5 people (contributors recounted here from the raw facts);
- no set of 1 to 4 people can be counted by any sum or difference of the shown counts (an exhaustive linear
  check over every set of cells: a set's size is learnable exactly when it lies in the span of what is shown);
- once a month is shown, nothing one person does afterwards (answering, pausing, a crisis, deleting their
  data) changes a single shown cell, and a preview never changes with one person's status.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handlers.privacy.small_groups import HIDDEN
from handlers.program.figures import ALL, NOT_GIVEN, SMALLER_DEPARTMENTS, month_figures
from store.repo_report import ReportFacts
from tests.dialog import Dialog

AT = datetime(2026, 10, 14, 13, 0, tzinfo=UTC)
person = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["nurse", "physician", None]),
        "department": st.sampled_from(["ICU", "ED", "Oncology", None]),
        "asked": st.integers(0, 3),  # check-ins started this month (0: not reached)
        "replied": st.integers(0, 3),
        "energy": st.lists(st.integers(1, 5), max_size=3),
    }
)


def facts_of(people: list[dict]) -> ReportFacts:
    members, sent, checkins, pulses = [], [], [], []
    for member_id, p in enumerate(people, start=1):
        members.append((member_id, p["role"], p["department"], "active"))
        for n in range(p["asked"]):
            sent.append((member_id, 1, AT))
            checkins.append((member_id, 1, AT, n < p["replied"]))
        if p["asked"]:
            pulses += [(member_id, "energy", score, AT) for score in p["energy"]]
    return ReportFacts(members, sent, checkins, pulses, [], {1: "daily"})


def true_groups(people: list[dict], by: str | None) -> dict[str, dict[str, int]]:
    """Who is in each row, recounted here: people reached, who replied, who did not, who gave energy."""
    groups: dict[str, dict[str, int]] = defaultdict(lambda: {"r": 0, "n": 0, "energy": 0})
    for p in people:
        if not p["asked"]:
            continue
        label = ALL if by is None else (p[by] or NOT_GIVEN)
        groups[label]["r" if min(p["replied"], p["asked"]) else "n"] += 1
        groups[label]["energy"] += bool(p["energy"])
    if by == "department":
        merged: dict[str, dict[str, int]] = defaultdict(lambda: {"r": 0, "n": 0, "energy": 0})
        for label, g in groups.items():
            target = label if g["r"] + g["n"] >= 5 else SMALLER_DEPARTMENTS
            for key in g:
                merged[target][key] += g[key]
        groups = merged
    return dict(groups)


def shown_equations(rows: list[dict], labels: list[str]) -> list[tuple[list[int], int]]:
    """Each shown count as (coefficients over the cells r_g, n_g of every group, value)."""
    index = {label: i for i, label in enumerate(labels)}
    equations = []
    for row in rows:
        members = labels if row["group"] == ALL and len(labels) > 1 else [row["group"]]
        for column, parts in (("people", ("r", "n")), ("replied", ("r",))):
            if row[column] == HIDDEN:
                continue
            vector = [0] * (2 * len(labels))
            for label in members:
                for part in parts:
                    vector[2 * index[label] + (part == "n")] = 1
            equations.append((vector, int(row[column])))
    return equations


def in_span(rows: list[list[int]], vector: list[int]) -> bool:
    """Is `vector` a linear combination of `rows`? (Gaussian elimination over the rationals.)"""
    basis: list[list[Fraction]] = []
    for row in rows:
        reduced = _reduce([Fraction(x) for x in row], basis)
        if any(reduced):
            basis.append(reduced)
    return not any(_reduce([Fraction(x) for x in vector], basis))


def _reduce(vector: list[Fraction], basis: list[list[Fraction]]) -> list[Fraction]:
    for row in basis:
        pivot = next(i for i, x in enumerate(row) if x)
        if vector[pivot]:
            factor = vector[pivot] / row[pivot]
            vector = [v - factor * r for v, r in zip(vector, row, strict=True)]
    return vector


@settings(max_examples=300, deadline=None)
@given(people=st.lists(person, max_size=28), by=st.sampled_from([None, "role", "department"]))
def test_no_shown_count_or_difference_isolates_fewer_than_five(people, by):
    figures = month_figures(facts_of(people), by)
    groups = true_groups(people, by)
    labels = sorted(groups)
    rows = figures["rows"]
    assert {r["group"] for r in rows} == set(labels) | ({ALL} if len(labels) > 1 else set())
    for row in rows:
        for column in ("people", "replied"):
            assert row[column] == HIDDEN or int(row[column]) == 0 or int(row[column]) >= 5, (row, column)
        if row["people"] == HIDDEN:
            assert {row[c] for c in ("replied", "reply rate", "sent")} == {HIDDEN}, row
        g = groups.get(row["group"])
        if g is not None and row["energy"] not in ("-", HIDDEN):
            assert g["energy"] >= 5, row  # an average of fewer than 5 people's answers
        if row["reply rate"] not in ("-", HIDDEN):
            assert row["replied"] != HIDDEN
    equations = shown_equations(rows, labels)
    values = [g[part] for label in labels for g in [groups[label]] for part in ("r", "n")]
    spans = [vector for vector, _ in equations]
    for chosen in itertools.product((0, 1), repeat=len(values)):
        size = sum(c * v for c, v in zip(chosen, values, strict=True))
        if 0 < size < 5 and any(chosen):
            assert not in_span(spans, list(chosen)), (rows, chosen, values)


def test_a_reply_rate_and_energy_need_five_people_behind_them():
    """Six people got check-ins and one replied: the rate and the energy would be that one person's."""
    people = [{"role": "nurse", "department": "ICU", "asked": 2, "replied": 0, "energy": []} for _ in range(5)]
    people.append({"role": "nurse", "department": "ICU", "asked": 2, "replied": 2, "energy": [2, 2]})
    [row] = month_figures(facts_of(people), None)["rows"]
    assert row["people"] == "6" and row["replied"] == HIDDEN and row["reply rate"] == HIDDEN
    assert row["energy"] == HIDDEN


def test_energy_is_an_average_of_people_not_of_answers():
    steady = [{"role": "nurse", "department": "ICU", "asked": 1, "replied": 1, "energy": [2]} for _ in range(5)]
    keen = {"role": "nurse", "department": "ICU", "asked": 3, "replied": 3, "energy": [5, 5, 5]}
    [row] = month_figures(facts_of([*steady, keen]), None)["rows"]
    assert row["energy"] == "2.5"  # (2+2+2+2+2+5)/6 people, not 19/8 answers


def test_a_small_department_is_never_named():
    people = [{"role": "nurse", "department": "ICU", "asked": 1, "replied": 1, "energy": []} for _ in range(6)]
    people += [{"role": "nurse", "department": "Neonatal Transport", "asked": 1, "replied": 1, "energy": []}]
    labels = [r["group"] for r in month_figures(facts_of(people), "department")["rows"]]
    assert "Neonatal Transport" not in labels and SMALLER_DEPARTMENTS in labels and "ICU" in labels


# --- through the store: months are kept, previews never move ------------------------------------------------


WORLDS = itertools.count(1)  # hypothesis reuses the test's store: each example gets a workspace of its own


def _october_world(store, now) -> Dialog:
    d = Dialog(store, now.replace(month=10, day=12), workspace=f"T-october-{next(WORLDS)}")
    d.add("admin", "Alex Rivera", admin=True)
    for i in range(9):
        d.add(f"rn{i}", f"Nurse {i}", role="nurse", department="ICU" if i < 6 else "ED")
        d.as_ = f"rn{i}"
        d.say("/checkin")
        if i % 4:
            d.say("words")
            d.say(f"!checkin:energy:{1 + i % 5}")
    d.now = now  # 25 November: October is complete
    d.as_ = "admin"
    return d


ONE_PERSON_CHANGES = [
    "answers again",  # a new answer this month
    "pauses",
    "crisis",
    "stops",
    "deletes their data",
    "asks for a coach",
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(who=st.integers(0, 8), change=st.sampled_from(ONE_PERSON_CHANGES), by=st.sampled_from(["", " by=role"]))
def test_nothing_one_person_does_after_a_month_changes_its_report(store, now, who, change, by):
    d = _october_world(store, now)
    before = d.text(d.say(f"/nudge report 2026-10{by}"))
    _change(d, f"rn{who}", change)
    d.as_ = "admin"
    assert d.text(d.say(f"/nudge report 2026-10{by}")) == before
    assert d.text(d.say("/coach stats 2026-10")) == d.text(d.say("/coach stats 2026-10"))


def _change(d: Dialog, handle: str, change: str) -> None:
    d.as_ = handle
    said = {
        "answers again": ["/checkin", "new words"],
        "pauses": ["/checkin pause 7d"],
        "crisis": ["I want to end my life"],
        "stops": ["/checkin stop"],
        "deletes their data": ["/checkin delete", "!privacy:delete-yes"],
        "asks for a coach": ['/coach role=nurse department=ICU topic="x"'],
    }[change]
    for line in said:
        d.say(line)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    statuses=st.lists(
        st.sampled_from(["active", "paused", "stopped", "unreachable", "crisis"]), min_size=2, max_size=7
    ),
    audience=st.sampled_from(["everyone", "@p0", "@p0 @p1", "#icu"]),
)
def test_a_preview_never_changes_with_anyones_status(store, now, statuses, audience):
    d = Dialog(store, now, workspace=f"T-preview-{next(WORLDS)}")
    d.add("admin", "Alex Rivera", admin=True)
    ids = [d.add(f"p{i}", f"Person {i}") for i in range(len(statuses))]
    store.members.set_channel_members(d.ws_id, "C1", "icu", ids)
    d.as_ = "admin"
    d.say(f"/nudge add daily 09:00 to {audience}")
    schedule = store.schedules.all(d.ws_id)[-1].id
    before = d.text(d.say(f"/nudge preview {schedule}"))
    for i, status in enumerate(statuses):
        _set_status(d, f"p{i}", status)
    d.as_ = "admin"
    assert d.text(d.say(f"/nudge preview {schedule}")) == before


def _set_status(d: Dialog, handle: str, status: str) -> None:
    member = d.member(handle)
    if status == "paused":
        d.store.members.update_member(d.ws_id, member.id, paused_until=d.now + timedelta(days=3))
    elif status == "stopped":
        d.store.members.update_member(d.ws_id, member.id, status="stopped")
    elif status == "unreachable":
        d.store.members.update_member(d.ws_id, member.id, unreachable_reason="app not installed")
    elif status == "crisis":
        d.as_ = handle
        d.say("I want to kill myself")


def test_csv_cells_never_run_as_formulas():
    from handlers.program.report import csv_cell, to_csv

    for risky in ('=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rx"):
        assert csv_cell(risky).startswith("'")
    assert csv_cell("ICU") == "ICU" and csv_cell(None) == ""
    rows = [{"group": "=cmd|' /C calc'!A0", "people": "7", "replied": "<5", "reply rate": "<5", "energy": "-",
             "sent": "9"}]  # fmt: skip
    assert "\n'=cmd" in to_csv(rows, [])


def test_a_hidden_group_shows_nothing_not_even_a_zero():
    """Three people, none of whom replied: '0 replied' beside '<5 people' would say it of each of them."""
    quiet = [{"role": "physician", "department": "ED", "asked": 1, "replied": 0, "energy": []} for _ in range(3)]
    busy = [{"role": "nurse", "department": "ICU", "asked": 1, "replied": 1, "energy": [3]} for _ in range(6)]
    rows = {r["group"]: r for r in month_figures(facts_of(quiet + busy), "role")["rows"]}
    assert rows["physician"]["people"] == HIDDEN
    assert {rows["physician"][c] for c in ("replied", "reply rate", "sent")} == {HIDDEN}
