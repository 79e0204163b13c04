-- Experience score (商家体验分) and creator reputation (带货口碑分). Facts copied from other modules'
-- events, each row keyed by the event's natural id so a redelivered event changes nothing.

-- One row per order: when it was paid, picked up, delivered (commerce.order.paid|picked_up|delivered).
CREATE TABLE experience_fulfilment (
  order_id text PRIMARY KEY,
  store_id text NOT NULL,
  paid_at timestamptz,
  picked_up_at timestamptz,
  delivered_at timestamptz
);
CREATE INDEX experience_fulfilment_store ON experience_fulfilment (store_id, paid_at);

-- reviews.review.created: the goods stars (≤ 2 is a negative review).
CREATE TABLE experience_reviews (
  review_id text PRIMARY KEY,
  store_id text NOT NULL,
  order_id text NOT NULL,
  goods smallint NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX experience_reviews_store ON experience_reviews (store_id, at);

-- commerce.after_sales.*: a case's reason and what became of it.
CREATE TABLE experience_cases (
  case_id text PRIMARY KEY,
  store_id text NOT NULL,
  order_id text NOT NULL,
  reason text NOT NULL,
  opened_at timestamptz,
  decided_at timestamptz,
  rejected boolean NOT NULL DEFAULT false,
  escalated_at timestamptz,
  refunded_at timestamptz
);
CREATE INDEX experience_cases_store ON experience_cases (store_id);
CREATE INDEX experience_cases_order ON experience_cases (order_id);

-- care.ticket.opened / escalated: service tickets about a store (category logistics: a shipping complaint).
CREATE TABLE experience_tickets (
  ticket_id text PRIMARY KEY,
  store_id text,
  order_id text,
  category text,
  opened_at timestamptz,
  escalated_at timestamptz
);
CREATE INDEX experience_tickets_store ON experience_tickets (store_id);
CREATE INDEX experience_tickets_order ON experience_tickets (order_id);

-- care.ticket.replied: one row per reply event (IM response time).
CREATE TABLE experience_replies (
  event_id text PRIMARY KEY,
  store_id text NOT NULL,
  response_ms bigint NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX experience_replies_store ON experience_replies (store_id, at);

-- The score of each store per day (the latest computation of that day), kept as history.
CREATE TABLE experience_store_scores (
  store_id text NOT NULL,
  day date NOT NULL,
  score numeric(6, 2),
  reason text,
  category_id text,
  peer_group text,
  peers int NOT NULL DEFAULT 0,
  orders int NOT NULL DEFAULT 0,
  dimensions jsonb NOT NULL,
  metrics jsonb NOT NULL,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (store_id, day)
);
CREATE INDEX experience_store_scores_day ON experience_store_scores (day, score);
