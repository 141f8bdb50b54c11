"""The prompt library by language: which files hold which language's prompts, loading them, finding an id.

English lives at the top of prompts/data/ (questions/, steps.yaml, followthrough.yaml); every other language
has the same files under prompts/data/<code>/ (Spanish: prompts/data/es/), and its prompt ids start with
"<code>." so an id stored last month resolves whatever language the member uses today.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from prompts.model import Library, Prompt, Question, Theme, fold
from prompts.schema import Issue, ParsedPrompts

__all__ = [
    "DATA_DIR",
    "DEFAULT_LANGUAGE",
    "ID_PREFIXES",
    "Issue",
    "Library",
    "ParsedPrompts",
    "Prompt",
    "PromptDataError",
    "Question",
    "Theme",
    "file_language",
    "find_prompt",
    "find_question",
    "fold",
    "library_for",
    "load_library",
    "parse_by_language",
    "parse_path",
]

DATA_DIR = Path(__file__).parent / "data"
# The bot's other wording (every language): prompts.messages and prompts.listening own these.
SKIP_FILES = frozenset({"messages.yaml", "listening.yaml"})
DEFAULT_LANGUAGE = "en"
# libyaml's safe loader when PyYAML has it: the same documents about seven times faster, which matters now
# that the first load reads every language's files.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Each language's prompt id prefix. A new language adds itself here, a prompts/data/<code>/ directory and,
# in prompts.lint, its text rules.
ID_PREFIXES = {"en": "", "es": "es."}


class PromptDataError(ValueError):
    """A prompt path is missing or holds no YAML files (invalid_yaml False), or a file is not valid YAML."""

    def __init__(self, message: str, *, invalid_yaml: bool = False) -> None:
        super().__init__(message)
        self.invalid_yaml = invalid_yaml


def prompt_files(path: Path) -> list[Path]:
    """The YAML files to read: `path` itself, or every *.yaml under it except messages.yaml."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise PromptDataError(f"no such file or directory: {path}")
    files = sorted(file for file in path.rglob("*.yaml") if file.name not in SKIP_FILES)
    if not files:
        raise PromptDataError(f"no prompt files (*.yaml) under {path}")
    return files


def display_path(file: Path) -> str:
    """`file` relative to the working directory when it lies under it, else as given."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)


def read_yaml(file: Path) -> object:
    try:
        return yaml.load(file.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PromptDataError(f"{display_path(file)}: not valid YAML{where}: {problem}", invalid_yaml=True) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptDataError(f"{display_path(file)}: cannot be read: {exc}", invalid_yaml=True) from None


def file_language(file: Path, doc: object) -> str:
    """A prompt file's language: its top-level `language` key when that names a known language; else a
    language whose code names the file's directory or that directory's parent (es/steps.yaml,
    es/questions/rest.yaml); else English. Only the two nearest directories count, so where the whole
    tree happens to live (say /srv/es/app/) does not matter."""
    declared = doc.get("language") if isinstance(doc, dict) else None
    if isinstance(declared, str) and declared in ID_PREFIXES:
        return declared
    for folder in (file.parent.name, file.parent.parent.name):
        if folder in ID_PREFIXES:
            return folder
    return DEFAULT_LANGUAGE


def parse_by_language(path: Path) -> dict[str, ParsedPrompts]:
    """Read every prompt file at `path` into one ParsedPrompts per language found; problems are collected."""
    groups: dict[str, ParsedPrompts] = {}
    for file in prompt_files(Path(path)):
        doc, shown = read_yaml(file), display_path(file)
        code = file_language(file, doc)
        group = groups.setdefault(code, ParsedPrompts(code, ID_PREFIXES[code]))
        declared = doc.get("language") if isinstance(doc, dict) else None
        if declared is not None and not (isinstance(declared, str) and declared in ID_PREFIXES):
            known = ", ".join(ID_PREFIXES)
            group.issues.append(Issue(shown, "", f"language must be one of {known}, got {declared!r}"))
        group.add_document(shown, doc)
    return {code: groups[code] for code in ID_PREFIXES if code in groups}  # English first, then the others


def parse_path(path: Path, language: str | None = None) -> ParsedPrompts:
    """The prompts at `path` in `language` (default: the one language the files there hold)."""
    groups = parse_by_language(path)
    if language is None:
        if len(groups) > 1:
            found = ", ".join(groups)
            raise PromptDataError(f"{path} holds prompts in more than one language ({found}); name one")
        return next(iter(groups.values()))
    if language not in groups:
        raise PromptDataError(f"no {language!r} prompt files (*.yaml) under {path}")
    return groups[language]


@functools.lru_cache(maxsize=1)
def _shipped_groups() -> dict[str, ParsedPrompts]:
    return parse_by_language(DATA_DIR)  # one read of the data directory serves every language


@functools.cache
def _shipped_library(language: str) -> Library:
    groups = _shipped_groups()
    if language not in groups:
        raise ValueError(f"no {language!r} prompt files under {DATA_DIR}")
    return _build(groups[language], DATA_DIR)


def load_library(path: Path | None = None, *, language: str | None = None) -> Library:
    """One language's library: the shipped one (cached) for `language` (default English), or the files at
    `path` in `language` (default: the one language they hold). ValueError naming file and problem."""
    if language is not None and language not in ID_PREFIXES:
        raise ValueError(f"unknown language {language!r}; languages: {', '.join(ID_PREFIXES)}")
    if path is None:
        return _shipped_library(language or DEFAULT_LANGUAGE)
    return _build(parse_path(Path(path), language), Path(path))


def _build(parsed: ParsedPrompts, path: Path) -> Library:
    issues = list(parsed.issues)
    for what, found in (
        ("themes", parsed.themes),
        ("step prompts", parsed.steps),
        ("followthrough prompts", parsed.followthroughs),
    ):
        if not found:
            issues.append(Issue(display_path(path), "", f"no {what} found"))
    if issues:
        lines = "\n".join(f"{issue.file}: {issue.prompt_id}: {issue.message}" for issue in issues)
        raise ValueError(f"invalid {parsed.language!r} prompt data ({len(issues)} problems):\n{lines}")
    return Library(parsed.themes, parsed.questions, parsed.steps, parsed.followthroughs, parsed.language)


def library_for(prompt_id: str) -> Library:
    """The shipped library holding `prompt_id`, whatever the language (ids are unique across languages):
    a check-in asked in one language is carried on in it even if the member has since switched."""
    for code in ID_PREFIXES:
        library = load_library(language=code)
        if prompt_id in library:
            return library
    raise KeyError(f"prompt id {prompt_id!r} is not in the prompt library of any language")


def find_prompt(prompt_id: str) -> Prompt:
    """The shipped prompt with this id, in whichever language it was written."""
    return library_for(prompt_id).prompt(prompt_id)


def find_question(prompt_id: str) -> Question:
    """The shipped question with this id, in whichever language it was written."""
    return library_for(prompt_id).question(prompt_id)
