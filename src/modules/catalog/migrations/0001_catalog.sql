CREATE TABLE stores (
  id text PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT '',
  logo_image_id text,
  flagship boolean NOT NULL DEFAULT false,
  rural boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  follower_count integer NOT NULL DEFAULT 0 CHECK (follower_count >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Staff of a store. user_id is an identity id held by value: modules never join across tables.
CREATE TABLE store_members (
  store_id text NOT NULL REFERENCES stores (id),
  user_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'member')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, user_id)
);
CREATE INDEX store_members_user ON store_members (user_id);

CREATE TABLE store_followers (
  store_id text NOT NULL REFERENCES stores (id),
  user_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, user_id)
);
CREATE INDEX store_followers_user ON store_followers (user_id);

CREATE TABLE categories (
  id text PRIMARY KEY,
  parent_id text REFERENCES categories (id),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort integer NOT NULL DEFAULT 0
);

CREATE TABLE products (
  id text PRIMARY KEY,
  store_id text NOT NULL REFERENCES stores (id),
  category_id text NOT NULL REFERENCES categories (id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  attributes jsonb NOT NULL DEFAULT '[]'::jsonb,
  options jsonb NOT NULL DEFAULT '[]'::jsonb,
  image_ids text[] NOT NULL DEFAULT '{}',
  no_reason_return boolean NOT NULL DEFAULT true,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('draft', 'active', 'archived')),
  min_price_fen bigint NOT NULL DEFAULT 0,
  max_price_fen bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_store ON products (store_id, status, created_at DESC);
CREATE INDEX products_category ON products (category_id, status);

CREATE TABLE skus (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  code text NOT NULL DEFAULT '',
  option_values jsonb NOT NULL DEFAULT '{}'::jsonb,
  price_fen bigint NOT NULL CHECK (price_fen >= 0),
  list_price_fen bigint CHECK (list_price_fen IS NULL OR list_price_fen >= 0),
  -- Stock can never go below zero: every change is a conditional update checked here too.
  stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX skus_product ON skus (product_id);

-- Every stock change, with its reason: the stock ledger.
CREATE TABLE stock_movements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku_id text NOT NULL REFERENCES skus (id),
  delta integer NOT NULL,
  stock_after integer NOT NULL CHECK (stock_after >= 0),
  reason text NOT NULL,
  note text NOT NULL DEFAULT '',
  actor_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_sku ON stock_movements (sku_id, id DESC);
