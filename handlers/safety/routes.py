"""What the safety package answers: the crisis reply's buttons and the direct question's answers."""

from __future__ import annotations

from handlers.safety import crisis, screening

COMMANDS: dict = {}
ACTIONS = {
    "crisis:again": crisis.again,
    "crisis:person": crisis.ask_person,
    "crisis:person-yes": crisis.person_yes,
    "crisis:person-no": crisis.person_no,
    "crisis:ok": crisis.ask_close,
    "crisis:close": crisis.close,
    **screening.ACTIONS,
}
FORMS: dict = {}
OPENERS: dict = {}
