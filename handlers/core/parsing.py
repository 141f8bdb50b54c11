"""Parsing of command arguments shared by every command: words, key=value pairs, durations, dates."""

from __future__ import annotations

import re
import shlex
from datetime import date, timedelta

from handlers.core.vocabulary import CoachingError
from prompts.messages import render

# ASCII digits only: str.isdigit() and \d accept "²" or "٣", which int() then rejects or reads unexpectedly.
# English and Spanish units: 7d, 7 days, 7 días, 2 semanas, 3 horas.
DURATION = re.compile(
    r"^([0-9]{1,3})\s*(h|hr|hrs|hour|hours|horas?|d|day|days|d[ií]as?|w|wk|week|weeks|sem|semanas?)$", re.I
)
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
UNIT = {"h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1), "s": timedelta(weeks=1)}


def split_args(text: str, example: str) -> list[str]:
    """Words of a command, honouring "quoted phrases" (and the curly quotes chat apps insert)."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2018", "'").replace("\u2019", "'")
    try:
        return shlex.split(text)
    except ValueError:
        raise CoachingError(render("err_quote"), example) from None


def split_options(words: list[str]) -> tuple[list[str], dict[str, str]]:
    """Separate plain words from key=value options (keys lower-cased)."""
    plain, options = [], {}
    for word in words:
        key, sep, value = word.partition("=")
        if sep and key:
            options[key.lower()] = value
        else:
            plain.append(word)
    return plain, options


def parse_duration(text: str, example: str, *, most: timedelta = timedelta(days=365)) -> timedelta:
    match = DURATION.match(text.strip())
    if not match:
        raise CoachingError(render("err_duration", value=text), example)
    amount = int(match.group(1)) * UNIT[match.group(2)[0].lower()]
    if not timedelta(0) < amount <= most:
        raise CoachingError(render("err_duration_range", value=text, days=most.days), example)
    return amount


def parse_date(text: str, example: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CoachingError(render("err_date", value=text), example) from None


def whole_number(text: str) -> int | None:
    """A plain non-negative number written in ASCII digits, else None (never raises)."""
    text = text.strip()
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None


def parse_int(text: str, name: str, example: str, low: int, high: int) -> int:
    number = whole_number(text)
    if number is None or not low <= number <= high:
        raise CoachingError(render("err_whole_number", name=name, low=low, high=high, value=text), example)
    return number
