"""The chat markup helpers Slack, Teams and the console share (bot.markup)."""

from __future__ import annotations

from bot.console_view import plain
from bot.markup import bold_as, button_rows, emphasis_as_plain, unescape
from bot.slack.render import action_blocks
from bot.teams.cards import markdown, reply_card
from handlers.core.vocabulary import Button, Reply
from prompts.messages import escape


def test_unescape_undoes_slack_s_escapes_once():
    assert unescape("a &lt;b&gt; &amp; c") == "a <b> & c"
    assert unescape("&amp;lt;") == "&lt;"  # the & went in last, so it comes out last: no double unescape
    assert unescape(escape("Tom & <Jerry>")) == "Tom & <Jerry>"


def test_bold_spans_take_each_platform_s_marker():
    assert bold_as("a *bold* word", "**") == "a **bold** word"
    assert bold_as("a *bold* word", "") == "a bold word"
    assert bold_as("2*3*4 and * loose *", "**") == "2*3*4 and * loose *"  # inside a word, or spaced: not bold


def test_emphasis_as_plain_drops_bold_and_italic_marks():
    assert emphasis_as_plain("*Today* at _8:30_ in snake_case") == "Today at 8:30 in snake_case"


def test_button_rows_keep_the_handler_s_grouping_and_order():
    yes, no = Button("Yes", "y"), Button("No", "n")
    later, stop = Button("Later", "l", row=1), Button("Stop", "s", row=-1)
    assert button_rows([yes, later, no, stop]) == [(stop,), (yes, no), (later,)]
    assert button_rows([]) == []


def test_every_adapter_renders_through_the_shared_helpers():
    buttons = (Button("Yes", "y"), Button("Later", "l", row=1))
    assert [len(block["elements"]) for block in action_blocks(buttons)] == [1, 1]
    card = reply_card(Reply("*Hi* &amp; welcome", buttons=buttons), "k1")
    assert [len(item["actions"]) for item in card["body"] if item["type"] == "ActionSet"] == [1, 1]
    assert markdown("*Hi* &amp; welcome") == "**Hi** & welcome"
    assert plain("*Hi* &amp; _welcome_") == "Hi & welcome"
