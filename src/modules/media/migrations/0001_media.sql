-- Images: originals and resized variants as files under DATA_DIR/media/images/<id>/.
CREATE TABLE images (
  id text PRIMARY KEY,
  owner_id text,
  mime text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  bytes integer NOT NULL,
  variants text[] NOT NULL,
  ext text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
