"""The program admin's tools: nudge schedules and their audience, reports and charts, workspace settings."""
