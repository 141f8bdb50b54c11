"""The coaching logic, platform-neutral: (Incoming, Store, now) -> list[Reply]."""
