"""The prompt files' schema: ParsedPrompts reads theme files and prompt lists, collecting every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prompts.model import Prompt, Question, Theme

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
FILE_OPTIONAL_KEYS = ("language",)  # a file may name its language (prompts.library reads it)
SLUG = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")


@dataclass(frozen=True)
class Issue:
    """A schema problem: the file, the prompt id ('' when none applies) and what is wrong."""

    file: str
    prompt_id: str
    message: str


class ParsedPrompts:
    """What a set of one language's prompt files holds, in file order, plus every schema problem found.

    Every prompt id starts with `id_prefix` ("" for English, "es." for Spanish), so ids stay unique
    across languages and a stored id always says which library it came from.
    """

    def __init__(self, language: str = "en", id_prefix: str = "") -> None:
        self.language = language
        self.id_prefix = id_prefix
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

    def _keys(self, file: str, prompt_id: str, raw: dict, keys: tuple[str, ...], what: str, optional=()) -> None:
        missing = ", ".join(key for key in keys if raw.get(key) is None or str(raw[key]).strip() == "")
        unknown = ", ".join(str(key) for key in raw if key not in keys and key not in optional)
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
        self._keys(file, "", doc, THEME_KEYS, "theme file", FILE_OPTIONAL_KEYS)
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
            if fields := self._prompt(file, raw, PROMPT_KEYS, f"{self.id_prefix}{tid}.", stage="options"):
                follow_ups.append(self._add(file, Prompt(theme=tid, kind="follow_up", **fields)))
        for raw in self._list(file, "", doc.get("questions"), f"theme {tid!r} questions", ONE_OR_MORE):
            self._question(file, tid, raw)
        clean_cues = tuple(str(cue).strip() for cue in cues if isinstance(cue, str) and cue.strip())
        self.themes.append(Theme(tid, str(title or tid), clean_cues, tuple(follow_ups)))

    def _question(self, file: str, tid: str, raw: object) -> None:
        fields = self._prompt(file, raw, QUESTION_KEYS, f"{self.id_prefix}{tid}.")
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
        self._keys(file, "", doc, LIST_KEYS, "prompt list", FILE_OPTIONAL_KEYS)
        if kind not in LIST_KINDS:
            self._issue(file, "", f"kind must be one of {', '.join(LIST_KINDS)}, got {kind!r}")
            return
        target = self.steps if kind == "step" else self.followthroughs
        stage = "will" if kind == "step" else ""
        for raw in self._list(file, "", doc.get("prompts"), f"{kind} prompts", ONE_OR_MORE):
            if fields := self._prompt(file, raw, PROMPT_KEYS, f"{self.id_prefix}{kind}.", stage=stage):
                target.append(self._add(file, Prompt(theme="", kind=kind, **fields)))

    def _add(self, file: str, prompt: Prompt) -> Prompt:
        self.entries.append((file, prompt))
        return prompt
