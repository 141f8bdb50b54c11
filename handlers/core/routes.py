"""What core answers itself: `/checkin help` and `/checkin language`."""

from __future__ import annotations

from handlers.core import language
from handlers.core.help import help_reply

COMMANDS = {"checkin": {"help": lambda ctx, args: [help_reply(ctx)], "language": language.set_language}}
ACTIONS: dict = {}
FORMS: dict = {}
OPENERS: dict = {}
