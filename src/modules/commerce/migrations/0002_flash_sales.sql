-- Flash sales (秒杀): a time-boxed price and quantity on one SKU. The quantity is taken from the
-- SKU's stock when the sale is created and cut into one row per unit, so that thousands of
-- buyers at the same second never queue on one hot row: each checkout claims free units with
-- FOR UPDATE SKIP LOCKED, skipping units that others are claiming at that instant.
CREATE TABLE flash_sales (
  id text PRIMARY KEY,
  store_id text NOT NULL,
  sku_id text NOT NULL,
  price_fen bigint NOT NULL CHECK (price_fen >= 0),
  quantity integer NOT NULL CHECK (quantity > 0),
  per_buyer_limit integer NOT NULL CHECK (per_buyer_limit > 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'ended', 'cancelled')),
  returned integer NOT NULL DEFAULT 0 CHECK (returned >= 0),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flash_sales_store ON flash_sales (store_id, starts_at DESC);

CREATE TABLE flash_sale_units (
  sale_id text NOT NULL REFERENCES flash_sales (id),
  unit_no integer NOT NULL,
  order_id text,
  claimed_at timestamptz,
  PRIMARY KEY (sale_id, unit_no)
);
CREATE INDEX flash_sale_units_free ON flash_sale_units (sale_id, unit_no) WHERE order_id IS NULL;
CREATE INDEX flash_sale_units_order ON flash_sale_units (order_id) WHERE order_id IS NOT NULL;

-- Units each buyer holds in a sale: the per-buyer limit, checked by a conditional upsert.
CREATE TABLE flash_sale_buyers (
  sale_id text NOT NULL REFERENCES flash_sales (id),
  user_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (sale_id, user_id)
);
