-- Campaigns (平台活动, 扶持计划): operators' platform events and support programmes, the goods stores
-- enrol in them, and the campaign's own copy of the sales of enrolled goods (learnt from commerce's
-- events) from which its results are summed.
--
-- A campaign is scheduled until starts_at, active until ends_at, then ended; cancelled_at marks one
-- called off before it started (ending one early moves ends_at to that moment). `live` is what the
-- module last published to distribution and search (campaigns.boost.changed): the sweep flips it
-- when the clock passes starts_at or ends_at.
CREATE TABLE campaigns (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('event', 'programme')),
  name_zh text NOT NULL,
  name_en text,
  description text NOT NULL DEFAULT '',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  category_ids text[] NOT NULL DEFAULT '{}',
  min_store_score real,
  max_price_fen bigint CHECK (max_price_fen >= 0),
  boost real NOT NULL CHECK (boost > 1),
  cancelled_at timestamptz,
  ended_early_at timestamptz,
  live boolean NOT NULL DEFAULT false,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX campaigns_window ON campaigns (ends_at, starts_at);

-- One row per (campaign, product): enrolled (boosted while the campaign is active), suspended
-- (reason price_raised: its lowest price rose above price_fen, the lowest at enrolment) or withdrawn.
CREATE TABLE campaign_enrolments (
  campaign_id text NOT NULL REFERENCES campaigns (id),
  product_id text NOT NULL,
  store_id text NOT NULL,
  status text NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'suspended', 'withdrawn')),
  reason text CHECK (reason IN ('price_raised')),
  price_fen bigint NOT NULL CHECK (price_fen >= 0),
  enrolled_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, product_id)
);
CREATE INDEX campaign_enrolments_product ON campaign_enrolments (product_id);
CREATE INDEX campaign_enrolments_store ON campaign_enrolments (store_id, created_at DESC);

-- Sales of enrolled goods bought while their campaign was active, one row per (order, campaign):
-- what was paid for those lines, their units, whether the order was paid, and what was refunded
-- of them (a refund of the order is shared pro rata by what the campaign's lines paid).
CREATE TABLE campaign_orders (
  order_id text NOT NULL,
  campaign_id text NOT NULL REFERENCES campaigns (id),
  store_id text NOT NULL,
  user_id text NOT NULL,
  order_pay_fen bigint NOT NULL,
  paid_fen bigint NOT NULL,
  units int NOT NULL,
  paid_at timestamptz,
  refunded_fen bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, campaign_id)
);
CREATE INDEX campaign_orders_campaign ON campaign_orders (campaign_id, store_id);

-- Each after-sales refund counted once per campaign (events arrive at least once).
CREATE TABLE campaign_refunds (
  case_id text NOT NULL,
  campaign_id text NOT NULL,
  order_id text NOT NULL,
  amount_fen bigint NOT NULL,
  PRIMARY KEY (case_id, campaign_id)
);
