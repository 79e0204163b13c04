-- Insights: the platform's figures, kept incrementally from other modules' events (orders, refunds,
-- pick-ups) and from the behaviour log (feed events, tailed with a cursor). Days are China days
-- (UTC+8, no daylight saving): a merchant's "today" starts at midnight in Beijing.

-- One row per order, from commerce.order.created / .paid / .cancelled and after-sales refunds.
-- Ids that reports count distinct are compared byte by byte (COLLATE "C"): a locale's collation
-- made those counts several times slower and ids have no language.
CREATE TABLE insights_orders (
  order_id text COLLATE "C" PRIMARY KEY,
  store_id text NOT NULL,
  buyer_id text COLLATE "C" NOT NULL,
  pay_fen bigint NOT NULL CHECK (pay_fen >= 0),
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  paid_day date,
  cancelled_at timestamptz,
  picked_up_at timestamptz,
  pay_to_pickup_seconds int
);
CREATE INDEX insights_orders_store_paid ON insights_orders (store_id, paid_day) WHERE paid_day IS NOT NULL;
CREATE INDEX insights_orders_paid ON insights_orders (paid_day) WHERE paid_day IS NOT NULL;

-- A paid message may arrive before the order's creation (consumers run in any order): kept here
-- until the order row exists.
CREATE TABLE insights_early_payments (
  order_id text PRIMARY KEY,
  paid_at timestamptz NOT NULL
);

-- One row per order line with where it was sold: the field (content / centre / other), the FACT
-- channel, and the creator and content behind it. paid_* copies the order's, for one-table reads.
CREATE TABLE insights_lines (
  order_id text COLLATE "C" NOT NULL,
  line_no int NOT NULL,
  store_id text NOT NULL,
  buyer_id text COLLATE "C" NOT NULL,
  product_id text NOT NULL,
  quantity int NOT NULL,
  paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
  field text NOT NULL CHECK (field IN ('content', 'centre', 'other')),
  channel text NOT NULL CHECK (channel IN ('F', 'A', 'C', 'T', 'N')),
  source_type text,
  source_id text,
  creator_id text,
  campaign_id text,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  paid_day date,
  PRIMARY KEY (order_id, line_no)
);
CREATE INDEX insights_lines_store_paid ON insights_lines (store_id, paid_day) WHERE paid_day IS NOT NULL;
CREATE INDEX insights_lines_content ON insights_lines (source_type, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX insights_lines_creator ON insights_lines (creator_id, paid_day) WHERE creator_id IS NOT NULL;

-- Refunds by case (a case refunds once; a repeat delivery changes nothing), on the day they happened.
CREATE TABLE insights_refunds (
  case_id text PRIMARY KEY,
  order_id text NOT NULL,
  store_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  at timestamptz NOT NULL,
  day date NOT NULL
);
CREATE INDEX insights_refunds_store ON insights_refunds (store_id, day);
CREATE INDEX insights_refunds_day ON insights_refunds (day);

-- Complaints (after-sales escalations and fault cases, service tickets), one per natural key.
CREATE TABLE insights_complaints (
  key text PRIMARY KEY,
  store_id text,
  day date NOT NULL
);
CREATE INDEX insights_complaints_day ON insights_complaints (day);

-- Traffic per item (video, live room, product) and China day, summed from the behaviour log.
CREATE TABLE insights_item_days (
  item_type text NOT NULL CHECK (item_type IN ('video', 'live', 'product')),
  item_id text NOT NULL,
  day date NOT NULL,
  store_id text,
  creator_id text,
  impressions bigint NOT NULL DEFAULT 0,
  views bigint NOT NULL DEFAULT 0,
  finishes bigint NOT NULL DEFAULT 0,
  watch_ms bigint NOT NULL DEFAULT 0,
  likes bigint NOT NULL DEFAULT 0,
  comments bigint NOT NULL DEFAULT 0,
  shares bigint NOT NULL DEFAULT 0,
  follows bigint NOT NULL DEFAULT 0,
  product_taps bigint NOT NULL DEFAULT 0,
  add_to_carts bigint NOT NULL DEFAULT 0,
  negatives bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (item_type, item_id, day)
);
CREATE INDEX insights_item_days_store ON insights_item_days (store_id, day) WHERE store_id IS NOT NULL;
CREATE INDEX insights_item_days_creator ON insights_item_days (creator_id, day) WHERE creator_id IS NOT NULL;

-- Traffic per store, China day and field (where the event happened): the dashboard's daily series
-- reads 30 rows per field instead of one per item.
CREATE TABLE insights_store_days (
  store_id text NOT NULL,
  day date NOT NULL,
  field text NOT NULL CHECK (field IN ('content', 'centre', 'other')),
  impressions bigint NOT NULL DEFAULT 0,
  views bigint NOT NULL DEFAULT 0,
  product_taps bigint NOT NULL DEFAULT 0,
  add_to_carts bigint NOT NULL DEFAULT 0,
  watch_ms bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (store_id, day, field)
);

-- Visitors (访客): who tapped or carted one of the store's goods on a day, once per day; distinct
-- over a range is counted from these rows (exact, not estimated).
CREATE TABLE insights_visitors (
  store_id text NOT NULL,
  day date NOT NULL,
  actor text COLLATE "C" NOT NULL,
  PRIMARY KEY (store_id, day, actor)
);

-- Video impressions per day, split by whether the author is a new creator (first video within the
-- configured days): the platform's new-creator exposure share.
CREATE TABLE insights_exposure_days (
  day date PRIMARY KEY,
  impressions bigint NOT NULL DEFAULT 0,
  new_creator_impressions bigint NOT NULL DEFAULT 0
);

-- When each creator published a first video (from content.video.published).
CREATE TABLE insights_creators (
  creator_id text PRIMARY KEY,
  first_video_at timestamptz NOT NULL
);

-- Live rooms minute by minute: concurrent viewers sampled from the live hub, and the viewers seen
-- in the behaviour log (distinct per minute).
CREATE TABLE insights_live_minutes (
  room_id text NOT NULL,
  minute timestamptz NOT NULL,
  online int NOT NULL DEFAULT 0,
  viewers int NOT NULL DEFAULT 0,
  PRIMARY KEY (room_id, minute)
);
CREATE TABLE insights_live_presence (
  room_id text NOT NULL,
  minute timestamptz NOT NULL,
  actor text NOT NULL,
  PRIMARY KEY (room_id, minute, actor)
);

-- Where the tail of the behaviour log stands; moved in the same transaction as the sums it fed.
CREATE TABLE insights_cursors (
  name text PRIMARY KEY,
  cursor text NOT NULL,
  events bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
