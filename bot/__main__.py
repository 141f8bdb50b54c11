"""`python -m bot` is the same as the `microcoach` command."""

from bot.cli import main

raise SystemExit(main())
