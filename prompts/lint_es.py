"""Lint for Spanish prompts: one open question between ¿ and ?, no «por qué», no yes/no opener, no advice."""

from __future__ import annotations

import re
import unicodedata

from prompts.model import fold

# Words are runs of letters (accents and ñ included) or digits; ¿ ? ¡ ! and other marks are not words.
WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 30
INTERROGATIVES = frozenset(
    "qué cómo cuál cuáles cuándo dónde adónde quién quiénes cuánto cuánta cuántos cuántas".split()  # noqa: SIM905
)
# A preposition before an interrogative keeps the question open: "de qué manera", "en qué", "a quién",
# "con quién", "para qué", "hasta qué punto", "desde cuándo". ("por qué" is caught by no-why.)
PREPOSITIONS = frozenset("a ante con contra de desde en entre hacia hasta para por según sin sobre tras".split())  # noqa: SIM905
# Openers that make a yes/no question, compared without accents. Anything else that is not an open stem
# is still refused by open-question; these only get the more exact message.
YES_NO = frozenset(
    fold(word)
    for word in """has ha han había habías hay hubo habrá habría habrías puedes puede pueden podrías podría
    pudiste estás está están estabas estuviste estarías tienes tiene tienen tuviste tendrías crees cree
    creíste te se le me nos lo la les es son era eres fue fuiste será sería quieres quiere querrías quisieras
    sientes siente sentiste sabes sabe vas va haces hiciste harías sueles suele necesitas no acaso alguna
    algún alguien""".split()  # noqa: SIM905
)
WHY = re.compile(r"\bpor\s+qu[eé]\b|\bporqué\b|\ba\s+qu[eé]\s+se\s+debe\b|\bc[oó]mo\s+es\s+que\b")
# Telling rather than asking, compared without accents, whole words. ASKABLE phrases are fine straight
# after an interrogative: "¿Qué tienes que entregar hoy?" asks; "Tienes que descansar" tells.
ADVICE = (
    "deberias",
    "debes",
    "tienes que",
    "tendrias que",
    "hay que",
    "te recomiendo",
    "te recomendaria",
    "te aconsejo",
    "te sugiero",
    "mi consejo",
    "intenta",
    "intentalo",
    "prueba a",
    "prueba con",
    "pruebalo",
    "haz",
    "procura",
    "asegurate",
    "no olvides",
    "no te olvides",
    "acuerdate",
    "recuerda",
    "es importante",
    "lo mejor es",
    "lo mejor seria",
    "por que no",
    "que tal si",
    "has probado",
    "has intentado",
    "has pensado en",
    "has considerado",
    "te vendria bien",
)
ASKABLE = frozenset({"deberias", "debes", "tienes que", "tendrias que", "hay que", "es importante"})
STEM = "(?:(?:" + "|".join(sorted(PREPOSITIONS)) + r")\s+)?(?:" + "|".join(sorted(INTERROGATIVES)) + ")"
SECOND_QUESTION = re.compile(rf"(?:[,;]|\by|\be|\bo|\bu)\s+{STEM}(?!\w)")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def lint_text(text: str) -> list[tuple[str, str]]:
    """The (rule, message) pairs one Spanish prompt text breaks; empty when it is fine."""
    # NFC, so folding keeps every character's position (é -> e, not e + a combining accent -> e).
    text = unicodedata.normalize("NFC", text.strip().replace("\u2019", "'"))
    problems = _question_marks(text)
    if (count := len(words(text))) > MAX_WORDS:
        problems.append(("max-words", f"has {count} words; at most {MAX_WORDS}"))
    problems += _opening_problems(text)
    if match := WHY.search(text.lower()):
        problems.append(("no-why", f"uses {match.group()!r}, which invites defensiveness; ask qué or cómo"))
    problems += [("no-advice", f"gives advice ({phrase!r}); ask, do not tell") for phrase in _advice(text)]
    return problems


def _question_marks(text: str) -> list[tuple[str, str]]:
    opens, closes = text.count("¿"), text.count("?")
    problems = []
    if opens != closes or (opens and text.index("¿") > text.index("?")):
        problems.append(("paired-question-marks", f"has {opens} '¿' and {closes} '?'; a question is written ¿...?"))
    elif opens > 1:
        problems.append(("one-question", f"asks {opens} questions; ask exactly one"))
    if closes and not text.endswith("?"):
        problems.append(("one-question", "has words after its question; the '?' must come last"))
    elif not text.endswith("?"):
        problems.append(("ends-with-question-mark", "must end with '?'"))
    return problems


def opening(text: str) -> tuple[str, str]:
    """The words that open the question and the text from there on.

    The question starts at its '¿' (what comes before is a lead-in, as in "Después de un turno así,
    ¿qué necesitas?"), or at the start when there is no '¿'. A leading "y" is skipped ("¿Y qué te
    llevas?"); a preposition and an interrogative count together ("de qué", "hasta qué").
    """
    body = text[text.index("¿") + 1 :] if "¿" in text else text
    tokens = words(body)
    if tokens[:1] == ["y"]:
        tokens = tokens[1:]
    if len(tokens) >= 2 and tokens[0] in PREPOSITIONS and tokens[1] in INTERROGATIVES:
        return f"{tokens[0]} {tokens[1]}", body
    return (tokens[0] if tokens else ""), body


def _opening_problems(text: str) -> list[tuple[str, str]]:
    first, body = opening(text)
    if not first:
        return [("open-question", "has no words; ask one open question, such as '¿Qué salió bien hoy?'")]
    head = first.split()[-1]
    problems = []
    if fold(head) in YES_NO:
        problems.append(("yes-no-opening", f"opens with {first!r}, a yes/no question; open with qué, cómo, cuál..."))
    elif head not in INTERROGATIVES:
        accent = {fold(word): word for word in INTERROGATIVES}.get(head)
        hint = f"; when it asks, it is written {accent!r}" if accent else ""
        stems = "qué, cómo, cuál, cuándo, dónde, quién, cuánto, or a phrase such as 'de qué manera'"
        problems.append(("open-question", f"opens with {first!r}{hint}; open with {stems}"))
    # A second question only past the opening words, so "¿Y qué...?" is not counted.
    start = body.lower().find(head) + len(head)
    if match := SECOND_QUESTION.search(body.lower(), start):
        problems.append(("one-question", f"asks two questions joined by {match.group()!r}; ask one"))
    return problems


def _advice(text: str) -> list[str]:
    lowered, found = text.lower(), []
    folded = fold(lowered)
    for phrase in ADVICE:
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", folded):
            # The word before, with its accent: "qué" asks, the conjunction "que" does not.
            before = words(lowered[: match.start()])[-1:]
            if not (phrase in ASKABLE and before and before[0] in INTERROGATIVES):
                found.append(phrase)
                break
    return found


def normalise(text: str) -> str:
    """Lowercase, accents folded, punctuation (¿ ? ¡ !) stripped, whitespace collapsed."""
    return " ".join(re.sub(r"[^\w\s]", "", fold(text.lower().replace("\u2019", "'"))).split())
