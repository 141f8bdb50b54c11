"""Lint for coaching prompts: one open question, no why, no advice, plain words, no duplicates.

The rules here are English; prompts.lint_es holds the Spanish ones, and TEXT_RULES picks by language.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from prompts import lint_es, lint_listening, lint_messages
from prompts.library import DATA_DIR, ParsedPrompts, PromptDataError, parse_by_language

# Words are runs of letters or digits; an apostrophe inside keeps a word whole ("don't"), a hyphen splits it.
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
MAX_WORDS = 30
LEAD_IN_MAX_WORDS = 8
# plain-language. The shipped prompts peak at 12 letters a word, 5.3 letters a word on average (prompts of
# 6+ words; in shorter ones a single word decides the average) and 19 words a sentence.
MAX_WORD_LETTERS = 13
MAX_AVERAGE_LETTERS = 6.0
AVERAGE_MIN_WORDS = 6
MAX_SENTENCE_WORDS = 22
JARGON = frozenset(
    """utilize utilise utilization leverage leveraging synergy synergies actionable paradigm bandwidth
    stakeholder stakeholders optimize optimise operationalize incentivize learnings impactful holistic ideate
    empower empowerment deliverables proactive proactively resilience resilient""".split()  # noqa: SIM905
)
JARGON_PHRASES = ("circle back", "deep dive", "touch base", "going forward", "best practice", "value add")

# Interrogatives that open a question directly; a clause starting with one is never a lead-in.
DIRECT = frozenset({"what", "what's", "how", "how's", "which", "where", "where's", "who", "who's", "whose", "whom"})
# Openings that make an open question: the interrogatives, when and if, and invitations to imagine.
OPEN = DIRECT | {"when", "when's", "if", "imagine", "picture", "suppose", "in what", "in which", "to what"}
# A lead-in opened by one of these may run to the first comma at any length ("If you had an hour, what...").
SUBORDINATE = frozenset({"if", "when", "imagine", "picture", "suppose"})
YES_NO = frozenset(
    """do does did is are was were can could would will have has had should shall may might am must don't
    doesn't didn't isn't aren't wasn't weren't can't couldn't wouldn't won't haven't hasn't hadn't
    shouldn't""".split()  # noqa: SIM905
)
SECOND_QUESTION = re.compile(r"(?:[,;]|\band|\bor)\s+(?:what|how|which|where|who)\b")
WHY = re.compile(r"\bwhy\b|\bhow come\b")
ADVICE = (
    "you should",
    "you shouldn't",
    "you need to",
    "you must",
    "you have to",
    "you ought to",
    "you'd better",
    "you had better",
    "you might want to",
    "try to",
    "make sure",
    "be sure to",
    "don't forget",
    "do not forget",
    "remember to",
    "have you tried",
    "have you considered",
    "have you thought about",
    "it's important to",
    "it is important to",
    "it helps to",
    "why not",
    "how about",
    "i suggest",
    "i recommend",
    "my advice",
)
# "What do you need to...?" and "What have you tried?" ask rather than tell: a word from these just before
# the phrase excuses it.
AUXILIARIES = frozenset({"do", "does", "did", "would", "will", "could", "can", "might", "may"})
WH_WORDS = frozenset({"what", "which", "who", "where", "how", "when"})


@dataclass(frozen=True)
class LintProblem:
    """One broken rule in one prompt (prompt_id is "" for file-level problems)."""

    file: str
    prompt_id: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.prompt_id}: {self.rule}: {self.message}"


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def lint_text(text: str) -> list[tuple[str, str]]:
    """The (rule, message) pairs one prompt text breaks; empty when it is fine. Schema and duplicate
    need the whole file or library, so only lint_path reports them."""
    text = text.strip().replace("\u2019", "'")
    problems = _question_marks(text)
    if (count := len(words(text))) > MAX_WORDS:
        problems.append(("max-words", f"has {count} words; at most {MAX_WORDS}"))
    problems += _opening_problems(text)
    if match := WHY.search(text.lower()):
        problems.append(("no-why", f"uses {match.group()!r}, which invites defensiveness; ask what or how"))
    problems += [("no-advice", f"gives advice ({phrase!r}); ask, do not tell") for phrase in _advice(text)]
    problems += [("plain-language", message) for message in _plain_language(text)]
    return problems


def _question_marks(text: str) -> list[tuple[str, str]]:
    problems = []
    marks = text.count("?")
    if marks > 1:
        problems.append(("one-question", f"asks {marks} questions; ask exactly one"))
    elif marks == 1 and not text.endswith("?"):
        problems.append(("one-question", "has words after its question; the '?' must come last"))
    if not text.endswith("?"):
        problems.append(("ends-with-question-mark", "must end with '?'"))
    return problems


