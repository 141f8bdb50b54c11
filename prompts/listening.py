"""What the check-in says when it listens, as data: `say(name, language=, **values)` fills listening.yaml.

English is prompts/data/listening.yaml, Spanish prompts/data/es/listening.yaml; a key a language lacks falls
back to English. Values are escaped as in prompts.messages.render (they may be the person's own words).
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from prompts.messages import DATA_DIR, Safe, escape

FILE = "listening.yaml"


@lru_cache(maxsize=8)
def catalogue(language: str = "en") -> dict[str, str | list[str]]:
    path = DATA_DIR / FILE if language == "en" else DATA_DIR / language / FILE
    if language != "en" and (not language.isalpha() or not path.is_file()):
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def variants(name: str, language: str = "en") -> int:
    template = _template(name, language)
    return len(template) if isinstance(template, list) else 1


def say(name: str, /, variant: int = 0, *, language: str = "en", **values: object) -> Safe:
    """The text named `name`, variant `variant` (wrapping), filled with escaped `values`."""
    template = _template(name, language)
    if isinstance(template, list):
        template = template[variant % len(template)]
    return Safe(template.format(**{key: escape(value) for key, value in values.items()}))


def _template(name: str, language: str) -> str | list[str]:
    own = catalogue(language).get(name) if language != "en" else None
    if own is not None:
        return own
    try:
        return catalogue()[name]
    except KeyError:
        raise KeyError(f"no text named {name!r} in {FILE}") from None
