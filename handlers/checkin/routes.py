"""What the check-in package answers: its `/checkin` words, its buttons (the check-in's, the App Home's), its form."""

from __future__ import annotations

from handlers.checkin import buttons, dialogue, home, preferences, settings_form

COMMANDS = {
    "checkin": {
        "now": lambda ctx, args: dialogue.start_now(ctx, theme=args.strip() or None),
        "time": preferences.set_time,
        "pause": preferences.pause,
        "snooze": preferences.pause,
        "resume": preferences.resume,
        "stop": preferences.stop,
        "quiet": preferences.quiet,
        "shifts": preferences.shifts,
        "timing": preferences.timing,
        "themes": preferences.themes,
        "zone": preferences.zone,
        "settings": settings_form.open_form,
    }
}
ACTIONS = {
    "checkin:energy": lambda ctx, arg: buttons.pulse(ctx, "energy", arg),
    "checkin:burnout": lambda ctx, arg: buttons.pulse(ctx, "burnout", arg),
    "checkin:skip": buttons.skip,
    "checkin:snooze": buttons.snooze,
    "checkin:pause": buttons.pause_week,
    "checkin:fewer": buttons.fewer,
    "checkin:time": buttons.other_time,
    "checkin:start": buttons.start,
    "checkin:not-now": buttons.not_now,
    **home.ACTIONS,
}
FORMS = {settings_form.FORM_ID: settings_form.submit_form}
OPENERS = {settings_form.FORM_ID: settings_form.open_form}
