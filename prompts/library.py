"""The prompt library: YAML files of themes, questions, follow-ups and steps, loaded into frozen objects."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
SKIP_FILES = frozenset({"messages.yaml"})  # the bot's other wording, owned by prompts.messages
STAGES = ("goal", "reality", "options", "will")
FITS = ("start", "end", "any")
LIST_KINDS = ("step", "followthrough")
QUESTION_FOLLOW_UPS = (2, 4)  # inclusive bounds
THEME_FOLLOW_UPS = (3, 5)
ONE_OR_MORE = (1, 1_000_000)
THEME_KEYS = ("theme", "title", "cues", "follow_ups", "questions")
QUESTION_KEYS = ("id", "text", "stage", "fits", "follow_ups")
PROMPT_KEYS = ("id", "text")
LIST_KEYS = ("kind", "prompts")
SLUG = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")


@dataclass(frozen=True)
class Prompt:
    """One thing the bot asks. kind: question | follow_up | step | followthrough."""

    id: str
    text: str
    theme: str
    kind: str
    stage: str = ""
    fits: str = "any"
    parent: str | None = None


@dataclass(frozen=True)
class Question(Prompt):
    """A question that opens a check-in, with its own follow-ups (Options-stage questions)."""

    follow_ups: tuple[Prompt, ...] = ()


@dataclass(frozen=True)
class Theme:
    """A theme: its cue words and the follow-ups used when a reply drifts into it."""

    id: str
    title: str
    cues: tuple[str, ...]
    follow_ups: tuple[Prompt, ...]


class PromptDataError(ValueError):
    """A prompt path is missing or holds no YAML files (invalid_yaml False), or a file is not valid YAML."""

    def __init__(self, message: str, *, invalid_yaml: bool = False) -> None:
        super().__init__(message)
        self.invalid_yaml = invalid_yaml


class Library:
    """Every prompt, indexed by id, plus cue matching for fitting a follow-up to a reply."""

    def __init__(
        self,
        themes: Iterable[Theme],
        questions: Iterable[Question],
        steps: Iterable[Prompt],
        followthroughs: Iterable[Prompt],
    ) -> None:
        self.themes: dict[str, Theme] = {theme.id: theme for theme in themes}
        self.questions: tuple[Question, ...] = tuple(questions)
        self.steps: tuple[Prompt, ...] = tuple(steps)
        self.followthroughs: tuple[Prompt, ...] = tuple(followthroughs)
        self._by_id = {prompt.id: prompt for prompt in self.all_prompts()}
        self._cues = {tid: _cue_pattern(theme.cues) for tid, theme in self.themes.items() if theme.cues}

    def all_prompts(self) -> Iterator[Prompt]:
        """Questions with their follow-ups, then theme follow-ups, steps and followthroughs."""
        for question in self.questions:
            yield question
            yield from question.follow_ups
        for theme in self.themes.values():
            yield from theme.follow_ups
        yield from self.steps
        yield from self.followthroughs

    def question(self, prompt_id: str) -> Question:
        found = self._by_id.get(prompt_id)
        if isinstance(found, Question):
            return found
        what = f"is a {found.kind}, not a question" if found else "is not in the prompt library"
        raise KeyError(f"prompt id {prompt_id!r} {what}")

    def prompt(self, prompt_id: str) -> Prompt:
        try:
            return self._by_id[prompt_id]
        except KeyError:
            raise KeyError(f"prompt id {prompt_id!r} is not in the prompt library") from None

    def cue_themes(self, text: str) -> list[str]:
        """Themes whose cues occur in `text` (whole words, any case), most hits first, ties by theme id."""
        text = text.replace("\u2019", "'")
        hits = {tid: len(pattern.findall(text)) for tid, pattern in self._cues.items()}
        return sorted((tid for tid, count in hits.items() if count), key=lambda tid: (-hits[tid], tid))


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    # Longest first, so "night shift" counts once rather than also as "night".
    alternatives = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    """A schema problem: the file, the prompt id ('' when none applies) and what is wrong."""

    file: str
    prompt_id: str
    message: str


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
        return yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PromptDataError(f"{display_path(file)}: not valid YAML{where}: {problem}", invalid_yaml=True) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PromptDataError(f"{display_path(file)}: cannot be read: {exc}", invalid_yaml=True) from None


def parse_path(path: Path) -> ParsedPrompts:
    """Read and check every prompt file at `path`; schema problems are collected, not raised."""
    parsed = ParsedPrompts()
    for file in prompt_files(path):
        parsed.add_document(display_path(file), read_yaml(file))
    return parsed


@functools.lru_cache(maxsize=1)
def _shipped_library() -> Library:
    return _build(DATA_DIR)


def load_library(path: Path | None = None) -> Library:
    """The library at `path` (default: the shipped data, cached). ValueError naming file and problem."""
    return _shipped_library() if path is None else _build(Path(path))


def _build(path: Path) -> Library:
    parsed = parse_path(path)
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
        raise ValueError(f"invalid prompt data ({len(issues)} problems):\n{lines}")
    return Library(parsed.themes, parsed.questions, parsed.steps, parsed.followthroughs)


class ParsedPrompts:
    """What a set of prompt files holds, in file order, plus every schema problem found on the way."""

    def __init__(self) -> None:
        self.themes: list[Theme] = []
        self.questions: list[Question] = []
        self.steps: list[Prompt] = []
        self.followthroughs: list[Prompt] = []
        self.entries: list[tuple[str, Prompt]] = []  # (file, prompt) for every prompt, for lint
        self.issues: list[Issue] = []
        self.files: list[str] = []
        self._id_files: dict[str, str] = {}
        self._theme_files: dict[str, str] = {}

    def add_document(self, file: str, doc: object) -> None:
        self.files.append(file)
        if isinstance(doc, dict) and "theme" in doc:
            self._theme(file, doc)
        elif isinstance(doc, dict) and "kind" in doc:
            self._prompt_list(file, doc)
        else:
            self._issue(
                file,
                "",
                "expected a theme file (keys: theme, title, cues, follow_ups, questions) "
                "or a prompt list (keys: kind, prompts)",
            )

    def _issue(self, file: str, prompt_id: str, message: str) -> None:
        self.issues.append(Issue(file, prompt_id, message))

    def _keys(self, file: str, prompt_id: str, raw: dict, keys: tuple[str, ...], what: str) -> None:
        missing = ", ".join(key for key in keys if raw.get(key) is None or str(raw[key]).strip() == "")
        unknown = ", ".join(str(key) for key in raw if key not in keys)
        if missing:
            self._issue(file, prompt_id, f"{what} is missing {missing} (needs: {', '.join(keys)})")
        if unknown:
            self._issue(file, prompt_id, f"{what} has unknown keys {unknown} (allowed: {', '.join(keys)})")

    def _list(self, file: str, prompt_id: str, value: object, what: str, bounds: tuple[int, int]) -> list:
        if value is None:  # already reported as a missing key
            return []
        if not isinstance(value, list) or not value:
            self._issue(file, prompt_id, f"{what} must be a non-empty list")
            return []
        low, high = bounds
        if not low <= len(value) <= high:
            self._issue(file, prompt_id, f"{what} has {len(value)} items; it needs {low} to {high}")
        return value

    def _prompt(self, file: str, raw: object, keys: tuple[str, ...], prefix: str, **fields: object) -> dict | None:
        """Check one prompt mapping; the usable fields, or None when id or text cannot be used."""
        if not isinstance(raw, dict):
            self._issue(file, "", f"expected a mapping with keys {', '.join(keys)}, got {raw!r}")
            return None
        prompt_id, text = raw.get("id"), raw.get("text")
        label = prompt_id if isinstance(prompt_id, str) else ""
        self._keys(file, label, raw, keys, "prompt" if label else f"prompt under {prefix.rstrip('.')!r}")
        if prompt_id is not None and not label:
            self._issue(file, "", f"id must be a string, got {prompt_id!r}")
        if not isinstance(prompt_id, str) or not isinstance(text, str) or not text.strip():
            if isinstance(prompt_id, str) and text is not None and not isinstance(text, str):
                self._issue(file, label, f"text must be a string, got {text!r}")
            return None
        if not SLUG.match(prompt_id) or not prompt_id.startswith(prefix):
            self._issue(file, prompt_id, f"id must start with {prefix!r} and use only a-z, 0-9, . - _")
        if prompt_id in self._id_files:
            self._issue(file, prompt_id, f"id is already used in {self._id_files[prompt_id]}")
        self._id_files.setdefault(prompt_id, file)
        return {"id": prompt_id, "text": text.strip(), **fields}

    def _theme(self, file: str, doc: dict) -> None:
        tid, title = doc.get("theme"), doc.get("title")
        self._keys(file, "", doc, THEME_KEYS, "theme file")
        if not isinstance(tid, str) or not SLUG.match(tid):
            self._issue(file, "", f"theme must be a lowercase id such as 'rest' or 'hard-case', got {tid!r}")
            return
        if tid in self._theme_files:
            self._issue(file, "", f"theme {tid!r} is already defined in {self._theme_files[tid]}")
        self._theme_files.setdefault(tid, file)
        if title is not None and (not isinstance(title, str) or not title.strip()):
            self._issue(file, "", f"title must be a non-empty string, got {title!r}")
        cues = self._list(file, "", doc.get("cues"), "cues", ONE_OR_MORE)
        if any(not isinstance(cue, str) or not cue.strip() or cue != cue.lower() for cue in cues):
            self._issue(file, "", "cues must be non-empty lowercase words or short phrases")
        follow_ups = []
        for raw in self._list(file, "", doc.get("follow_ups"), f"theme {tid!r} follow_ups", THEME_FOLLOW_UPS):
            if fields := self._prompt(file, raw, PROMPT_KEYS, f"{tid}.", stage="options"):
                follow_ups.append(self._add(file, Prompt(theme=tid, kind="follow_up", **fields)))
        for raw in self._list(file, "", doc.get("questions"), f"theme {tid!r} questions", ONE_OR_MORE):
            self._question(file, tid, raw)
        clean_cues = tuple(str(cue).strip() for cue in cues if isinstance(cue, str) and cue.strip())
        self.themes.append(Theme(tid, str(title or tid), clean_cues, tuple(follow_ups)))

    def _question(self, file: str, tid: str, raw: object) -> None:
        fields = self._prompt(file, raw, QUESTION_KEYS, f"{tid}.")
        if fields is None:
            return
        qid, stage, fits = fields["id"], raw.get("stage"), raw.get("fits")
        if stage is not None and stage not in STAGES:
            self._issue(file, qid, f"stage must be one of {', '.join(STAGES)}, got {stage!r}")
        if fits is not None and fits not in FITS:
            self._issue(file, qid, f"fits must be one of {', '.join(FITS)}, got {fits!r}")
        follow_ups = []
        for item in self._list(file, qid, raw.get("follow_ups"), "follow_ups", QUESTION_FOLLOW_UPS):
            if sub := self._prompt(file, item, PROMPT_KEYS, f"{qid}.", stage="options", parent=qid):
                follow_ups.append(Prompt(theme=tid, kind="follow_up", **sub))
        question = Question(
            theme=tid,
            kind="question",
            stage=str(stage or ""),
            fits=str(fits or "any"),
            follow_ups=tuple(follow_ups),
            **fields,
        )
        self.questions.append(question)
        self.entries += [(file, question), *((file, follow_up) for follow_up in follow_ups)]

    def _prompt_list(self, file: str, doc: dict) -> None:
        kind = doc.get("kind")
        self._keys(file, "", doc, LIST_KEYS, "prompt list")
        if kind not in LIST_KINDS:
            self._issue(file, "", f"kind must be one of {', '.join(LIST_KINDS)}, got {kind!r}")
            return
        target = self.steps if kind == "step" else self.followthroughs
        stage = "will" if kind == "step" else ""
        for raw in self._list(file, "", doc.get("prompts"), f"{kind} prompts", ONE_OR_MORE):
            if fields := self._prompt(file, raw, PROMPT_KEYS, f"{kind}.", stage=stage):
                target.append(self._add(file, Prompt(theme="", kind=kind, **fields)))

    def _add(self, file: str, prompt: Prompt) -> Prompt:
        self.entries.append((file, prompt))
        return prompt
