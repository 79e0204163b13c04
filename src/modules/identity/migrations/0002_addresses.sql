-- A shopper's address book. Name, phone and street detail are sealed (AES-256-GCM,
-- platform/crypto.ts); the region stays readable for statistics and shipping-zone rules.
CREATE TABLE addresses (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id),
  recipient_enc text NOT NULL,
  phone_enc text NOT NULL,
  detail_enc text NOT NULL,
  province text NOT NULL,
  city text NOT NULL,
  district text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_user ON addresses (user_id, created_at);
-- At most one default per shopper.
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default;
