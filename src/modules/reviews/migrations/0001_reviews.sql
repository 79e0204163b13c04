-- Reviews (评价). The module keeps its own copy of the order lines it may be asked to review,
-- built from commerce's events (it never reads commerce's tables): which lines an order has, who
-- bought them, and how far the order got (only delivered or completed lines are reviewable).
CREATE TABLE reviews_orders (
  order_id text PRIMARY KEY,
  user_id text NOT NULL,
  store_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'delivered', 'completed', 'cancelled')),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_orders_user ON reviews_orders (user_id, status);

CREATE TABLE reviews_lines (
  order_id text NOT NULL REFERENCES reviews_orders (order_id),
  line_no int NOT NULL,
  product_id text NOT NULL,
  sku_id text NOT NULL,
  title text NOT NULL,
  quantity int NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- One review per order line (the unique key is the rule "once per line"); the follow-up (追评),
-- the store's reply and the moderation are columns because each happens at most once.
CREATE TABLE reviews (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  line_no int NOT NULL,
  user_id text NOT NULL,
  store_id text NOT NULL,
  product_id text NOT NULL,
  sku_id text NOT NULL,
  title text NOT NULL,
  goods smallint NOT NULL CHECK (goods BETWEEN 1 AND 5),
  logistics smallint NOT NULL CHECK (logistics BETWEEN 1 AND 5),
  service smallint NOT NULL CHECK (service BETWEEN 1 AND 5),
  text text NOT NULL DEFAULT '',
  image_ids text[] NOT NULL DEFAULT '{}',
  anonymous boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  follow_up_text text,
  follow_up_image_ids text[],
  follow_up_at timestamptz,
  reply_text text,
  reply_by text,
  replied_at timestamptz,
  hidden_reason text,
  hidden_by text,
  hidden_at timestamptz,
  UNIQUE (order_id, line_no),
  CHECK ((follow_up_at IS NULL) = (follow_up_text IS NULL)),
  CHECK ((replied_at IS NULL) = (reply_text IS NULL)),
  CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL))
);
CREATE INDEX reviews_product ON reviews (product_id, created_at DESC, id DESC) WHERE hidden_at IS NULL;
CREATE INDEX reviews_store ON reviews (store_id, created_at DESC, id DESC);
CREATE INDEX reviews_user ON reviews (user_id, created_at DESC, id DESC);
