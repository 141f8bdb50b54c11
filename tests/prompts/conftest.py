"""Builders for small prompt files written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def theme_doc(theme: str = "rest", fits: tuple[str, ...] = ("any", "any")) -> dict:
    """A lint-clean theme with one question per entry of `fits`, each with two follow-ups."""
    questions = []
    for n, fit in enumerate(fits, 1):
        qid = f"{theme}.q{n:02d}"
        questions.append(
            {
                "id": qid,
                "text": f"What went well in part {NUMBERS[n - 1]} of your {theme} week?",
                "stage": "reality",
                "fits": fit,
                "follow_ups": [
                    {"id": f"{qid}.f1", "text": f"What made part {NUMBERS[n - 1]} of {theme} go well?"},
                    {"id": f"{qid}.f2", "text": f"Who helped with part {NUMBERS[n - 1]} of {theme}?"},
                ],
            }
        )
    return {
        "theme": theme,
        "title": f"The {theme} theme",
        "cues": [f"{theme}cue", f"{theme} phrase"],
        "follow_ups": [{"id": f"{theme}.t{n}", "text": f"What does {theme} mean to you, take {n}?"} for n in (1, 2, 3)],
        "questions": questions,
    }


ES_PARTS = ("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez")


def es_theme_doc(theme: str = "rest", fits: tuple[str, ...] = ("any", "any")) -> dict:
    """A Spanish theme that passes the Spanish lint: ids start with "es.", texts are ¿...? with open stems."""
    questions = []
    for n, fit in enumerate(fits, 1):
        qid, part = f"es.{theme}.q{n:02d}", ES_PARTS[n - 1]
        questions.append(
            {
                "id": qid,
                "text": f"¿Qué salió bien en la parte {part} de tu semana de {theme}?",
                "stage": "reality",
                "fits": fit,
                "follow_ups": [
                    {"id": f"{qid}.f1", "text": f"¿Qué hizo que la parte {part} de {theme} saliera bien?"},
                    {"id": f"{qid}.f2", "text": f"¿Quién te ayudó con la parte {part} de {theme}?"},
                ],
            }
        )
    return {
        "theme": theme,
        "title": f"El tema {theme}",
        "cues": [f"{theme}señal", f"{theme} frase"],
        "follow_ups": [
            {"id": f"es.{theme}.t{n}", "text": f"¿Qué significa {theme} para ti, versión {n}?"} for n in (1, 2, 3)
        ],
        "questions": questions,
    }


def es_list_doc(kind: str, count: int = 2) -> dict:
    return {
        "kind": kind,
        "prompts": [
            {"id": f"es.{kind}.{n:02d}", "text": f"¿Cuál es el {kind} número {n}?"} for n in range(1, count + 1)
        ],
    }


def list_doc(kind: str, count: int = 2) -> dict:
    return {
        "kind": kind,
        "prompts": [{"id": f"{kind}.{n:02d}", "text": f"What is {kind} number {n}?"} for n in range(1, count + 1)],
    }


def write_yaml(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def make_library(tmp_path: Path):
    """Write a small complete library (themes -> fits of each question) and return its directory."""

    def make(themes: dict[str, tuple[str, ...]]) -> Path:
        root = tmp_path / "library"
        for theme, fits in themes.items():
            write_yaml(root / "questions" / f"{theme}.yaml", theme_doc(theme, fits))
        write_yaml(root / "steps.yaml", list_doc("step"))
        write_yaml(root / "followthrough.yaml", list_doc("followthrough"))
        return root

    return make
