"""The check-in: the dialogue, its buttons, a member's preferences and settings form, the App Home."""
