-- Each api process keeps in-memory state (the distribution engine's items, reach factors) in
-- step with the other modules by reading the outbox in commit-safe order: (tx, seq) with only
-- transactions older than every running one, as the behaviour log is read (feed/events.ts).
ALTER TABLE outbox ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX outbox_tail ON outbox (tx, seq);
