-- Visitors as 64-bit hashes of the viewer's key (hashtextextended: collisions are negligible at
-- millions of viewers), and each store's visitors per day as a counter raised by the rows that are
-- new: the biggest store of the benchmark spent a third of its dashboard counting visitor rows.
CREATE TABLE insights_store_visitors (
  store_id text NOT NULL,
  day date NOT NULL,
  actor bigint NOT NULL,
  PRIMARY KEY (store_id, day, actor)
);
INSERT INTO insights_store_visitors (store_id, day, actor) SELECT store_id, day, hashtextextended(actor, 0) FROM insights_visitors ON CONFLICT DO NOTHING;
CREATE TABLE insights_visitor_days (
  store_id text NOT NULL,
  day date NOT NULL,
  visitors int NOT NULL DEFAULT 0,
  PRIMARY KEY (store_id, day)
);
INSERT INTO insights_visitor_days (store_id, day, visitors) SELECT store_id, day, count(*) FROM insights_store_visitors GROUP BY store_id, day;
DROP TABLE insights_visitors;

-- Each viewer's last visit to each store: distinct visitors over a range that reaches the store's
-- latest visits (the usual "last N days") is a count of the viewers last seen on or after its first
-- day, read from an index, instead of de-duplicating every visit of the range.
CREATE TABLE insights_last_visits (
  store_id text NOT NULL,
  actor bigint NOT NULL,
  last_day date NOT NULL,
  PRIMARY KEY (store_id, actor)
);
CREATE INDEX insights_last_visits_day ON insights_last_visits (store_id, last_day);
INSERT INTO insights_last_visits (store_id, actor, last_day) SELECT store_id, actor, max(day) FROM insights_store_visitors GROUP BY store_id, actor;
