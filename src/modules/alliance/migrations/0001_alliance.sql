-- Alliance (精选联盟): merchants' commission plans on their goods, creators' applications to gated
-- plans, creators' showcases (橱窗), and the market's copy of catalog facts. Products, stores and
-- users are held by id only (they belong to catalog and identity).

-- A commission plan on one product. Open plans are for every creator (optionally after approval);
-- targeted and exclusive plans name one creator. The rate lives in alliance_plan_rates, as steps.
CREATE TABLE alliance_plans (
  id text PRIMARY KEY,
  product_id text NOT NULL,
  store_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('open', 'targeted', 'exclusive')),
  creator_id text,
  approval_required boolean NOT NULL DEFAULT false,
  free_samples boolean NOT NULL DEFAULT false,
  -- A targeted or exclusive plan may add a flat fee per order (坑位费 style), in fen.
  flat_fee_fen bigint NOT NULL DEFAULT 0 CHECK (flat_fee_fen >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  ended_by text,
  ended_at timestamptz,
  CHECK ((kind = 'open') = (creator_id IS NULL)),
  CHECK (kind = 'open' OR NOT approval_required),
  CHECK (kind <> 'open' OR flat_fee_fen = 0),
  CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
-- One live open plan and one live exclusive plan per product, one targeted plan per creator; the
-- exclusive-versus-others rule is checked under a per-product advisory lock (plans.ts).
CREATE UNIQUE INDEX alliance_plans_one_open ON alliance_plans (product_id) WHERE status = 'active' AND kind = 'open';
CREATE UNIQUE INDEX alliance_plans_one_exclusive ON alliance_plans (product_id) WHERE status = 'active' AND kind = 'exclusive';
CREATE UNIQUE INDEX alliance_plans_one_targeted ON alliance_plans (product_id, creator_id) WHERE status = 'active' AND kind = 'targeted';
CREATE INDEX alliance_plans_product ON alliance_plans (product_id) WHERE status = 'active';
CREATE INDEX alliance_plans_store ON alliance_plans (store_id, created_at DESC, id DESC);
CREATE INDEX alliance_plans_creator ON alliance_plans (creator_id) WHERE status = 'active' AND creator_id IS NOT NULL;

-- Rate steps: never updated in place (except to mark a pending step superseded), so the rate in
-- force at any time can be read back. A cut is a step whose effective_at lies in the future.
CREATE TABLE alliance_plan_rates (
  plan_id text NOT NULL REFERENCES alliance_plans (id),
  seq integer NOT NULL,
  rate_bps integer NOT NULL CHECK (rate_bps BETWEEN 1 AND 10000),
  set_by text NOT NULL,
  set_at timestamptz NOT NULL,
  effective_at timestamptz NOT NULL CHECK (effective_at >= set_at),
  superseded_at timestamptz,
  PRIMARY KEY (plan_id, seq)
);
CREATE INDEX alliance_plan_rates_in_force ON alliance_plan_rates (plan_id, effective_at DESC) WHERE superseded_at IS NULL;

-- A creator's request to sell under an open plan that requires approval; the store decides.
CREATE TABLE alliance_applications (
  id text PRIMARY KEY,
  plan_id text NOT NULL REFERENCES alliance_plans (id),
  store_id text NOT NULL,
  product_id text NOT NULL,
  creator_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  reason text,
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- A creator has at most one live (pending or approved) application per plan; after a rejection
-- they may apply again (a cool-down is for a later slice).
CREATE UNIQUE INDEX alliance_applications_live ON alliance_applications (plan_id, creator_id) WHERE status IN ('pending', 'approved');
CREATE INDEX alliance_applications_store ON alliance_applications (store_id, status, created_at DESC, id DESC);
CREATE INDEX alliance_applications_creator ON alliance_applications (creator_id, plan_id);

-- Goods in a creator's showcase (橱窗): what they may carry in videos and live rooms.
CREATE TABLE alliance_showcase (
  creator_id text NOT NULL,
  product_id text NOT NULL,
  store_id text NOT NULL,
  added_at timestamptz NOT NULL,
  PRIMARY KEY (creator_id, product_id)
);
CREATE INDEX alliance_showcase_list ON alliance_showcase (creator_id, added_at DESC, product_id);

-- The market's copy of catalog's facts about goods with a live plan (title, category, lowest
-- price, units sold, on sale), kept current from catalog's events, so the market can filter and
-- sort with its own indexes instead of reading catalog's tables.
CREATE TABLE alliance_offers (
  product_id text PRIMARY KEY,
  store_id text NOT NULL,
  category_id text NOT NULL,
  title text NOT NULL,
  min_price_fen bigint NOT NULL,
  sold integer NOT NULL DEFAULT 0,
  on_sale boolean NOT NULL,
  refreshed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alliance_offers_sold ON alliance_offers (sold DESC, product_id) WHERE on_sale;
CREATE INDEX alliance_offers_price ON alliance_offers (min_price_fen, product_id) WHERE on_sale;
CREATE INDEX alliance_offers_category ON alliance_offers (category_id, sold DESC) WHERE on_sale;
CREATE INDEX alliance_offers_store ON alliance_offers (store_id);
