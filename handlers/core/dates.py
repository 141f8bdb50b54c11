"""Dates and times as each language writes them (Babel's CLDR data): "Mon, Nov 30, 08:30", "lun, 30 de nov, 08:30"."""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_skeleton

from prompts.messages import current_language

# US English and US Spanish: the clinicians microcoach serves are in the US, whichever language they speak.
BABEL_LOCALES = {"en": "en_US", "es": "es_US"}


def _locale(language: str | None) -> str:
    return BABEL_LOCALES.get(language or current_language(), "en_US")


def day(moment: date | datetime, language: str | None = None) -> str:
    """A short weekday and date: "Mon, Nov 30", "lun, 30 de nov"."""
    return format_skeleton("MMMEd", moment, locale=_locale(language))


def day_time(moment: datetime, language: str | None = None) -> str:
    """A short weekday, date and 24-hour time (the clock the commands use): "Mon, Nov 30, 08:30"."""
    return f"{day(moment, language)}, {clock(moment)}"


def long_day(moment: date | datetime, language: str | None = None) -> str:
    """A full date: "November 30, 2026", "30 de noviembre de 2026"."""
    return format_skeleton("yMMMMd", moment, locale=_locale(language))


def month(moment: date | datetime, language: str | None = None) -> str:
    """A month and year: "November 2026", "noviembre de 2026"."""
    return format_skeleton("yMMMM", moment, locale=_locale(language))


def clock(moment: datetime | time) -> str:
    """24-hour time, the same in every language here: commands are written as 07:30."""
    return moment.strftime("%H:%M")
