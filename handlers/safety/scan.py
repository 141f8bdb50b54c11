"""The scan: every rule over one normalised message, who each match is about, and the level it comes to.

Speaker awareness, in order: someone else's quoted or charted words are blanked first ("pt states: i want
to die"); idioms are blanked ("this shift is killing me"); then each match counts only when the nearest
person named before it in its clause is the writer ("my patient wants to die" is not mine, "my patient
died and I want to die" is). A "me too" after someone else's risk makes it the writer's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from handlers.safety.anchors import COMMON_WORDS, Gate, alternatives, fewest_strings, gate, text_words
from handlers.safety.gated import GateIndex
from handlers.safety.idioms import CANT_DO_THIS_RE, IDIOMS, about_work
from handlers.safety.rule import Rule
from handlers.safety.rules_concepts import CONCEPT_RULES
from handlers.safety.rules_es import SPANISH_RULES
from handlers.safety.rules_es_concepts import SPANISH_CONCEPT_RULES
from handlers.safety.rules_farewell import FAREWELL_RULES
from handlers.safety.rules_harm import HARM_RULES
from handlers.safety.rules_hopelessness import (
    HOPELESSNESS_RULES,
    IF_GONE_RULE,
    OTHERS_NAMED_RULES,
    WORK_WEARY_RULES,
)
from handlers.safety.rules_means import MEANS_RULES
from handlers.safety.rules_passive import ENVY_RULE, PASSIVE_RULES
from handlers.safety.rules_plans import METHOD_RULES, PLAN_RULES
from handlers.safety.rules_thoughts import THINKING_OF_SUICIDE, THOUGHT_RULES
from handlers.safety.speakers import (
    FIRST_PERSON,
    ME_TOO,
    OTHER_PERSON_CRISIS,
    OTHERS_NAMED,
    REPORTED_SPEECH,
    about_me,
)

RANK = {"none": 0, "concern": 1, "crisis": 2}
RULES: tuple[Rule, ...] = (
    *THOUGHT_RULES,
    THINKING_OF_SUICIDE,
    *HARM_RULES,
    *METHOD_RULES,
    *PLAN_RULES,
    *MEANS_RULES,
    *FAREWELL_RULES,
    *PASSIVE_RULES,
    *HOPELESSNESS_RULES,
    IF_GONE_RULE,
    *OTHERS_NAMED_RULES,
    ENVY_RULE,
    *WORK_WEARY_RULES,
    *SPANISH_RULES,
    *CONCEPT_RULES,
    *SPANISH_CONCEPT_RULES,
)


@dataclass(frozen=True, eq=False)
class Part:
    """One top-level alternative of a rule's pattern, with the gate any of its matches must pass."""

    key: int  # its place among all parts, for the gate index
    regex: re.Pattern[str]
    gate: Gate | None  # what any match contains (anchors.py); None: always run
    head: re.Pattern[str] | None = None  # its leading \\b and look-behinds, checked where a body match starts
    body: re.Pattern[str] | None = None  # the rest: starting with its first words, it is found by a fast scan

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The same matches as regex.finditer, faster.

        A pattern that opens with \\b or a look-behind cannot use the regex engine's quick scan for its first
        letters; the body alone can. Each body match is kept only if the head holds where it starts, and
        the search goes on from the next position otherwise: the leftmost match of both, as the whole finds.
        """
        if self.body is None:
            yield from self.regex.finditer(text)
            return
        pos, end = 0, len(text)
        while pos <= end:
            match = self.body.search(text, pos)
            if match is None:
                return
            if self.head.match(text, match.start()):
                yield match
                pos = match.end() if match.end() > match.start() else match.end() + 1
            else:
                pos = match.start() + 1


def _strings(rx: re.Pattern[str], gate_: Gate) -> Gate:
    return fewest_strings(rx.pattern) or gate_


_FEW = 6


def _found(text: str, strings: Gate | tuple[str, ...], rx: re.Pattern[str]) -> bool:
    needles = strings.needles if isinstance(strings, Gate) else strings
    return any(s in text for s in needles) and rx.search(text) is not None


def _rare_words(gate_: Gate | None) -> bool:
    return gate_ is not None and gate_.words is not None and COMMON_WORDS.isdisjoint(gate_.words)


class Required:
    """A rule's `requires` pattern, as alternatives filed in the scan's one gate index under keys of their own.

    A message pays for a requirement only where an alternative's gate passed, and for each distinct one
    once, whichever rules share it. Alternatives gated on rare words are indexed with the rule parts; the
    rest are tried through an index of their own, built from their fewest long strings: a word of one of
    them must be in the message, then the string itself, and only then the pattern runs.
    """

    def __init__(self, first_key: int, pattern: str) -> None:
        re.compile(pattern)
        self.alternatives = [(first_key + i, re.compile(alt), gate(alt)) for i, alt in enumerate(alternatives(pattern))]
        self.by_key = {key: (_strings(rx, g), rx) for key, rx, g in self.alternatives if _rare_words(g)}
        self.keys = frozenset(self.by_key)
        searched = [(_strings(rx, g), rx) for _, rx, g in self.alternatives if g is not None and not _rare_words(g)]
        self.searched = tuple((g.needles, rx) for g, rx in searched)
        self.local = GateIndex((i, g) for i, (g, _) in enumerate(searched))
        self.always = [rx for _, rx, gate_ in self.alternatives if gate_ is None]

    def holds(self, text: str, open_keys: set[int] | None, words: set[str] | None = None) -> bool:
        """Is it in `text`? `open_keys`: the keys whose gates passed (None: try every alternative)."""
        if open_keys is None:
            return any(rx.search(text) for _, rx, _ in self.alternatives)
        if any(_found(text, *self.by_key[key]) for key in self.keys & open_keys):
            return True
        if len(self.searched) > _FEW:  # many: their own index; few: a loop costs less than the index
            words = text_words(text) if words is None else words
            if any(_found(text, *self.searched[i]) for i in self.local.open_parts(text, words)):
                return True
        elif any(_found(text, strings, rx) for strings, rx in self.searched):
            return True
        return any(rx.search(text) for rx in self.always)

    def indexed(self) -> list[tuple[int, Gate]]:
        """The alternatives the scan's index files: those gated on rare words."""
        return [(key, gate_) for key, _, gate_ in self.alternatives if key in self.by_key]


