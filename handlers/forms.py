"""Forms where a form cannot open: the same form in one line, and a button that opens it (a press can)."""

from __future__ import annotations

from collections.abc import Callable

from handlers import coach, nudge, settings
from handlers.context import Ctx
from handlers.messages import Button, Form, Reply
from prompts.messages import render

OPEN_FORM = "form:open"
# What opens each form, as its command with nothing after it would.
OPENERS: dict[str, Callable[[Ctx, str], list[Reply]]] = {
    coach.FORM_ID: coach.request,
    nudge.FORM_ID: nudge.add,
    settings.FORM_ID: settings.open_form,
}


def in_words(form: Form) -> Reply:
    """A form said as a message: what it is, the one-line command, and a button to open the form itself.

    Slack opens a modal only with a trigger from a click or a slash command; a word typed in the DM has none.
    """
    text = render("form_in_words", title=form.title, example=form.inline_example or "")
    return Reply(text, buttons=(Button(render("form_open_button"), f"{OPEN_FORM}:{form.form_id}", style="primary"),))


def open_form(ctx: Ctx, form_id: str = "") -> list[Reply]:
    opener = OPENERS.get(form_id)
    return opener(ctx, "") if opener else [Reply(render("already_handled"))]


ACTIONS = {OPEN_FORM: open_form}
