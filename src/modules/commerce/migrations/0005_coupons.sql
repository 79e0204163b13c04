-- Coupons: a template (who funds it, where it applies, what it takes off, when, how many) and the
-- copies shoppers claim into their wallet. The discount rules themselves live in pricing.ts.
CREATE TABLE coupons (
  id text PRIMARY KEY,
  -- Who pays for the discount: the platform (booked as coupon expense) or the store (the store's
  -- payable is simply credited less).
  funder text NOT NULL CHECK (funder IN ('platform', 'store')),
  -- Which goods it may touch: any store's, one store's, or one store's bought in one live room.
  scope text NOT NULL CHECK (scope IN ('platform', 'store', 'live_room')),
  store_id text,
  live_room_id text,
  kind text NOT NULL CHECK (kind IN ('amount', 'percent')),
  title text NOT NULL,
  threshold_fen bigint NOT NULL DEFAULT 0 CHECK (threshold_fen >= 0),
  amount_off_fen bigint CHECK (amount_off_fen > 0),
  percent_off_bps integer CHECK (percent_off_bps BETWEEN 1 AND 9999),
  max_off_fen bigint CHECK (max_off_fen > 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  total_quantity integer NOT NULL CHECK (total_quantity > 0),
  -- Claimed copies so far, raised only by a conditional update: never more than the quantity.
  claimed integer NOT NULL DEFAULT 0,
  per_user_limit integer NOT NULL CHECK (per_user_limit > 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  ended_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (claimed BETWEEN 0 AND total_quantity),
  CHECK ((scope = 'platform') = (store_id IS NULL)),
  CHECK ((scope = 'live_room') = (live_room_id IS NOT NULL)),
  -- A store funds only coupons for its own goods.
  CHECK (funder = 'platform' OR scope <> 'platform'),
  CHECK (
    (kind = 'amount' AND amount_off_fen IS NOT NULL AND percent_off_bps IS NULL AND max_off_fen IS NULL)
    OR (kind = 'percent' AND percent_off_bps IS NOT NULL AND amount_off_fen IS NULL)
  )
);
CREATE INDEX coupons_store ON coupons (store_id, created_at DESC) WHERE store_id IS NOT NULL;
CREATE INDEX coupons_platform ON coupons (created_at DESC) WHERE funder = 'platform';

-- A shopper's copies of a coupon: claimed → used (on a checkout) → claimed again if every order
-- it was used on is cancelled unpaid; expired once the window has passed unused (read as expired
-- when ends_at has passed, stored as such when a coupon comes back too late). `seq` numbers the
-- shopper's copies 1..per_user_limit, so the limit holds under concurrent claims.
CREATE TABLE user_coupons (
  id text PRIMARY KEY,
  coupon_id text NOT NULL REFERENCES coupons (id),
  user_id text NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  status text NOT NULL DEFAULT 'claimed' CHECK (status IN ('claimed', 'used', 'expired')),
  claimed_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  checkout_id text,
  CHECK ((status = 'used') = (checkout_id IS NOT NULL)),
  UNIQUE (coupon_id, user_id, seq)
);
CREATE INDEX user_coupons_wallet ON user_coupons (user_id, claimed_at DESC);

-- What each use of a coupon took off each order (a platform coupon spreads over a checkout's
-- orders). Kept after a coupon comes back (returned_at set), as the record of that use.
CREATE TABLE coupon_redemptions (
  user_coupon_id text NOT NULL REFERENCES user_coupons (id),
  order_id text NOT NULL REFERENCES orders (id),
  checkout_id text NOT NULL,
  discount_fen bigint NOT NULL CHECK (discount_fen >= 0),
  returned_at timestamptz,
  PRIMARY KEY (user_coupon_id, order_id)
);
CREATE INDEX coupon_redemptions_order ON coupon_redemptions (order_id);
