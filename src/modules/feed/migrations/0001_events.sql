-- Behaviour events (the distribution engine learns from them): what viewers did with videos,
-- live rooms and goods, sent by clients in batches, plus facts the server knows (orders, refunds,
-- complaints). Append-only and lean: written at tens of thousands of rows a second.
CREATE TABLE feed_events (
  -- Insertion order for readers that tail the log: the writing transaction, then a sequence.
  -- Sequence values are taken before commit, so two transactions can commit out of sequence
  -- order; a reader that only reads transactions older than every running one (xid below the
  -- snapshot's xmin) and orders by (tx, seq) never skips a row that commits late.
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq bigint GENERATED ALWAYS AS IDENTITY,
  -- Who: a signed-in user, or an anonymous viewer's device id.
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'device')),
  actor_id text NOT NULL,
  -- The client's own id of the event (server events: a natural key such as order:<id>:<product>).
  client_event_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('impression', 'play', 'finish', 'like', 'comment', 'share', 'follow', 'product_tap', 'add_to_cart', 'not_interested', 'quick_swipe', 'order', 'refund', 'complaint')),
  item_type text NOT NULL CHECK (item_type IN ('video', 'live', 'product')),
  item_id text NOT NULL,
  watch_ms int,
  duration_ms int,
  -- Where it happened (feed, search, mall, store, …) and the position on the page.
  source text,
  position int,
  -- When it happened by the client's clock (corrected when far off), and when we got it.
  at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tx, seq),
  -- A retried batch changes nothing: one row per actor and client event id.
  UNIQUE (actor_kind, actor_id, client_event_id)
);
