"""Peer coaching: the request, offers to coaches, the roster, matching and a member's role and department."""
