"""Calendar months in UTC: the fixed windows every admin number is counted in.

Admin numbers are counted per complete calendar month, never over a sliding window: a report asked again
minutes later covers exactly the same people and answers, so comparing two runs singles nobody out. A month
is shown only once it is over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from handlers.core import dates
from handlers.core.vocabulary import CoachingError
from prompts.messages import render

MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
MOST_MONTHS_BACK = 24


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime) -> Month:
        moment = moment.astimezone(UTC)
        return cls(moment.year, moment.month)

    @property
    def start(self) -> datetime:
        return datetime(self.year, self.month, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first moment of the next month (windows are [start, end))."""
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return dates.month(self.start)  # in the language being spoken: "November 2026", "noviembre de 2026"


def last_complete(now: datetime) -> Month:
    return Month.of(now).previous()


def months_back(last: Month, count: int, *, earliest: Month | None = None) -> list[Month]:
    """Up to `count` months ending with `last`, oldest first, none before `earliest`."""
    months = [last]
    while len(months) < count and (earliest is None or months[-1] > earliest):
        months.append(months[-1].previous())
    return sorted(m for m in months if earliest is None or m >= earliest)


def parse_month(text: str, now: datetime, example: str, *, began: datetime | None = None) -> Month:
    """`2026-10` or `last` (the last complete month): complete months since `began`, up to two years back."""
    text = text.strip().lower()
    if text in ("", "last", "month"):
        return _since(last_complete(now), began, example, now)
    match = MONTH.fullmatch(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise CoachingError(render("month_err", value=text), example)
    month = Month(int(match.group(1)), int(match.group(2)))
    latest = last_complete(now)
    if month > latest:
        raise CoachingError(render("month_err_not_over", month=month.label, latest=latest.key), example)
    oldest = months_back(latest, MOST_MONTHS_BACK)[0]
    if month < oldest:
        raise CoachingError(render("month_err_oldest", oldest=oldest.key), example)
    return _since(month, began, example, now)


def _since(month: Month, began: datetime | None, example: str, now: datetime) -> Month:
    first = Month.of(began) if began is not None else None
    if first is None or month >= first:
        return month
    ready = first <= last_complete(now)  # only then is there a month to suggest instead
    raise CoachingError(
        render("month_err_began", month=first.label, ready=dates.long_day(first.end)),
        MONTH.sub(first.key, example) if ready else "",
    )
