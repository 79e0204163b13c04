-- Logistics: parcels we follow (an order's delivery, a buyer's return) and their carrier scans,
-- learned from a tracking provider (the sandbox carrier, later an aggregator like 快递100) by
-- signed webhooks.
CREATE TABLE shipments (
  id text PRIMARY KEY,
  -- what the parcel carries, by value: ('order', order id), ('return', return id), …
  ref_type text NOT NULL,
  ref_id text NOT NULL,
  carrier text NOT NULL,
  tracking_no text NOT NULL,
  provider text NOT NULL,
  provider_ref text,
  -- only moves forward (logistics/state.ts); out-of-order scans stay in the history
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'picked_up', 'in_transit', 'delivered')),
  picked_up_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ref_type, ref_id),
  -- one parcel, one shipment: a tracking number reused for another order would borrow that
  -- parcel's pick-up time (which the store experience score measures)
  UNIQUE (carrier, tracking_no),
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);

-- Every scan, in the carrier's words, once per provider event.
CREATE TABLE shipment_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  shipment_id text NOT NULL REFERENCES shipments (id),
  provider_event_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('picked_up', 'in_transit', 'delivered')),
  description text NOT NULL,
  location text,
  -- when the carrier scanned the parcel; received_at is when we heard of it
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipment_events_shipment ON shipment_events (shipment_id, at DESC, id DESC);

-- Every provider webhook event accepted (signature verified), once: a redelivery of the same
-- event id is acknowledged and changes nothing.
CREATE TABLE logistics_webhook_events (
  provider text NOT NULL,
  event_id text NOT NULL,
  carrier text NOT NULL,
  tracking_no text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  note text,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
