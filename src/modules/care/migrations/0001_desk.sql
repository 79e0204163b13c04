-- The service desk (客服): agents, tickets with their conversation and history, agents' money
-- actions (compensation within their authority, or waiting for a supervisor) and SLA alerts.

-- Who answers: a store's agents (store_id set) or the platform's (store_id null). Tier sets the
-- authority (money an agent may pay out on the spot); skills are the ticket categories taken.
CREATE TABLE care_agents (
  user_id text PRIMARY KEY,
  store_id text,
  tier smallint NOT NULL CHECK (tier BETWEEN 1 AND 3),
  skills text[] NOT NULL,
  max_open integer NOT NULL CHECK (max_open > 0),
  active boolean NOT NULL DEFAULT true,
  last_assigned_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_agents_store ON care_agents (store_id);

CREATE TABLE care_tickets (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  store_id text,
  order_id text,
  room_id text,
  origin text NOT NULL CHECK (origin IN ('order', 'live', 'store', 'help')),
  subject text NOT NULL,
  category text NOT NULL,
  urgency text NOT NULL,
  triage jsonb NOT NULL,
  queue text NOT NULL CHECK (queue IN ('store', 'platform')),
  status text NOT NULL CHECK (status IN ('open', 'assigned', 'resolved', 'closed')),
  assignee_id text,
  first_response_due timestamptz NOT NULL,
  resolve_due timestamptz NOT NULL,
  first_response_at timestamptz,
  -- The oldest shopper message no agent has answered yet: a reply's response time runs from it.
  awaiting_since timestamptz,
  breached text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX care_tickets_user ON care_tickets (user_id, created_at DESC);
CREATE INDEX care_tickets_queue ON care_tickets (queue, store_id, status, created_at);
CREATE INDEX care_tickets_assignee ON care_tickets (assignee_id, status);
-- One open conversation per shopper and order: opening another returns it.
CREATE UNIQUE INDEX care_tickets_open_order ON care_tickets (user_id, order_id) WHERE order_id IS NOT NULL AND status <> 'closed';

CREATE TABLE care_messages (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES care_tickets (id),
  author_id text,
  author_kind text NOT NULL CHECK (author_kind IN ('shopper', 'agent', 'system')),
  body text NOT NULL,
  -- A system message's machine form (assigned, escalated, compensated…), for the apps to word.
  event jsonb,
  -- For an agent's reply to a waiting shopper: how long the shopper waited.
  response_ms bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_messages_ticket ON care_messages (ticket_id, created_at, id);

CREATE TABLE care_ticket_log (
  id bigserial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES care_tickets (id),
  from_status text,
  to_status text NOT NULL,
  actor_id text,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_ticket_log_ticket ON care_ticket_log (ticket_id, id);

-- An agent's compensation: done at once within the agent's tier limits, else waiting for a
-- supervisor. Idempotent by (ticket, Idempotency-Key). day is the agent's day (UTC) for the
-- daily limit.
CREATE TABLE care_actions (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES care_tickets (id),
  order_id text NOT NULL,
  agent_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  funded_by text NOT NULL CHECK (funded_by IN ('platform', 'store')),
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('done', 'pending', 'rejected')),
  over text,
  compensation_id text,
  decided_by text,
  decided_at timestamptz,
  decision_note text,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  day date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_id, idempotency_key)
);
CREATE INDEX care_actions_agent_day ON care_actions (agent_id, day);
CREATE INDEX care_actions_pending ON care_actions (status, created_at) WHERE status = 'pending';

CREATE TABLE care_alerts (
  id text PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES care_tickets (id),
  store_id text,
  kind text NOT NULL CHECK (kind IN ('first_response', 'resolve')),
  assignee_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_by text,
  acknowledged_at timestamptz,
  UNIQUE (ticket_id, kind)
);
CREATE INDEX care_alerts_open ON care_alerts (store_id, created_at) WHERE acknowledged_at IS NULL;
