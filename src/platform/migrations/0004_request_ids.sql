-- The request an event or a job was made under (logs follow it across processes; context.ts).
ALTER TABLE outbox ADD COLUMN request_id text;
ALTER TABLE jobs ADD COLUMN request_id text;
