-- Cart: one row per (shopper, SKU); prices are never stored here, they are read at checkout.
CREATE TABLE cart_items (
  user_id text NOT NULL,
  sku_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  source_type text,
  source_id text,
  added_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, sku_id)
);

-- One checkout per (shopper, Idempotency-Key): a repeat returns the stored result.
CREATE TABLE checkouts (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  total_fen bigint NOT NULL,
  result jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, idempotency_key)
);

CREATE TABLE orders (
  id text PRIMARY KEY,
  checkout_id text NOT NULL REFERENCES checkouts (id),
  user_id text NOT NULL,
  store_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('created', 'paid', 'shipped', 'delivered', 'completed', 'cancelled')),
  goods_fen bigint NOT NULL CHECK (goods_fen >= 0),
  discount_fen bigint NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
  shipping_fen bigint NOT NULL DEFAULT 0 CHECK (shipping_fen >= 0),
  pay_fen bigint NOT NULL CHECK (pay_fen >= 0),
  currency text NOT NULL DEFAULT 'CNY',
  source_type text NOT NULL,
  source_id text,
  payment_intent_id text,
  pay_url text,
  pay_deadline timestamptz NOT NULL,
  paid_at timestamptz,
  shipped_at timestamptz,
  carrier text,
  tracking_no text,
  cancelled_at timestamptz,
  cancel_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (pay_fen = goods_fen - discount_fen + shipping_fen)
);
CREATE INDEX orders_user ON orders (user_id, created_at DESC);
CREATE INDEX orders_store ON orders (store_id, status, created_at DESC);
CREATE INDEX orders_checkout ON orders (checkout_id);

CREATE TABLE order_lines (
  order_id text NOT NULL REFERENCES orders (id),
  line_no integer NOT NULL,
  sku_id text NOT NULL,
  product_id text NOT NULL,
  title text NOT NULL,
  option_values jsonb NOT NULL,
  image_id text,
  unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
  quantity integer NOT NULL CHECK (quantity > 0),
  line_fen bigint NOT NULL CHECK (line_fen = unit_price_fen * quantity),
  flash_sale_id text,
  no_reason_return boolean NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- Every state change of an order, with who did it and why.
CREATE TABLE order_transitions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  from_status text,
  to_status text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('buyer', 'merchant', 'system', 'operator', 'carrier')),
  actor_id text,
  reason text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_transitions_order ON order_transitions (order_id, id);

-- Stock held for an unpaid order: taken from the SKU's available stock at checkout, committed on
-- payment, given back on cancel or when the payment deadline passes.
CREATE TABLE stock_reservations (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  sku_id text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  -- Flash-sale units are held by the sale's own unit rows, not by the SKU's stock.
  flash_sale_id text,
  status text NOT NULL CHECK (status IN ('held', 'committed', 'released')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);
CREATE INDEX stock_reservations_held ON stock_reservations (expires_at) WHERE status = 'held';
CREATE INDEX stock_reservations_order ON stock_reservations (order_id);
