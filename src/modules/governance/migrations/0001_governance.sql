-- Governance (治理): reports about goods, videos, live rooms and stores; the operators' decisions;
-- penalties on stores with their appeal; and the latest experience score of each store (learnt
-- from experience's `experience.store_score.updated`), which gates the alliance.
CREATE TABLE governance_reports (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  target_type text NOT NULL CHECK (target_type IN ('product', 'video', 'live_room', 'store')),
  target_id text NOT NULL,
  store_id text,
  reason text NOT NULL CHECK (reason IN ('not_as_shown', 'false_claim', 'counterfeit', 'other')),
  text text NOT NULL DEFAULT '',
  order_id text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
  decided_by text,
  decided_at timestamptz,
  note text,
  penalty_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_reports_user ON governance_reports (user_id, created_at DESC);
CREATE INDEX governance_reports_target ON governance_reports (target_type, target_id, status);
CREATE INDEX governance_reports_status ON governance_reports (status, created_at);

-- A penalty's status: active (in effect until ends_at, if any; shown as expired after it),
-- appealed (the store's one appeal waits for an operator; still in effect), revoked (an accepted
-- appeal: no effect).
CREATE TABLE governance_penalties (
  id text PRIMARY KEY,
  store_id text NOT NULL,
  report_id text REFERENCES governance_reports (id),
  kind text NOT NULL CHECK (kind IN ('warning', 'points', 'reduced_reach', 'takedown', 'alliance_suspension')),
  points int NOT NULL DEFAULT 0,
  factor real NOT NULL DEFAULT 1,
  product_id text,
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'appealed', 'revoked')),
  starts_at timestamptz NOT NULL DEFAULT now(),
  ends_at timestamptz,
  created_by text NOT NULL,
  appeal_text text,
  appealed_at timestamptz,
  appeal_outcome text CHECK (appeal_outcome IN ('accepted', 'rejected')),
  appeal_note text,
  appeal_decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_penalties_store ON governance_penalties (store_id, created_at DESC);

CREATE TABLE governance_store_scores (
  store_id text PRIMARY KEY,
  score real,
  computed_at timestamptz NOT NULL
);
