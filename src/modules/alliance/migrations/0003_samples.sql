-- Free samples (寄样): a creator asks a store for a sample of goods whose plan offers them; the
-- store decides within a few days (else the request lapses), then ships it with a tracked parcel
-- (logistics follows it as ref_type 'alliance_sample'). After a rejection the creator waits a
-- cool-down before asking for the same goods again.
CREATE TABLE alliance_samples (
  id text PRIMARY KEY,
  plan_id text NOT NULL REFERENCES alliance_plans (id),
  product_id text NOT NULL,
  store_id text NOT NULL,
  creator_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'shipped', 'delivered')),
  note text NOT NULL DEFAULT '',
  reason text,
  created_at timestamptz NOT NULL,
  -- Past this, a pending request has lapsed (reads show it as lapsed; a decision is refused).
  decide_by timestamptz NOT NULL,
  decided_by text,
  decided_at timestamptz,
  carrier text,
  tracking_no text,
  shipped_at timestamptz,
  delivered_at timestamptz,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status IN ('shipped', 'delivered')) = (shipped_at IS NOT NULL))
);
CREATE INDEX alliance_samples_store ON alliance_samples (store_id, created_at DESC, id DESC);
CREATE INDEX alliance_samples_creator ON alliance_samples (creator_id, product_id, created_at DESC);
