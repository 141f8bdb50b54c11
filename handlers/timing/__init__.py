"""Time arithmetic: recurrence of schedules, time zones, what is due for whom, calendar months."""
