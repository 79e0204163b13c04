-- Which process wrote a client batch (its writer's origin id; NULL for server facts and imports).
-- The process that wrote a row hands it to its own engine at commit, so its tail of the log skips
-- its own rows instead of reading them back: on PGlite that read-back cost a third of ingest.
ALTER TABLE feed_events ADD COLUMN origin text;
