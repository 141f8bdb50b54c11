"""The scan: every rule over one normalised message, who each match is about, and the level it comes to.

Speaker awareness, in order: someone else's quoted or charted words are blanked first ("pt states: i want
to die"); idioms are blanked ("this shift is killing me"); then each match counts only when the nearest
person named before it in its clause is the writer ("my patient wants to die" is not mine, "my patient
died and I want to die" is). A "me too" after someone else's risk makes it the writer's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handlers.safety.anchors import text_words
from handlers.safety.compiled import Compiled, index_of_rules
from handlers.safety.idioms import CANT_DO_THIS_RE, IDIOMS, about_work
from handlers.safety.speakers import (
    FIRST_PERSON,
    ME_TOO,
    OTHER_PERSON_CRISIS,
    OTHERS_NAMED,
    REPORTED_SPEECH,
    about_me,
)

RANK = {"none": 0, "concern": 1, "crisis": 2}

_STRAY_QUOTES = re.compile(r"\"|(?<![a-z])'|'(?![a-z])")  # quote marks, not the apostrophe in "pt's"


def find_rules(text: str, *, gated: bool = True) -> dict[str, str]:
    """Rule name -> level for every rule that fires on this normalised text (empty: nothing found).

    `gated=False` runs every pattern regardless of its gate: the tests check that gates change nothing.
    """
    text, heard = _drop_reported_speech(text)
    if "'" in text or '"' in text:
        text = _STRAY_QUOTES.sub(" ", text)
    text = text.strip(" .,!?;:")
    text = IDIOMS.sub(" ~ ", text, text_words(text))
    words = text_words(text)
    at_work = about_work(text, words)
    if at_work:
        # "I can't do this anymore" fires on its own, but not once the message says what "this" is.
        text = CANT_DO_THIS_RE.sub(" ~ ", text)
    found: dict[str, str] = {}
    someone_else = heard
    # Others named and never the writer: a past act with its subject dropped is theirs (a chart note).
    names_me = not FIRST_PERSON.isdisjoint(words)
    only_others = not names_me and not OTHERS_NAMED.isdisjoint(words)
    for compiled, matches in _matches(text, gated, words):
        rule = compiled.rule
        if (rule.first_person and only_others) or (rule.writer_named and not names_me):
            continue
        for match in matches:
            if compiled.unless is not None and compiled.unless.search(text):
                break  # what the message says elsewhere explains it ("before my flight")
            if rule.marked or about_me(text, match.start(), match.end(), rule.subject_before):
                level = rule.at_work if at_work and rule.at_work else rule.level
                if level != "none":
                    found[rule.name] = level
                break
            someone_else = max(someone_else, RANK[rule.level])
    # "Me too" after someone else's risk makes it the writer's own. Someone else's crisis words are looked
    # for first when no rule found any: they are rarer than "same" or "i get it".
    their_crisis = None if someone_else else OTHER_PERSON_CRISIS.search(text, words) is not None
    if (someone_else or their_crisis) and ME_TOO.search(text, words):
        if their_crisis is None and someone_else < RANK["crisis"]:
            their_crisis = OTHER_PERSON_CRISIS.search(text, words) is not None
        found["me_too"] = "crisis" if their_crisis or someone_else == RANK["crisis"] else "concern"
    return found


def _matches(
    text: str, gated: bool, words: set[str] | None = None
) -> Iterator[tuple[Compiled, Iterator[re.Match[str]]]]:
    """Each rule that can match, with its matches in order of its parts (only parts whose gate passes)."""
    words = text_words(text) if words is None else words
    index = index_of_rules()
    if gated:
        open_parts = index.passing.open_parts(text, words)
        rules = sorted({index.rule_of[key] for key in open_parts if key in index.rule_of})
    else:
        open_parts, rules = None, range(len(index.compiled))
    required: dict[int, bool] = {}  # several rules require the same thing (a means named): look once
    for number in rules:
        compiled = index.compiled[number]
        parts = compiled.parts if open_parts is None else [p for p in compiled.parts if p.key in open_parts]
        if compiled.requires is not None:
            known = required.get(id(compiled.requires))
            if known is None:
                known = required[id(compiled.requires)] = compiled.requires.holds(text, open_parts, words)
            if not known:
                continue
        if gated:
            yield compiled, (m for p in parts for m in p.finditer(text))
        else:  # the plain patterns, as written: the tests compare the two
            yield compiled, (m for p in parts for m in p.regex.finditer(text))


def _drop_reported_speech(text: str) -> tuple[str, int]:
    """Blank out what someone else said; return the text and the rank of the risk heard in it."""
    heard: list[str] = []

    def blank(match: re.Match[str]) -> str:
        heard.append(match.group("speech").strip("\"' "))
        start, end = (i - match.start() for i in match.span("speech"))
        return f"{match.group()[:start]} ~ {match.group()[end:]}"

    for needs, pattern in REPORTED_SPEECH:
        if any(needle in text for needle in needs):
            text = pattern.sub(blank, text)
    rank = 0
    for speech in heard:
        if OTHER_PERSON_CRISIS.search(speech):
            rank = RANK["crisis"]
        for compiled, matches in _matches(speech, gated=True):
            if next(matches, None) is not None:
                rank = max(rank, RANK[compiled.rule.level])
    return text, rank