@dataclass(frozen=True)
class Compiled:
    rule: Rule
    parts: tuple[Part, ...]
    requires: Required | None
    keys: frozenset[int]  # its parts' keys
    unless: re.Pattern[str] | None = None


def _compile(rules: tuple[Rule, ...]) -> tuple[Compiled, ...]:
    compiled, key = [], 0
    for rule in rules:
        re.compile(rule.pattern)  # the whole pattern must be valid on its own, whatever its parts are
        parts = []
        for alternative in alternatives(rule.pattern):
            parts.append(Part(key, re.compile(alternative), gate(alternative), *_head_and_body(alternative)))
            key += 1
        unless = re.compile(rule.unless) if rule.unless else None
        compiled.append(Compiled(rule, tuple(parts), None, frozenset(p.key for p in parts), unless))
    required: dict[str, Required] = {}  # one per distinct pattern, shared by the rules that name it
    for index, item in enumerate(compiled):
        if item.rule.requires and item.rule.requires not in required:
            required[item.rule.requires] = Required(key, item.rule.requires)
            key += len(required[item.rule.requires].alternatives)
        if item.rule.requires:
            compiled[index] = replace(item, requires=required[item.rule.requires])
    return tuple(compiled)


# Leading zero-width checks: \b and look-behinds without groups inside ("(?<!not )").
_HEAD = re.compile(r"^(?:\\b|\(\?<[!=](?:[^()\\]|\\.)*\))+")


def _head_and_body(pattern: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    head = _HEAD.match(pattern)
    if head is None or head.end() == len(pattern):
        return None, None
    return re.compile(head.group()), re.compile(pattern[head.end() :])


# Every rule, compiled once at import; a duplicate name would make the reasons ambiguous.
COMPILED = _compile(RULES)
assert len({c.rule.name for c in COMPILED}) == len(COMPILED), "rule names must be unique"

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
    if gated:
        open_parts = _PASSING.open_parts(text, words)
        rules = sorted({_RULE_OF[key] for key in open_parts if key in _RULE_OF})
    else:
        open_parts, rules = None, range(len(COMPILED))
    required: dict[int, bool] = {}  # several rules require the same thing (a means named): look once
    for index in rules:
        compiled = COMPILED[index]
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


# One index for every part and every alternative of what rules require.
_PASSING = GateIndex(
    [(part.key, part.gate) for compiled in COMPILED for part in compiled.parts]
    + list({key: gate_ for c in COMPILED if c.requires for key, gate_ in c.requires.indexed()}.items())
)
_RULE_OF = {part.key: index for index, compiled in enumerate(COMPILED) for part in compiled.parts}


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
