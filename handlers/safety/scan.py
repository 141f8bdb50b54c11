"""The scan: every rule over one normalised message, who each match is about, and the level it comes to.

Speaker awareness, in order: someone else's quoted or charted words are blanked first ("pt states: i want
to die"); idioms are blanked ("this shift is killing me"); then each match counts only when the nearest
person named before it in its clause is the writer ("my patient wants to die" is not mine, "my patient
died and I want to die" is). A "me too" after someone else's risk makes it the writer's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.safety.anchors import gate
from handlers.safety.idioms import CANT_DO_THIS_RE, IDIOMS, WORK_CONTEXT
from handlers.safety.rule import Rule
from handlers.safety.rules_es import SPANISH_RULES
from handlers.safety.rules_farewell import FAREWELL_RULES
from handlers.safety.rules_harm import HARM_RULES
from handlers.safety.rules_hopelessness import HOPELESSNESS_RULES, IF_GONE_RULE, WORK_WEARY_RULES
from handlers.safety.rules_means import MEANS_RULES
from handlers.safety.rules_passive import PASSIVE_RULES
from handlers.safety.rules_plans import METHOD_RULES, PLAN_RULES
from handlers.safety.rules_thoughts import THOUGHT_RULES
from handlers.safety.speakers import (
    CLAUSE_BREAK,
    FIRST_PERSON,
    ME_TOO,
    OTHER_PEOPLE,
    OTHER_PERSON_CRISIS,
    REPORTED_SPEECH,
)

RANK = {"none": 0, "concern": 1, "crisis": 2}
RULES: tuple[Rule, ...] = (
    *THOUGHT_RULES,
    *HARM_RULES,
    *METHOD_RULES,
    *PLAN_RULES,
    *MEANS_RULES,
    *FAREWELL_RULES,
    *PASSIVE_RULES,
    *HOPELESSNESS_RULES,
    IF_GONE_RULE,
    *WORK_WEARY_RULES,
    *SPANISH_RULES,
)


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    regex: re.Pattern[str]
    gate: tuple[str, ...] | None  # substrings one of which any match contains (anchors.py)
    requires: re.Pattern[str] | None


def _compile(rule: Rule) -> Compiled:
    requires = re.compile(rule.requires) if rule.requires else None
    return Compiled(rule, re.compile(rule.pattern), gate(rule.pattern), requires)


# Every rule, compiled once at import; a duplicate name would make the reasons ambiguous.
COMPILED = tuple(_compile(rule) for rule in RULES)
assert len({c.rule.name for c in COMPILED}) == len(COMPILED), "rule names must be unique"

_STRAY_QUOTES = re.compile(r"\"|(?<![a-z])'|'(?![a-z])")  # quote marks, not the apostrophe in "pt's"


def scan(text: str, *, gated: bool = True) -> dict[str, str]:
    """Rule name -> level for every rule that fires on this normalised text (empty: nothing found).

    `gated=False` runs every pattern regardless of its gate: the tests check that gates change nothing.
    """
    text, heard = _drop_reported_speech(text)
    text = _STRAY_QUOTES.sub(" ", text).strip(" .,!?;:")
    text = IDIOMS.sub(" ~ ", text)
    at_work = bool(WORK_CONTEXT.search(text))
    if at_work:
        # "I can't do this anymore" fires on its own, but not once the message says what "this" is.
        text = CANT_DO_THIS_RE.sub(" ~ ", text)
    found: dict[str, str] = {}
    someone_else = heard
    for compiled in _candidates(text, gated):
        rule = compiled.rule
        for match in compiled.regex.finditer(text):
            if rule.marked or _about_me(text, match):
                level = rule.at_work if at_work and rule.at_work else rule.level
                if level != "none":
                    found[rule.name] = level
                break
            someone_else = max(someone_else, RANK[rule.level])
    if OTHER_PERSON_CRISIS.search(text):
        someone_else = RANK["crisis"]
    if someone_else and ME_TOO.search(text):
        found["me_too"] = "crisis" if someone_else == RANK["crisis"] else "concern"
    return found


def _candidates(text: str, gated: bool):
    for compiled in COMPILED:
        if gated and compiled.gate is not None and not any(s in text for s in compiled.gate):
            continue
        if compiled.requires is not None and not compiled.requires.search(text):
            continue
        yield compiled


def _drop_reported_speech(text: str) -> tuple[str, int]:
    """Blank out what someone else said; return the text and the rank of the risk heard in it."""
    heard: list[str] = []

    def blank(match: re.Match[str]) -> str:
        heard.append(match.group("speech").strip("\"' "))
        start, end = (i - match.start() for i in match.span("speech"))
        return f"{match.group()[:start]} ~ {match.group()[end:]}"

    for pattern in REPORTED_SPEECH:
        text = pattern.sub(blank, text)
    rank = 0
    for speech in heard:
        if OTHER_PERSON_CRISIS.search(speech):
            rank = RANK["crisis"]
        for compiled in _candidates(speech, gated=True):
            if compiled.regex.search(speech):
                rank = max(rank, RANK[compiled.rule.level])
    return text, rank


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
        if word in OTHER_PEOPLE and word not in _OBJECTS:
            return False
    return True  # no subject at all: in a DM that is the writer ("been feeling suicidal again")


# Objects, not subjects: "tell my family I love them" is still mine. ("Her" and "his" are possessive too,
# and decide: "took all her pills" is hers.)
_OBJECTS = frozenset({"them", "him", "us"})
