-- What shoppers searched for: the text normalised (folded, spaces collapsed), who (null when
-- signed out), how many results it had. Feeds popular-query suggestions and, later, insights.
CREATE TABLE search_queries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  q text NOT NULL,
  user_id text,
  results integer NOT NULL CHECK (results >= 0),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_queries_at ON search_queries (at);

-- The index's change log: each catalog or content event a search consumer handled names the
-- documents to re-read, in the handler's transaction (so a handled event is never lost). The
-- index applies them in seq order and its snapshot records the last seq applied: a restart
-- restores the snapshot and replays only what came after. Rows a snapshot covers are pruned.
CREATE TABLE search_changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  doc text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
