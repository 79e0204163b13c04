-- Payments: our side of every payment. A provider (the sandbox PSP, later Alipay / WeChat Pay)
-- holds its own records; we know it by provider_ref and learn outcomes from signed webhooks.
CREATE TABLE payment_intents (
  id text PRIMARY KEY,
  -- what is being paid for (an order group id); one intent per reference
  reference text NOT NULL UNIQUE,
  payer_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  currency text NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY'),
  description text NOT NULL,
  status text NOT NULL DEFAULT 'requires_payment' CHECK (status IN ('requires_payment', 'succeeded', 'failed')),
  provider text NOT NULL,
  provider_ref text UNIQUE,
  pay_url text,
  refunded_fen bigint NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= amount_fen),
  -- sequence of the newest provider payment event applied: older ones never move state back
  last_event_seq integer NOT NULL DEFAULT 0,
  succeeded_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'succeeded') = (succeeded_at IS NOT NULL)),
  CHECK (refunded_fen = 0 OR status = 'succeeded')
);
CREATE INDEX payment_intents_payer ON payment_intents (payer_id, created_at DESC);

CREATE TABLE payment_refunds (
  id text PRIMARY KEY,
  intent_id text NOT NULL REFERENCES payment_intents (id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  reason text NOT NULL,
  idempotency_key text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_ref text,
  created_at timestamptz NOT NULL DEFAULT now(),
  succeeded_at timestamptz,
  UNIQUE (intent_id, idempotency_key)
);
CREATE INDEX payment_refunds_intent ON payment_refunds (intent_id, created_at);

-- Every provider webhook event accepted (signature verified), once: a redelivery of the same
-- event id is acknowledged and changes nothing.
CREATE TABLE payment_webhook_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  provider_ref text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  note text,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