def opening(text: str) -> tuple[str, str]:
    """The word that opens the question, and the text from it on, past any lead-in clause.

    Unless the text starts with a yes/no word or a direct interrogative (what, how, which, where, who),
    a lead-in may come first: the text up to a comma that is followed by an open or a yes/no word. A
    lead-in starting with if, when, imagine, picture or suppose may be of any length ("If you had an
    hour, what..."); any other has at most LEAD_IN_MAX_WORDS words ("Looking back on today, what stood
    out?"). With no lead-in, the first word opens ("When did you last rest, at home or at work?" opens
    with "when"). "in what", "in which" and "to what" count as one opening word.
    """
    text = text.lower().replace("\u2019", "'")
    first = _head(words(text))
    if first in YES_NO or first in DIRECT:
        return first, text
    for comma in (index for index, char in enumerate(text) if char == ","):
        if first not in SUBORDINATE and len(words(text[:comma])) > LEAD_IN_MAX_WORDS:
            break
        after = _head(words(text[comma + 1 :]))
        if after in OPEN or after in YES_NO:
            return after, text[comma + 1 :]
    return first, text


def _head(tokens: list[str]) -> str:
    pair = " ".join(tokens[:2])
    return pair if pair in OPEN else (tokens[0] if tokens else "")


def _opening_problems(text: str) -> list[tuple[str, str]]:
    first, body = opening(text)
    if first in YES_NO:
        return [("yes-no-opening", f"opens with {first!r}, a yes/no question; open with what, how, which...")]
    problems = []
    if not first:
        return [("open-question", "has no words; ask one open question, such as 'What went well today?'")]
    if first not in OPEN:
        allowed = "what, how, which, where, when, who, if, imagine, picture or suppose"
        problems.append(
            ("open-question", f"opens with {first!r}; open with {allowed} (a short lead-in may come first)")
        )
    # Look for a second question only past the opening word, so a lead-in's ", what" is not counted.
    start = len(body) - len(body.lstrip()) + len(first)
    if match := SECOND_QUESTION.search(body.lower(), start):
        problems.append(("one-question", f"asks two questions joined by {match.group()!r}; ask one"))
    return problems


def _advice(text: str) -> list[str]:
    lowered, found = text.lower(), []
    for phrase in ADVICE:
        excuse = AUXILIARIES if phrase.startswith("you ") else WH_WORDS if phrase.startswith("have ") else set()
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
            before = words(lowered[: match.start()])[-1:]
            if not (before and before[0] in excuse):
                found.append(phrase)
                break
    return found


def _plain_language(text: str) -> list[str]:
    tokens = words(text)
    lengths = [len(token.replace("'", "")) for token in tokens]
    messages = [
        f"uses {token!r} ({size} letters); at most {MAX_WORD_LETTERS} letters a word"
        for token, size in zip(tokens, lengths, strict=True)
        if size > MAX_WORD_LETTERS
    ]
    average = sum(lengths) / len(lengths) if lengths else 0.0
    if len(tokens) >= AVERAGE_MIN_WORDS and average > MAX_AVERAGE_LETTERS:
        messages.append(f"averages {average:.1f} letters a word; at most {MAX_AVERAGE_LETTERS}")
    for sentence in re.split(r"[.!?;:]", text):
        if (count := len(words(sentence))) > MAX_SENTENCE_WORDS:
            messages.append(f"has a sentence of {count} words; at most {MAX_SENTENCE_WORDS}")
    joined = " ".join(tokens)
    jargon = [token for token in tokens if token in JARGON]
    jargon += [phrase for phrase in JARGON_PHRASES if re.search(rf"\b{phrase}\b", joined)]
    return messages + [f"uses the jargon {term!r}; say it plainly" for term in jargon]


def normalise(text: str) -> str:
    """Lowercase, punctuation stripped, whitespace collapsed: the form no two prompts may share."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower().replace("\u2019", "'")).split())


# Each language's rules for the listening texts: a question's prompt rules, the "why" pattern, the advice finder.
LISTENING_RULES = {"en": (lint_text, WHY, _advice), "es": (lint_es.lint_text, lint_es.WHY, lint_es._advice)}
# Each language's text rules, and the form no two of its prompts may share.
TEXT_RULES = {"en": (lint_text, normalise), "es": (lint_es.lint_text, lint_es.normalise)}


def lint_path(path: Path) -> list[LintProblem]:
    """Every problem in the prompt files at `path`: one YAML file, or a directory read recursively
    (*.yaml, skipping messages.yaml). Each file is linted by its language's rules (a top-level
    `language` key, else an es/ directory makes it Spanish: prompts.library.file_language), and ids
    and themes are compared across languages. Raises PromptDataError for a missing path or invalid YAML."""
    return lint_groups(parse_by_language(Path(path)))


def lint_groups(groups: dict[str, ParsedPrompts]) -> list[LintProblem]:
    """Each language's problems, then the problems across languages."""
    return [problem for parsed in groups.values() for problem in lint_parsed(parsed)] + _across(groups)


