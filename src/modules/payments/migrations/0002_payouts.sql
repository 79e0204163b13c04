-- Payouts (提现打款): money the platform sends out (a creator withdrawing commission). One payout
-- per caller reference; the provider (the sandbox payout bank, later a real one) holds its own
-- records, we know it by provider_ref and learn the outcome from signed webhooks.
CREATE TABLE payouts (
  id text PRIMARY KEY,
  -- the caller's natural key (a withdrawal id): asking twice pays once
  reference text NOT NULL UNIQUE,
  payee_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  currency text NOT NULL DEFAULT 'CNY' CHECK (currency = 'CNY'),
  provider text NOT NULL,
  -- set in the same transaction that creates the payout, right after the provider answers
  provider_ref text,
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'paid', 'failed')),
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  UNIQUE (provider, provider_ref),
  CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
  CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
);
CREATE INDEX payouts_payee ON payouts (payee_id, created_at DESC);

-- The sandbox payout bank's own books, as if another company ran it: it knows our payouts only
-- as merchant references. (Kept in this file so payouts ship as one migration; payments never
-- reads these tables, only the sandbox bank does.)
CREATE TABLE sandbox_payout_transfers (
  ref text PRIMARY KEY,
  merchant_ref text NOT NULL UNIQUE,
  payee_id text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  currency text NOT NULL,
  status text NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'paid', 'failed')),
  failure_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);

-- Events to deliver to the merchant's webhook endpoint, with their delivery record.
CREATE TABLE sandbox_payout_events (
  id text PRIMARY KEY,
  transfer_ref text NOT NULL REFERENCES sandbox_payout_transfers (ref),
  type text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deliveries integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  last_status integer,
  last_error text
);
CREATE INDEX sandbox_payout_events_transfer ON sandbox_payout_events (transfer_ref, created_at);
