-- Live rooms (直播间): a host (creator, or a merchant broadcasting for their own store: 自播)
-- schedules a room, pushes a stream with a secret key, and sells the goods in the room's bag.
CREATE TABLE live_rooms (
  id text PRIMARY KEY,
  host_id text NOT NULL,
  -- The store a merchant broadcasts for (自播); null for a creator's room.
  store_id text,
  title text NOT NULL,
  -- scheduled → live → ended; a dropped stream keeps the room live until the grace period ends.
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'ended')),
  scheduled_at timestamptz,
  started_at timestamptz,
  ended_at timestamptz,
  -- The stream key: found by its hash, shown again to the host from its sealed copy.
  stream_key_hash text NOT NULL UNIQUE,
  stream_key_sealed text NOT NULL,
  stream_connected boolean NOT NULL DEFAULT false,
  stream_sessions int NOT NULL DEFAULT 0,
  last_disconnect_at timestamptz,
  pinned_product_id text,
  replay_video_id text,
  peak_viewers int NOT NULL DEFAULT 0,
  like_count bigint NOT NULL DEFAULT 0,
  comment_count bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_rooms_host ON live_rooms (host_id, created_at DESC);
CREATE INDEX live_rooms_live ON live_rooms (started_at DESC) WHERE status = 'live';

-- The shopping bag (购物袋): the goods this room sells, in the host's order.
CREATE TABLE live_room_products (
  room_id text NOT NULL REFERENCES live_rooms (id) ON DELETE CASCADE,
  product_id text NOT NULL,
  position int NOT NULL,
  PRIMARY KEY (room_id, product_id)
);

-- Moderation: a muted viewer may watch but not comment; a banned one is put out of the room.
CREATE TABLE live_room_sanctions (
  room_id text NOT NULL REFERENCES live_rooms (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('mute', 'ban')),
  actor_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (room_id, user_id)
);
