-- Sales by field and FACT channel without reading order lines at report time: each order keeps
-- bitmasks of the fields and channels its lines were sold in (bit i = FIELDS[i] / CHANNELS[i] of
-- attribution.ts), and paid GMV is summed per store, day, field and channel when the order is paid.
-- The biggest store of the benchmark spent most of its dashboard reading and de-duplicating lines.
ALTER TABLE insights_orders ADD COLUMN fields int NOT NULL DEFAULT 0;
ALTER TABLE insights_orders ADD COLUMN channels int NOT NULL DEFAULT 0;

CREATE TABLE insights_sales_days (
  store_id text NOT NULL,
  day date NOT NULL,
  field text NOT NULL,
  channel text NOT NULL,
  gmv_fen bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (store_id, day, field, channel)
);

-- The dashboard reads a store's paid orders from the index alone.
DROP INDEX insights_orders_store_paid;
CREATE INDEX insights_orders_store_paid ON insights_orders (store_id, paid_day) INCLUDE (buyer_id, pay_fen, fields, channels) WHERE paid_day IS NOT NULL;
