"""A member's data rights (see, export, delete) and the small-group rules every admin number obeys."""
