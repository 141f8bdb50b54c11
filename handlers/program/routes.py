"""What the program admin's package answers: `/nudge` and the new-schedule form."""

from __future__ import annotations

from handlers.program import nudge

COMMANDS = {"nudge": nudge.COMMANDS}
ACTIONS: dict = {}
FORMS = {nudge.FORM_ID: nudge.submit_form}
OPENERS = {nudge.FORM_ID: nudge.add}
