"""The stylesheet's colours meet WCAG AA contrast, and the pages load no script at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[3] / "bot" / "dashboard"
CSS = (DASHBOARD / "static" / "dashboard.css").read_text()
COLOURS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", CSS))
WHITE = "#ffffff"


def luminance(colour: str) -> float:
    """Relative luminance, WCAG 2.x."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize(
    "text, background, least",
    [
        ("ink", "paper", 4.5),
        ("ink", "wash", 4.5),
        ("muted", "paper", 4.5),
        ("muted", "wash", 4.5),
        ("accent", "paper", 4.5),
        ("accent-dark", "paper", 4.5),
        ("danger", "paper", 4.5),
        ("ok", "paper", 4.5),
        ("focus", "paper", 3.0),  # a focus ring is a user-interface component
        ("focus", "wash", 3.0),
    ],
)
def test_text_and_controls_meet_wcag_aa(text, background, least):
    assert contrast(COLOURS[text], COLOURS[background]) >= least


def test_white_on_the_primary_button_meets_aa():
    assert contrast(WHITE, COLOURS["accent"]) >= 4.5 and contrast(WHITE, COLOURS["accent-dark"]) >= 4.5


def test_no_template_has_script_or_inline_style():
    for template in (DASHBOARD / "templates").glob("*.html"):
        html = template.read_text().lower()
        assert "<script" not in html and " style=" not in html and "javascript:" not in html, template.name
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"{template.name} has an inline event handler"
