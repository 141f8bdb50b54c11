"""Benchmarks of microcoach (fan-out through the real worker, Slack request load); run with `python -m benchmarks`."""
