"""`microcoach prompts list`: one language's library as text or JSON (the same shape in every language)."""

from __future__ import annotations

import json

from prompts.library import DEFAULT_LANGUAGE, ID_PREFIXES, Library, Prompt, load_library


def list_command(theme: str | None, fmt: str, language: str = DEFAULT_LANGUAGE) -> tuple[int, str]:
    """`microcoach prompts list [--language L] [--theme T] [--format text|json]`: (exit code, output)."""
    if language not in ID_PREFIXES:
        valid = ", ".join(ID_PREFIXES)
        example = "e.g. microcoach prompts list --language es"
        return 2, f"unknown language {language!r}; valid languages: {valid} ({example})"
    if fmt not in ("text", "json"):
        return (
            2,
            f"unknown format {fmt!r}; valid formats: text, json (e.g. microcoach prompts list --format json)",
        )
    try:
        library = load_library(language=language)
    except ValueError as exc:  # PromptDataError is a ValueError too
        return 2, f"the prompt library does not load (run microcoach prompts lint):\n{exc}"
    if theme is not None and theme not in library.themes:
        valid = ", ".join(sorted(library.themes))
        return (
            2,
            f"unknown theme {theme!r}; valid themes: {valid} (e.g. microcoach prompts list --theme rest)",
        )
    themes = [theme] if theme is not None else list(library.themes)
    rows = [row for tid in themes for row in _rows(library, tid)]
    if fmt == "json":
        return 0, json.dumps(rows, indent=2, ensure_ascii=False)
    return 0, _as_text(library, themes, rows)


def _rows(library: Library, theme: str) -> list[dict[str, object]]:
    """One theme's questions (each followed by its follow-ups), then its theme-level follow-ups."""
    rows: list[dict[str, object]] = []
    for question in (q for q in library.questions if q.theme == theme):
        rows.append(
            {
                "id": question.id,
                "text": question.text,
                "theme": theme,
                "kind": "question",
                "stage": question.stage,
                "fits": question.fits,
            }
        )
        rows += [_follow_up_row(follow_up) for follow_up in question.follow_ups]
    return rows + [_follow_up_row(follow_up) for follow_up in library.themes[theme].follow_ups]


def _follow_up_row(prompt: Prompt) -> dict[str, object]:
    return {
        "id": prompt.id,
        "text": prompt.text,
        "theme": prompt.theme,
        "kind": "follow_up",
        "parent": prompt.parent,
    }


def _as_text(library: Library, themes: list[str], rows: list[dict[str, object]]) -> str:
    lines: list[str] = []
    for tid in themes:
        mine = [row for row in rows if row["theme"] == tid]
        count = sum(1 for row in mine if row["kind"] == "question")
        lines += [*([""] if lines else []), f"{tid}: {library.themes[tid].title} ({count} questions)"]
        for row in mine:
            if row["kind"] == "question":
                lines.append(f"  {row['id']}  [{row['stage']}, {row['fits']}]  {row['text']}")
            elif row["parent"] is not None:
                lines.append(f"      {row['id']}  {row['text']}")
        lines.append("  when a reply to another theme's question mentions this one:")
        lines += [
            f"      {row['id']}  {row['text']}" for row in mine if row["kind"] == "follow_up" and not row["parent"]
        ]
    questions = sum(1 for row in rows if row["kind"] == "question")
    lines += ["", f"{questions} questions and {len(rows) - questions} follow-ups in {len(themes)} themes"]
    return "\n".join(lines)
