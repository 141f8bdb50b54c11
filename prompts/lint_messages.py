"""Lint for the message catalogues: every language has the same keys, placeholders and variants, and no empty text.

English (<root>/messages.yaml) is the reference; every <root>/<code>/messages.yaml is another language and is
checked against it the same way, so a third language needs only its file. Keys are compared both ways: a key
one language lacks fails, naming the key and the file that lacks it.

YAML with this checker rather than gettext (Babel): the catalogue was already YAML rendered by key with
str.format, list messages (variants) have no gettext counterpart, and msgfmt checks neither both-way key
parity nor placeholders per variant. Dates and times can still be formatted with Babel.
"""

from __future__ import annotations

from pathlib import Path
from string import Formatter

from prompts.library import PromptDataError, display_path, read_yaml

CATALOGUE = "messages.yaml"
REFERENCE = "en"
Text = str | list[str]
Problem = tuple[str, str, str, str]  # (file, key, rule, message); prompts.lint makes each a LintProblem


def catalogue_files(target: Path) -> dict[str, Path]:
    """The catalogues `microcoach prompts lint TARGET` checks, by language, English first; empty when none.

    A messages.yaml whose grandparent directory holds one too is a language catalogue named by its directory
    (es/messages.yaml), checked against that English file; any other messages.yaml is English, checked with
    every <code>/messages.yaml beside it. TARGET may be a catalogue file or a directory holding one.
    """
    found = target if target.is_file() else target / CATALOGUE
    if found.name != CATALOGUE or not found.is_file():
        return {}
    reference = found.parent.parent / CATALOGUE
    if reference.is_file() and reference != found:
        return {REFERENCE: reference, found.parent.name: found}
    others = sorted(found.parent.glob(f"*/{CATALOGUE}"))
    return {REFERENCE: found, **{other.parent.name: other for other in others}}


def only_catalogues(target: Path) -> bool:
    """True when TARGET holds catalogues and no prompt file, so there are no prompts to look for."""
    if target.is_file():
        return target.name == CATALOGUE
    return target.is_dir() and not any(file.name != CATALOGUE for file in target.rglob("*.yaml"))


def lint_catalogues(files: dict[str, Path]) -> tuple[list[Problem], dict[str, int]]:
    """(problems as (file, key, rule, message), keys per language) for the catalogues in `files`."""
    problems: list[Problem] = []
    loaded = {}
    for code, file in files.items():
        catalogue, found = _load(file)
        problems += found
        if catalogue is not None:  # a file that is not a catalogue at all is one problem, not one per key
            loaded[code] = catalogue
            problems += [(display_path(file), key, "empty", message) for key, message in _empty(catalogue)]
    if REFERENCE in loaded:
        for code, catalogue in loaded.items():
            if code != REFERENCE:
                problems += _compare(files[REFERENCE], loaded[REFERENCE], files[code], catalogue, code)
    return problems, {code: len(catalogue) for code, catalogue in loaded.items()}


def _load(file: Path) -> tuple[dict[str, Text] | None, list[Problem]]:
    """The catalogue's texts by key (None when the file is no catalogue); a key whose value is neither text
    nor a list of texts is a problem."""
    shown = display_path(file)
    try:
        doc = read_yaml(file)
    except PromptDataError as exc:
        return None, [(shown, "", "schema", f"{str(exc).removeprefix(f'{shown}: ')}; {EXAMPLE}")]
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        return None, [(shown, "", "schema", f"must be a mapping of message names to texts; {EXAMPLE}")]
    # A key with a wrong kind of value stays in, so it is reported once here and not also as missing.
    catalogue = {str(key): "" if value is None else value for key, value in doc.items()}
    problems = [
        (shown, key, "schema", f"must be a text or a list of texts, got {type(value).__name__}; {EXAMPLE}")
        for key, value in catalogue.items()
        if not _is_text(value)
    ]
    return catalogue, problems


def _is_text(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(item, str) for item in value))


def _empty(catalogue: dict[str, Text]) -> list[tuple[str, str]]:
    found = []
    for key, value in catalogue.items():
        if not _is_text(value):
            continue
        if isinstance(value, list) and not value:
            found.append((key, "is an empty list; a list message needs at least one variant"))
        elif isinstance(value, list):
            blank = [str(number) for number, text in enumerate(value, 1) if not text.strip()]
            if blank:
                found.append((key, f"variant {', '.join(blank)} is empty; every variant needs words"))
        elif not value.strip():
            found.append((key, "is empty; every message needs words (the bot would say nothing)"))
    return found


def _compare(
    reference_file: Path, reference: dict[str, Text], file: Path, catalogue: dict[str, Text], code: str
) -> list[Problem]:
    """Keys both ways, then for each shared key: the number of variants and each variant's placeholders."""
    shown, shown_reference = display_path(file), display_path(reference_file)
    problems = [
        (shown, key, "missing-key", f"is in {shown_reference} but not here; add its {code!r} text")
        for key in reference
        if key not in catalogue
    ]
    problems += [
        (shown_reference, key, "missing-key", f"is in {shown} but not here; add it here or remove it there")
        for key in catalogue
        if key not in reference
    ]
    for key in (key for key in catalogue if key in reference and _is_text(catalogue[key]) and _is_text(reference[key])):
        problems += [(shown, key, rule, message) for rule, message in _compare_text(reference[key], catalogue[key])]
    return problems


def _compare_text(reference: Text, text: Text) -> list[tuple[str, str]]:
    if isinstance(reference, list) != isinstance(text, list) or (
        isinstance(text, list) and len(text) != len(reference)
    ):
        return [("variants", f"{_shape(text)}; the {REFERENCE!r} text {_shape(reference)}")]
    pairs = zip(reference, text, strict=True) if isinstance(text, list) else [(reference, text)]
    problems = []
    for number, (wanted, written) in enumerate(pairs, 1):
        where = f"variant {number} " if isinstance(text, list) else ""
        try:
            used, expected = placeholders(written), placeholders(wanted)
        except ValueError as exc:
            problems.append(("placeholders", f"{where}is not a valid template ({exc}); write {{{{ for a brace"))
            continue
        if used != expected:
            problems.append(
                ("placeholders", f"{where}uses {_names(used)}; the {REFERENCE!r} text uses {_names(expected)}")
            )
    return problems


def placeholders(template: str) -> set[str]:
    """The names a template fills ({name} -> "name"); ValueError for a stray brace, as str.format would raise."""
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}


def _shape(text: Text) -> str:
    return f"has {len(text)} variants" if isinstance(text, list) else "is a single text"


def _names(found: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(found)) or "no placeholders"


EXAMPLE = 'a catalogue looks like: welcome: "Hi {name}." or ack: ["Thank you.", "Noted."]'
