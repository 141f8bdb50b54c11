"""One install is one welcome, even when two events for it race (Teams sends installationUpdate and
conversationUpdate together; both greet)."""

from __future__ import annotations

from handlers.dispatch import context_for
from handlers.helptext import welcome
from handlers.messages import Actor, Incoming


def test_two_racing_first_events_welcome_once(store, now):
    actor = Actor("teams", "tenant-1", "29:lee", display_name="Jordan Lee")
    # Both contexts are read before either greets, as two activities handled at the same moment would be.
    install = context_for(Incoming(actor, "install"), store, now)
    members_added = context_for(Incoming(actor, "install"), store, now)
    assert not install.member.welcomed and not members_added.member.welcomed
    greetings = welcome(install) + welcome(members_added)
    assert len(greetings) == 1 and "what is kept" in greetings[0].text.lower()
