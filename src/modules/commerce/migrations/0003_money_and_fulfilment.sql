-- Money per order line, fixed at checkout so that payment, refunds and statements all book the
-- same figures: the line's category and platform fee rate, and its share of each discount.
-- Discounts are split by who funds them: the platform (platform coupons) or the store (store and
-- live-room coupons). The platform fee is charged on what the store sells the line for
-- (line_fen − store_discount_fen); platform-funded discounts do not lower the store's take.
ALTER TABLE order_lines
  ADD COLUMN category_id text,
  ADD COLUMN fee_bps integer NOT NULL DEFAULT 0 CHECK (fee_bps BETWEEN 0 AND 10000),
  ADD COLUMN fee_fen bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  ADD COLUMN platform_discount_fen bigint NOT NULL DEFAULT 0 CHECK (platform_discount_fen >= 0),
  ADD COLUMN store_discount_fen bigint NOT NULL DEFAULT 0 CHECK (store_discount_fen >= 0);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_discount_within_line CHECK (platform_discount_fen + store_discount_fen <= line_fen);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_fee_within_take CHECK (fee_fen <= line_fen - store_discount_fen);

ALTER TABLE orders
  ADD COLUMN platform_discount_fen bigint NOT NULL DEFAULT 0 CHECK (platform_discount_fen >= 0),
  ADD COLUMN store_discount_fen bigint NOT NULL DEFAULT 0 CHECK (store_discount_fen >= 0),
  ADD COLUMN fee_fen bigint NOT NULL DEFAULT 0 CHECK (fee_fen >= 0),
  -- Fulfilment milestones: pick-up by the carrier (pay → pick-up feeds the experience score),
  -- delivery, and completion (buyer confirms, or auto-confirm N days after delivery).
  ADD COLUMN picked_up_at timestamptz,
  ADD COLUMN delivered_at timestamptz,
  ADD COLUMN completed_at timestamptz;
ALTER TABLE orders ADD CONSTRAINT orders_discount_split CHECK (discount_fen = platform_discount_fen + store_discount_fen);

-- The shipping address, copied from the buyer's address book at checkout. Name, phone and the
-- street detail are stored encrypted (AES-256-GCM, platform/crypto.ts); the masked forms and the
-- region are what merchants and creators see. Every full view is written to audit_log.
CREATE TABLE order_addresses (
  order_id text PRIMARY KEY REFERENCES orders (id),
  recipient_enc text NOT NULL,
  phone_enc text NOT NULL,
  detail_enc text NOT NULL,
  recipient_masked text NOT NULL,
  phone_masked text NOT NULL,
  province text NOT NULL,
  city text NOT NULL,
  district text NOT NULL
);
