-- Short videos (短视频): a creator's or a merchant's content, transcoded to HLS, carrying goods.
CREATE TABLE videos (
  id text PRIMARY KEY,
  author_id text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  topic text,
  -- awaiting_upload → processing → ready | failed; failed → processing again with a new upload.
  status text NOT NULL DEFAULT 'awaiting_upload' CHECK (status IN ('awaiting_upload', 'processing', 'ready', 'failed')),
  visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'hidden')),
  failure_reason text,
  -- Which upload the current transcode is for: a job for an older upload changes nothing.
  source_rev int NOT NULL DEFAULT 0,
  source_bytes bigint,
  source_container text,
  source_has_audio boolean,
  duration_ms int,
  width int,
  height int,
  renditions jsonb NOT NULL DEFAULT '[]',
  view_count bigint NOT NULL DEFAULT 0,
  like_count bigint NOT NULL DEFAULT 0,
  published_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX videos_author ON videos (author_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX videos_public ON videos (published_at DESC) WHERE status = 'ready' AND visibility = 'public' AND deleted_at IS NULL;

-- Product anchors (购物车 links): the goods a video carries, in the author's order.
CREATE TABLE video_products (
  video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  product_id text NOT NULL,
  position int NOT NULL,
  PRIMARY KEY (video_id, product_id)
);
CREATE INDEX video_products_product ON video_products (product_id);

-- One like per viewer; the count on videos is kept with it in the same transaction.
CREATE TABLE video_likes (
  video_id text NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, user_id)
);
