-- After-sales (售后): a case on a paid order — refund only (仅退款) or return and refund (退货退款) —
-- moving through the state machine in after-sales/state.ts; every transition is recorded with
-- its actor. Money is never stored as a balance here: the ledger holds it. These tables keep what
-- the ledger postings are derived from (each line's refunded units and money shares), so a
-- refund can always be recomputed and explained.
CREATE TABLE after_sales_cases (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  user_id text NOT NULL,
  store_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('refund_only', 'return_refund')),
  status text NOT NULL CHECK (status IN ('requested', 'rejected', 'escalated', 'awaiting_return', 'return_shipped', 'refunding', 'refunded', 'closed')),
  reason text NOT NULL CHECK (reason IN ('no_reason', 'quality', 'wrong_item', 'not_received', 'damaged', 'other')),
  note text NOT NULL DEFAULT '',
  -- The refund asked for and granted (never more than the lines' paid share still unrefunded).
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  -- The order's status when the case was opened: 'paid' means before shipping (whole order, at once).
  order_status text NOT NULL,
  -- Merchant's reply (reject reason) and when it is due before the system approves.
  reply_deadline timestamptz,
  merchant_reply text,
  rejected_at timestamptz,
  escalate_by timestamptz,
  escalation_note text,
  escalated_at timestamptz,
  decided_by text,
  decision_approve boolean,
  decision_note text,
  decided_at timestamptz,
  -- The buyer's return parcel, due by return_due.
  return_due timestamptz,
  return_carrier text,
  return_tracking_no text,
  return_shipped_at timestamptz,
  return_received_at timestamptz,
  -- Return postage: what the buyer claimed and what the store pays (merchant's fault, capped).
  postage_claimed_fen bigint NOT NULL DEFAULT 0 CHECK (postage_claimed_fen >= 0),
  postage_paid_fen bigint NOT NULL DEFAULT 0 CHECK (postage_paid_fen >= 0 AND postage_paid_fen <= postage_claimed_fen),
  -- The refund at the payment provider: issued (fast at return shipment, or on approval/receipt), settled by webhook.
  fast_refund boolean NOT NULL DEFAULT false,
  refund_id text,
  refund_issued_at timestamptz,
  refunded_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (refunded_at IS NULL OR refund_issued_at IS NOT NULL)
);
CREATE INDEX after_sales_cases_order ON after_sales_cases (order_id, created_at);
CREATE INDEX after_sales_cases_user ON after_sales_cases (user_id, created_at DESC);
CREATE INDEX after_sales_cases_store ON after_sales_cases (store_id, status, created_at DESC);
CREATE INDEX after_sales_cases_status ON after_sales_cases (status, created_at);
-- One open case per order at a time (racing requests: the second insert fails).
CREATE UNIQUE INDEX after_sales_cases_one_open ON after_sales_cases (order_id)
  WHERE status IN ('requested', 'escalated', 'awaiting_return', 'return_shipped', 'refunding');

-- The order lines a case covers: units, and the money split fixed when the case was opened
-- (line 0 is the order's shipping charge, refunded only with the whole order before shipping).
CREATE TABLE after_sales_case_lines (
  case_id text NOT NULL REFERENCES after_sales_cases (id),
  line_no integer NOT NULL CHECK (line_no >= 0),
  quantity integer NOT NULL CHECK (quantity > 0),
  -- The first refunded unit of the line this case covers (units before it were refunded earlier).
  from_unit integer NOT NULL CHECK (from_unit >= 0),
  refund_fen bigint NOT NULL CHECK (refund_fen >= 0),
  fee_fen bigint NOT NULL CHECK (fee_fen >= 0),
  platform_discount_fen bigint NOT NULL CHECK (platform_discount_fen >= 0),
  store_discount_fen bigint NOT NULL CHECK (store_discount_fen >= 0),
  PRIMARY KEY (case_id, line_no)
);

-- Every state change of a case, with who did it and why.
CREATE TABLE after_sales_transitions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id text NOT NULL REFERENCES after_sales_cases (id),
  from_status text,
  to_status text NOT NULL,
  action text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('buyer', 'merchant', 'system', 'operator')),
  actor_id text,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX after_sales_transitions_case ON after_sales_transitions (case_id, id);

-- Compensation (赔付) paid to a buyer on an order by the service desk, funded by the platform or
-- the store, into the buyer's balance. Idempotent by (order, Idempotency-Key).
CREATE TABLE after_sales_compensations (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (id),
  user_id text NOT NULL,
  store_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  funded_by text NOT NULL CHECK (funded_by IN ('platform', 'store')),
  reason text NOT NULL,
  created_by text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, idempotency_key)
);
CREATE INDEX after_sales_compensations_order ON after_sales_compensations (order_id, created_at);
