-- Experience: NPS surveys. The module keeps its own copy of the facts it needs from other
-- modules' events (it never reads their tables): who bought what in which store and category
-- (commerce.order.created), which creators sold an order (alliance.commission.accrued).
CREATE TABLE experience_orders (
  order_id text PRIMARY KEY,
  user_id text NOT NULL,
  store_id text NOT NULL,
  -- The first line's title and product, and how many lines: what a survey card says it is about.
  -- Empty when a delivery was heard of before the order itself (events arrive in any order).
  title text NOT NULL DEFAULT '',
  first_product_id text,
  line_count int NOT NULL DEFAULT 0,
  -- Leaf categories of the goods, at the time of purchase.
  category_ids text[] NOT NULL DEFAULT '{}'
);

-- One row per creator credited with a line of the order (an order may carry several creators' goods).
CREATE TABLE experience_order_creators (
  order_id text NOT NULL,
  creator_id text NOT NULL,
  PRIMARY KEY (order_id, creator_id)
);
CREATE INDEX experience_order_creators_creator ON experience_order_creators (creator_id);

-- A transactional survey: one per trigger (the unique key makes redelivered events harmless),
-- answered at most once (the answer is columns, set by a conditional update).
CREATE TABLE experience_surveys (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('order', 'service')),
  -- The order id (kind order) or the ticket id (kind service).
  trigger_id text NOT NULL,
  user_id text NOT NULL,
  store_id text,
  order_id text,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  score smallint CHECK (score BETWEEN 0 AND 10),
  comment text,
  answered_at timestamptz,
  UNIQUE (kind, trigger_id),
  CHECK ((score IS NULL) = (answered_at IS NULL))
);
CREATE INDEX experience_surveys_user ON experience_surveys (user_id, issued_at DESC);
CREATE INDEX experience_surveys_answered ON experience_surveys (answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX experience_surveys_store ON experience_surveys (store_id, answered_at) WHERE answered_at IS NOT NULL;

-- Triggers that issued nothing, and why (the frequency cap): operators see how many surveys the
-- cap held back, and a redelivered trigger is recognised as already handled.
CREATE TABLE experience_survey_skips (
  kind text NOT NULL CHECK (kind IN ('order', 'service')),
  trigger_id text NOT NULL,
  user_id text NOT NULL,
  store_id text,
  order_id text,
  reason text NOT NULL CHECK (reason IN ('capped')),
  at timestamptz NOT NULL,
  PRIMARY KEY (kind, trigger_id)
);
CREATE INDEX experience_survey_skips_at ON experience_survey_skips (at);

-- The frequency cap: when each user was last sent a survey. Issuing is a conditional upsert of
-- this row, so two triggers handled at once for one user cannot both pass the cap.
CREATE TABLE experience_survey_caps (
  user_id text PRIMARY KEY,
  last_issued_at timestamptz NOT NULL
);
