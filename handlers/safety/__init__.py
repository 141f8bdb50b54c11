"""The crisis-language check every inbound text passes first, on every platform (Promise 2)."""

from __future__ import annotations

import logging
import re

from handlers.safety.idioms import CANT_DO_THIS_RE, IDIOMS, WORK_CONTEXT
from handlers.safety.rules_hopelessness import HOPELESSNESS_RULES
from handlers.safety.rules_plans import PLAN_RULES
from handlers.safety.rules_thoughts import THOUGHT_RULES
from handlers.safety.speakers import (
    CLAUSE_BREAK,
    FIRST_PERSON,
    ME_TOO,
    OTHER_PEOPLE,
    OTHER_PERSON_CRISIS,
    REPORTED_SPEECH,
)

# Under its old private name: tests drive the internals directly, as safety._scan(safety._normalise(text)).
from handlers.safety.text import normalise as _normalise

logger = logging.getLogger(__name__)


def is_crisis(text: str) -> bool:
    """True when the text holds first-person suicidal thoughts, plans, self-harm or hopelessness about living.

    Leans towards firing: a kind false alarm costs little, a missed crisis does not. Everyday idioms of a
    hard clinical job ("this shift is killing me") and third-person talk about patients stay quiet.
    """
    if not isinstance(text, str) or not text.strip():
        return False
    try:
        plain = _normalise(_bounded(text))
        # A second look without commas catches a phrase broken by a pause ("i want to... die").
        return _scan(plain) or ("," in plain and _scan(re.sub(r" ?, ?", " ", plain)))
    except Exception as exc:  # the safety net itself must never fail open, nor raise into dispatch
        # Only the exception's type is logged: its message could quote what the clinician wrote (Promise 1).
        logger.error("crisis check failed (%s); treating the message as a crisis", type(exc).__name__)
        return True


# Far beyond any platform's message limit (Slack 40,000 characters). Past it, the head and the tail are
# read (what matters most often comes last), so one pasted book cannot stall the inbound path.
_MAX_CHARS = 100_000


def _bounded(text: str) -> str:
    if len(text) <= _MAX_CHARS:
        return text
    half = _MAX_CHARS // 2
    return f"{text[:half]}\n{text[-half:]}"


# Every named rule, compiled once at import.
_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern in (*THOUGHT_RULES, *PLAN_RULES, *HOPELESSNESS_RULES))
_STRAY_QUOTES = re.compile(r"\"|(?<![a-z])'|'(?![a-z])")  # quote marks, not the apostrophe in "pt's"


def _scan(text: str) -> bool:
    """Fire on any first-person match, or on "me too" after someone else's crisis."""
    text, someone_else = _drop_reported_speech(text)
    text = _STRAY_QUOTES.sub(" ", text).strip(" .,!?;:")
    text = IDIOMS.sub(" ~ ", text)
    if WORK_CONTEXT.search(text):
        text = CANT_DO_THIS_RE.sub(" ~ ", text)
    for _name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if _about_me(text, match):
                return True
            someone_else = True
    someone_else = someone_else or bool(OTHER_PERSON_CRISIS.search(text))
    return someone_else and bool(ME_TOO.search(text))


def _drop_reported_speech(text: str) -> tuple[str, bool]:
    """Blank out what someone else said; tell whether any of it was crisis language."""
    heard: list[str] = []

    def blank(match: re.Match[str]) -> str:
        heard.append(match.group("speech").strip("\"' "))
        start, end = (i - match.start() for i in match.span("speech"))
        return f"{match.group()[:start]} ~ {match.group()[end:]}"

    for pattern in REPORTED_SPEECH:
        text = pattern.sub(blank, text)
    crisis_heard = any(OTHER_PERSON_CRISIS.search(s) or any(p.search(s) for _, p in _PATTERNS) for s in heard)
    return text, crisis_heard


def _about_me(text: str, match: re.Match[str]) -> bool:
    """Is the speaker the subject? The nearest person named in the clause, up to the match's end, decides."""
    clause_start = max(0, match.start() - 300)  # a clause longer than this is not one clause
    for brk in CLAUSE_BREAK.finditer(text, clause_start, match.end()):
        if brk.start() >= match.start():
            break
        clause_start = brk.end()
    for word in reversed(re.findall(r"[a-z']+", text[clause_start : match.end()])):
        word = word.removesuffix("'s").strip("'")
        if word in FIRST_PERSON:
            return True
        if word in OTHER_PEOPLE:
            return False
    return True  # no subject at all: in a DM that is the writer ("been feeling suicidal again")
