-- Commissions: one row per order line a creator's content sold under a plan, from the order's
-- creation to settlement. Orders, products and users are held by id only (commerce, catalog and
-- identity own them); the money itself lives in the ledger, this row says how much is where.
CREATE TABLE alliance_commissions (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  line_no integer NOT NULL,
  store_id text NOT NULL,
  product_id text NOT NULL,
  title text NOT NULL,
  buyer_id text NOT NULL,
  creator_id text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('feed_video', 'live_room', 'showcase')),
  content_id text NOT NULL,
  plan_id text NOT NULL REFERENCES alliance_plans (id),
  rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 1 AND 10000),
  flat_fee_fen bigint NOT NULL CHECK (flat_fee_fen >= 0),
  -- What the shopper paid for the line (after coupons), and for the whole order (refunds come
  -- per order and are shared out pro rata).
  paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
  order_pay_fen bigint NOT NULL CHECK (order_pay_fen >= 0),
  -- The line's base and commission now, after refunds.
  base_fen bigint NOT NULL CHECK (base_fen >= 0 AND base_fen <= paid_fen),
  commission_fen bigint NOT NULL CHECK (commission_fen >= 0),
  -- What sits in the creator's pending account for this row (0 until paid, and for withheld rows).
  accrued_fen bigint NOT NULL DEFAULT 0 CHECK (accrued_fen >= 0),
  service_fee_fen bigint NOT NULL DEFAULT 0 CHECK (service_fee_fen >= 0),
  status text NOT NULL CHECK (status IN ('unpaid', 'pending', 'withheld', 'settled', 'reversed', 'cancelled')),
  flag text CHECK (flag IN ('self_purchase', 'shared_address', 'shared_device')),
  touched_at timestamptz NOT NULL,
  settle_at timestamptz,
  settled_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (order_id, line_no),
  -- A flagged sale never reaches the creator's accounts; an unflagged one is never withheld.
  CHECK (flag IS NULL OR status IN ('unpaid', 'withheld', 'reversed', 'cancelled')),
  CHECK (status <> 'withheld' OR flag IS NOT NULL),
  CHECK (status IN ('pending', 'settled') OR accrued_fen = 0),
  CHECK ((status = 'settled') = (settled_at IS NOT NULL))
);
CREATE INDEX alliance_commissions_order ON alliance_commissions (order_id);
CREATE INDEX alliance_commissions_creator ON alliance_commissions (creator_id, created_at DESC, id DESC);
CREATE INDEX alliance_commissions_store ON alliance_commissions (store_id, creator_id);
CREATE INDEX alliance_commissions_due ON alliance_commissions (settle_at) WHERE status = 'pending';

-- Open after-sales cases per order: while one is open, the order's commissions do not settle.
CREATE TABLE alliance_order_holds (
  order_id text NOT NULL,
  case_id text NOT NULL,
  PRIMARY KEY (order_id, case_id)
);

-- Refunds per order, by case (the natural key makes a repeated event change nothing).
CREATE TABLE alliance_order_refunds (
  case_id text PRIMARY KEY,
  order_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  at timestamptz NOT NULL
);
CREATE INDEX alliance_order_refunds_order ON alliance_order_refunds (order_id);

-- Where each shopper's parcels go and the devices they shop on, as keyed prints (never the address
-- or the device id): a sale whose parcel goes where the creator's own parcels go, or bought on a
-- device the creator shops on, is withheld as a likely fake order.
CREATE TABLE alliance_ship_prints (
  user_id text NOT NULL,
  print text NOT NULL,
  first_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, print)
);

-- A creator's withdrawal of their settled balance, paid out through the payout provider (whose
-- payout's reference is this row's id). One per (creator, Idempotency-Key): a repeat returns it.
CREATE TABLE alliance_withdrawals (
  id text PRIMARY KEY,
  creator_id text NOT NULL,
  idempotency_key text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'paid', 'failed')),
  payout_id text,
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (creator_id, idempotency_key),
  CHECK ((status = 'processing') = (finished_at IS NULL))
);
CREATE INDEX alliance_withdrawals_creator ON alliance_withdrawals (creator_id, created_at DESC, id DESC);
