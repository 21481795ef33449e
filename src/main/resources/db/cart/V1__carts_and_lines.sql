-- A cart belongs to a customer (account_id) or to a guest holding a cart token (only its
-- SHA-256 hash is stored). Lines hold product and quantity only: prices, seller, status and
-- availability are read from catalog and inventory whenever the cart is read.
CREATE TABLE carts (
  cart_id     uuid PRIMARY KEY,
  account_id  uuid UNIQUE,
  token_hash  text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT carts_one_owner CHECK ((account_id IS NULL) <> (token_hash IS NULL))
);
-- The abandonment sweep deletes by age.
CREATE INDEX carts_updated_at ON carts (updated_at);

CREATE TABLE cart_lines (
  line_id     uuid PRIMARY KEY,
  cart_id     uuid NOT NULL REFERENCES carts (cart_id) ON DELETE CASCADE,
  product_id  uuid NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  added_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cart_lines_one_per_product UNIQUE (cart_id, product_id)
);
