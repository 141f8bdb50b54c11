"""What the coaching package answers: `/coach`, `/checkin profile`, offers' and feedback buttons, the request form."""

from __future__ import annotations

from handlers.coach import profile, request

COMMANDS = {"coach": request.COMMANDS, "checkin": {"profile": profile.update}}
ACTIONS = request.ACTIONS
FORMS = {request.FORM_ID: request.submit_form}
OPENERS = {request.FORM_ID: request.request}
