-- The operator's distribution settings (objective values, traffic pools, diversity rules): one row.
CREATE TABLE feed_settings (
  id int PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
