"""The rules compiled: each pattern's parts with their gates, shared requirements, and one gate index over all.

Built once, on first use: compiling and gating every rule takes seconds of CPU, which a process restarting
mid-delivery should not spend before it can send. serve, socket mode and the demo warm it in a thread at
start; a plain worker reads no messages and never builds it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

from handlers.safety.anchors import COMMON_WORDS, Gate, alternatives, fewest_strings, gate, text_words
from handlers.safety.gated import GateIndex
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


@dataclass(frozen=True)
class RuleIndex:
    """Every rule compiled, one gate index over every part, and the rule each part belongs to."""

    compiled: tuple[Compiled, ...]
    passing: GateIndex
    rule_of: dict[int, int]


_built: list[RuleIndex] = []
_building = threading.Lock()


def index_of_rules() -> RuleIndex:
    """The rules compiled, the first caller building them while any others wait."""
    if not _built:
        with _building:
            if not _built:
                _built.append(_build_index())
    return _built[0]


def warm() -> None:
    """Compile the rules now (processes call this in a thread at start, so the first message does not wait)."""
    index_of_rules()


def _build_index() -> RuleIndex:
    compiled = _compile(RULES)
    # A duplicate name would make the reasons ambiguous.
    assert len({c.rule.name for c in compiled}) == len(compiled), "rule names must be unique"
    passing = GateIndex(  # one index for every part and every alternative of what rules require
        [(part.key, part.gate) for c in compiled for part in c.parts]
        + list({key: gate_ for c in compiled if c.requires for key, gate_ in c.requires.indexed()}.items())
    )
    return RuleIndex(compiled, passing, {part.key: index for index, c in enumerate(compiled) for part in c.parts})
