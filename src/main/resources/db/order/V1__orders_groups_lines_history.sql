-- One order of one customer. Money in minor units of one currency. captured and refunded are
-- what the payment domain reported through its events.
CREATE TABLE orders (
  id               uuid        PRIMARY KEY,
  account_id       uuid        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending_payment', 'payment_failed', 'paid', 'fulfilling',
                                 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded')),
  currency         text        NOT NULL,
  total            bigint      NOT NULL CHECK (total > 0),
  captured         bigint      NOT NULL DEFAULT 0 CHECK (captured >= 0),
  refunded         bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  payment_id       uuid,
  cart_id          uuid,
  referral_code    text,
  shipping_address jsonb       NOT NULL,
  cancel_reason    text,
  placed_at        timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_account ON orders (account_id, id);

-- One fulfilment group per seller: what that seller ships, its share of the total, its
-- shipment and its refunds.
CREATE TABLE order_groups (
  id              uuid        PRIMARY KEY,
  order_id        uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  seller_id       uuid        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('pending_payment', 'paid', 'fulfilling', 'shipped',
                                'delivered', 'cancelled', 'refunded')),
  total           bigint      NOT NULL CHECK (total > 0),
  refunded        bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0),
  carrier         text,
  tracking_number text,
  shipped_at      timestamptz,
  delivered_at    timestamptz,
  UNIQUE (order_id, seller_id)
);
CREATE INDEX order_groups_seller ON order_groups (seller_id, order_id);

-- The lines, priced at placement from the catalog (never from the client).
CREATE TABLE order_lines (
  order_id   uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  group_id   uuid    NOT NULL REFERENCES order_groups (id) ON DELETE CASCADE,
  product_id uuid    NOT NULL,
  sku        text    NOT NULL,
  name       text    NOT NULL,
  quantity   integer NOT NULL CHECK (quantity > 0),
  unit_price bigint  NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

-- Which warehouse ships which units (from the inventory reservation), so a warehouse
-- operator sees and moves the groups it ships.
CREATE TABLE order_allocations (
  order_id     uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id   uuid    NOT NULL,
  warehouse_id uuid    NOT NULL,
  quantity     integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id, warehouse_id)
);
CREATE INDEX order_allocations_warehouse ON order_allocations (warehouse_id, order_id);

-- Every status change of an order or of one of its groups, with who made it.
CREATE TABLE order_history (
  id          uuid        PRIMARY KEY,
  order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  group_id    uuid,
  from_status text,
  to_status   text        NOT NULL,
  actor       text        NOT NULL,
  note        text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_history_order ON order_history (order_id, at, id);

-- Idempotency-Key per principal (see platform IdempotencyKeys).
CREATE TABLE idempotency_keys (
  principal     text        NOT NULL,
  key           text        NOT NULL,
  request_hash  text        NOT NULL,
  ids           uuid[]      NOT NULL,
  status        integer,
  response      jsonb,
  claimed_until timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
