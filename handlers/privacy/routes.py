"""What the privacy package answers: `/checkin privacy|export|delete` and the delete confirmation's buttons."""

from __future__ import annotations

from handlers.privacy import data_rights

COMMANDS = {"checkin": {"privacy": data_rights.explain, "export": data_rights.export, "delete": data_rights.delete}}
ACTIONS = data_rights.ACTIONS
FORMS: dict = {}
OPENERS: dict = {}
