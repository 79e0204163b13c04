-- The sandbox carrier's own books, as if it were another company's tracking service: it knows our
-- shipments only as merchant references and tells us about scans by signed webhooks.
CREATE TABLE sandbox_carrier_parcels (
  ref text PRIMARY KEY,
  merchant_ref text NOT NULL,
  carrier text NOT NULL,
  tracking_no text NOT NULL,
  -- the journey's next scan (0 = pick-up); scans happen one after another by durable jobs
  next_step integer NOT NULL DEFAULT 0 CHECK (next_step >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (carrier, tracking_no)
);

-- Scans to push to the merchant's webhook endpoint, with their delivery record.
CREATE TABLE sandbox_carrier_events (
  id text PRIMARY KEY,
  parcel_ref text NOT NULL REFERENCES sandbox_carrier_parcels (ref),
  seq integer NOT NULL,
  status text NOT NULL CHECK (status IN ('picked_up', 'in_transit', 'delivered')),
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deliveries integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  last_status integer,
  last_error text,
  UNIQUE (parcel_ref, seq)
);
