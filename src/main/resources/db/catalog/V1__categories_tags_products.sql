-- A category tree: parent_id is null at the roots. Descendants are found with a recursive
-- query (the tree is small and changes rarely; nothing to keep in sync on a move).
CREATE TABLE categories (
  id         uuid        PRIMARY KEY,
  parent_id  uuid        REFERENCES categories (id),
  name       text        NOT NULL,
  slug       text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX categories_parent ON categories (parent_id);
-- Sibling names are unique (the roots among themselves too).
CREATE UNIQUE INDEX categories_sibling_slug ON categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), slug);

-- The tags admins curate; products carry tags as a text[] (no join to list or filter).
CREATE TABLE tags (
  name       text        PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Products owned by a selling principal (seller_id is the auth account id). Soft delete:
-- deleted_at hides a product from listings and reads, while get-products still resolves it.
CREATE TABLE products (
  id                  uuid        PRIMARY KEY,
  seller_id           uuid        NOT NULL,
  name                text        NOT NULL,
  slug                text        NOT NULL,
  description         text,
  price_amount        bigint      NOT NULL CHECK (price_amount >= 0),
  price_currency      char(3)     NOT NULL,
  status              text        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'archived')),
  category_id         uuid        REFERENCES categories (id),
  tags                text[]      NOT NULL DEFAULT '{}',
  attributes          jsonb       NOT NULL DEFAULT '{}',
  images              jsonb       NOT NULL DEFAULT '[]',
  sku                 text        NOT NULL,
  low_stock_threshold integer     NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0),
  rating_average      numeric(3, 2),                      -- filled from the review domain's events
  rating_count        integer     NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
  version             integer     NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  deleted_at          timestamptz
);
-- SKU and slug are unique per seller among live products (a deleted product frees them).
CREATE UNIQUE INDEX products_seller_sku ON products (seller_id, sku) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX products_seller_slug ON products (seller_id, slug) WHERE deleted_at IS NULL;
-- The listing's orders: newest (public and per seller), by category, by price, by name.
CREATE INDEX products_seller_newest ON products (seller_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX products_active_newest ON products (created_at DESC, id DESC) WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX products_active_category ON products (category_id, created_at DESC, id DESC) WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX products_active_price ON products (price_amount, id) WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX products_active_name ON products (name, id) WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX products_tags ON products USING gin (tags) WHERE deleted_at IS NULL;