def lint_parsed(parsed: ParsedPrompts) -> list[LintProblem]:
    problems = [LintProblem(issue.file, issue.prompt_id, "schema", issue.message) for issue in parsed.issues]
    check, normalised = TEXT_RULES[parsed.language]
    seen: dict[str, tuple[str, str]] = {}
    for file, prompt in parsed.entries:
        problems += [LintProblem(file, prompt.id, rule, message) for rule, message in check(prompt.text)]
        first_file, first_id = seen.setdefault(normalised(prompt.text), (file, prompt.id))
        if first_id != prompt.id:
            problems.append(LintProblem(file, prompt.id, "duplicate", f"same text as {first_id} in {first_file}"))
    files = {file: index for index, file in enumerate(parsed.files)}
    return sorted(problems, key=lambda problem: files.get(problem.file, -1))  # stable: by file, then as found


def _across(groups: dict[str, ParsedPrompts]) -> list[LintProblem]:
    """An id used in two languages (a stored id must name one prompt), and a theme one language lacks
    (a schedule's theme reaches members in every language)."""
    problems, owners = [], {}
    for code, parsed in groups.items():
        for file, prompt in parsed.entries:
            owner, first_file = owners.setdefault(prompt.id, (code, file))
            if owner != code:
                message = f"id is also used by the {owner!r} prompts in {first_file}"
                problems.append(LintProblem(file, prompt.id, "languages", message))
    themes = {code: {theme.id for theme in parsed.themes} for code, parsed in groups.items() if parsed.themes}
    every = set().union(*themes.values())
    for code, found in themes.items():
        if missing := sorted(every - found):
            where = os.path.commonpath(groups[code].files)
            message = f"the {code!r} prompts have no theme {', '.join(missing)}; every language needs the same themes"
            problems.append(LintProblem(where, "", "languages", message))
    return problems


def lint_command(path: str | None) -> tuple[int, str]:
    """`microcoach prompts lint [PATH]`: every shipped language's prompts, catalogues and listening texts, or those at
    PATH. Returns (exit code, output): 0 clean, 1 problems, 2 bad PATH or prompt YAML."""
    target = DATA_DIR if path is None else Path(path)
    catalogues = lint_messages.catalogue_files(target)
    try:
        only = target.name == lint_listening.FILE or (catalogues and lint_messages.only_catalogues(target))
        groups = {} if only else parse_by_language(target)
    except PromptDataError as exc:
        example = EXAMPLE_FILE if exc.invalid_yaml else EXAMPLE_COMMAND
        return 2, f"microcoach prompts lint: {exc}\n{example}"
    found, keys = lint_messages.lint_catalogues(catalogues)
    found += lint_listening.lint_listening(target, LISTENING_RULES)
    if problems := lint_groups(groups) + [LintProblem(*problem) for problem in found]:
        return 1, "\n".join(str(problem) for problem in problems)
    counts = {code: len(parsed.entries) for code, parsed in groups.items()}
    each = f" ({', '.join(f'{count} {code}' for code, count in counts.items())})" if len(counts) > 1 else ""
    checked = [f"{sum(counts.values())} prompts checked{each}"] if groups else []
    checked += [f"{max(keys.values())} messages checked ({', '.join(keys)})"] if keys else []
    return 0, f"{' and '.join(checked) or 'listening texts checked'}, no problems"


EXAMPLE_COMMAND = (
    "Example: microcoach prompts lint prompts/data/es/questions/rest.yaml (a file or a directory; files "
    "under an es/ directory or with a top-level 'language: es' are Spanish; with no PATH, every shipped language)"
)
EXAMPLE_FILE = """A theme file looks like this (prompts/data/questions/ holds the shipped ones):
  theme: rest
  title: Boundaries, rest and recovery
  cues: [sleep, tired, day off]
  follow_ups:
    - id: rest.t1
      text: What does real rest look like for you?
  questions:
    - id: rest.q01
      text: What would help you truly switch off tonight?
      stage: reality
      fits: end
      follow_ups:
        - id: rest.q01.f1
          text: What usually gets in the way of switching off?"""
