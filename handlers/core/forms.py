"""Forms where a form cannot open: the same form in one line, and a button that opens it (a press can)."""

from __future__ import annotations

from handlers.core.vocabulary import Button, Form, Reply
from prompts.messages import render

OPEN_FORM = "form:open"  # dispatch answers it by opening the form its id names


def in_words(form: Form) -> Reply:
    """A form said as a message: what it is, the one-line command, and a button to open the form itself.

    Slack opens a modal only with a trigger from a click or a slash command; a word typed in the DM has none.
    """
    text = render("form_in_words", language=form.language, title=form.title, example=form.inline_example or "")
    label = render("form_open_button", language=form.language)  # said by the edge, outside dispatch's speaking()
    return Reply(text, buttons=(Button(label, f"{OPEN_FORM}:{form.form_id}", style="primary"),))
