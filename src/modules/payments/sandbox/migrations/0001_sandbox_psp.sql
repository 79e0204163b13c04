-- The sandbox payment provider's own books, as if it were another company's service: it knows
-- our intents only as merchant references and tells us about changes by signed webhooks.
CREATE TABLE sandbox_psp_payments (
  ref text PRIMARY KEY,
  merchant_ref text NOT NULL UNIQUE,
  payer_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  currency text NOT NULL,
  description text NOT NULL,
  merchant_name text NOT NULL,
  status text NOT NULL DEFAULT 'requires_confirmation' CHECK (status IN ('requires_confirmation', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  refunded_fen bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  -- events about this payment are numbered 1, 2, 3… so a receiver can order them
  event_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sandbox_psp_refunds (
  ref text PRIMARY KEY,
  payment_ref text NOT NULL REFERENCES sandbox_psp_payments (ref),
  merchant_refund_id text NOT NULL UNIQUE,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  status text NOT NULL DEFAULT 'succeeded' CHECK (status IN ('succeeded')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Events to deliver to the merchant's webhook endpoint, with their delivery record.
CREATE TABLE sandbox_psp_events (
  id text PRIMARY KEY,
  payment_ref text NOT NULL REFERENCES sandbox_psp_payments (ref),
  type text NOT NULL,
  seq integer NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deliveries integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  last_status integer,
  last_error text,
  UNIQUE (payment_ref, seq)
);
