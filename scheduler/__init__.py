"""When things happen: schedules become outbox rows (the tick), rows become paced deliveries (the deliverer)."""
