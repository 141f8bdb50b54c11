"""Lint for listening.yaml: what the bot says back must listen, not tell: no advice, no why, no diagnosis.

Keys, variants and placeholders are compared across languages as for messages.yaml (prompts.lint_messages);
every *_question text must pass its language's prompt rules (one open question).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from prompts.library import display_path, read_yaml
from prompts.lint_messages import Problem, lint_catalogues

FILE = "listening.yaml"
# Per language: (the prompt rules for a question, the "why" pattern, the advice finder); prompts.lint passes its own.
Rules = dict[str, tuple[Callable[[str], list[tuple[str, str]]], re.Pattern[str], Callable[[str], list[str]]]]
# Labels a coach never puts on someone: naming a condition is diagnosis, not listening.
DIAGNOSIS = {
    "en": re.compile(
        r"\b(?:depress\w*|anxiety|disorder\w*|ptsd|trauma\w*|burnout|burned out|burnt out|panic attacks?|bipolar|"
        r"ocd|adhd|insomnia|diagnos\w*|symptoms?|clinical\w*|mental illness|breakdown|moral injury)\b"
    ),
    "es": re.compile(
        r"\b(?:depresi\w*|deprimid\w*|ansiedad|trastorno\w*|tept|trauma\w*|burnout|quemad\w*|s[ií]ntomas?|"
        r"diagn[oó]stic\w*|cl[ií]nic\w*|insomnio|crisis nerviosa|enfermedad mental)\b"
    ),
}


def listening_files(target: Path) -> dict[str, Path]:
    """The listening catalogues under `target` (a data directory or a listening.yaml), English first."""
    found = target if target.is_file() else target / FILE
    if found.name != FILE or not found.is_file():
        return {}
    reference = found.parent.parent / FILE
    if reference.is_file() and reference != found:
        return {"en": reference, found.parent.name: found}
    return {"en": found, **{other.parent.name: other for other in sorted(found.parent.glob(f"*/{FILE}"))}}


def lint_listening(target: Path, rules: Rules) -> list[Problem]:
    """Every problem in the listening catalogues at `target`, as (file, key, rule, message)."""
    files = listening_files(target)
    problems, _ = lint_catalogues(files)
    for code, file in files.items():
        doc = read_yaml(file)
        if isinstance(doc, dict):
            problems += _texts(display_path(file), code, doc, rules.get(code, rules["en"]))
    return problems


def _texts(shown: str, code: str, doc: dict, rules) -> list[Problem]:
    problems: list[Problem] = []
    for key, value in doc.items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            found = rules[0](text) if str(key).endswith("_question") else _telling(text, code, rules)
            problems += [(shown, str(key), rule, message) for rule, message in found]
    return problems


def _telling(text: str, code: str, rules) -> list[tuple[str, str]]:
    """The no-why, no-advice and no-diagnosis rules, for texts that are not questions."""
    _, why, advice_in = rules
    lowered = text.lower()
    advice = advice_in(text)
    problems = [("no-why", f"uses {m.group()!r}; a reflection never asks why") for m in [why.search(lowered)] if m]
    problems += [("no-advice", f"gives advice ({phrase!r}); reflect, do not tell") for phrase in advice]
    if match := DIAGNOSIS.get(code, DIAGNOSIS["en"]).search(lowered):
        problems.append(("no-diagnosis", f"uses {match.group()!r}; name the feeling, never a condition"))
    return problems
